/// A coding key for any top-level member of an object, for types that read some members typed and keep the rest.
package struct ObjectMemberKey: CodingKey, Sendable {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }

    package static let apiVersion = ObjectMemberKey(stringValue: "apiVersion")
    package static let kind = ObjectMemberKey(stringValue: "kind")
    package static let metadata = ObjectMemberKey(stringValue: "metadata")
    package static let status = ObjectMemberKey(stringValue: "status")
}
