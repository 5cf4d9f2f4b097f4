import Foundation

/// Reads the members of a parsed JSON object into typed fields with the rules of a synthesized `Decodable` read by
/// `JSONDecoder`: a missing member or `null` is `nil` for an optional field, a member of the wrong type throws
/// `DecodingError.typeMismatch`, a missing required member `DecodingError.keyNotFound`, and unknown members are
/// ignored.
///
/// ``JSONValueDecodable`` conformances of the metadata types use it, so the strings of a cached object are the
/// parser's own (no `JSONDecoder` round trip, no second copy of every label).
struct JSONObjectReader {
    private let members: JSONObject
    private let codingPath: [any CodingKey]

    /// Reads `json`, which must be an object; `type` names the expected type in the error otherwise.
    init<T>(_ json: JSONValue, as type: T.Type, codingPath: [any CodingKey] = []) throws {
        guard let members = json.objectValue else {
            throw DecodingError.typeMismatch(
                type,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(json.typeName)")
            )
        }
        self.members = members
        self.codingPath = codingPath
    }

    /// The member `key` unless it is missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.stringValue else { throw mismatch(String.self, key, value) }
        return string
    }

    func requiredString(_ key: String) throws -> String {
        guard let string = try string(key) else { throw missing(key) }
        return string
    }

    func integer(_ key: String) throws -> Int64? {
        guard let value = value(key) else { return nil }
        guard let integer = value.integerValue else { throw mismatch(Int64.self, key, value) }
        return integer
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.boolValue else { throw mismatch(Bool.self, key, value) }
        return bool
    }

    func time<T: RFC3339Timestamp>(_ key: String, as type: T.Type) throws -> T? {
        guard let text = try string(key) else { return nil }
        guard let date = Time.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(key), debugDescription: "not an RFC 3339 time: \(text)")
            )
        }
        return T(date)
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = value(key) else { return nil }
        guard let members = value.objectValue else { throw mismatch([String: String].self, key, value) }
        var map = [String: String](minimumCapacity: members.count)
        for (name, member) in members {
            guard let string = member.stringValue else {
                throw DecodingError.typeMismatch(
                    String.self,
                    .init(
                        codingPath: path(key) + [Key(name)],
                        debugDescription: "expected a string, found \(member.typeName)"
                    )
                )
            }
            map[name] = string
        }
        return map
    }

    func strings(_ key: String) throws -> [String]? {
        try array(key) { element, codingPath in
            guard let string = element.stringValue else {
                throw DecodingError.typeMismatch(
                    String.self,
                    .init(codingPath: codingPath, debugDescription: "expected a string, found \(element.typeName)")
                )
            }
            return string
        }
    }

    /// The member `key` as an array, each element read by `read` with its coding path.
    func array<Element>(
        _ key: String,
        _ read: (JSONValue, [any CodingKey]) throws -> Element
    ) throws -> [Element]? {
        guard let value = value(key) else { return nil }
        guard let elements = value.arrayValue else { throw mismatch([Element].self, key, value) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try read(element, path(key) + [Key(index: index)]))
        }
        return result
    }

    private func path(_ key: String) -> [any CodingKey] { codingPath + [Key(key)] }

    private func mismatch<T>(_ type: T.Type, _ key: String, _ value: JSONValue) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path(key), debugDescription: "expected \(type), found \(value.typeName)"))
    }

    private func missing(_ key: String) -> DecodingError {
        .keyNotFound(Key(key), .init(codingPath: codingPath, debugDescription: "no value for \"\(key)\""))
    }

    /// A member name or array index in a coding path.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(_ string: String) { stringValue = string }
        init(index: Int) {
            stringValue = "Index \(index)"
            intValue = index
        }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(index: intValue) }
    }
}
