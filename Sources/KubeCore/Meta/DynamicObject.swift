/// An object of any kind, kept as untyped JSON: for custom resources and kinds KubeCore does not model.
///
/// It round-trips every field it was given, including ones no typed model knows.
public struct DynamicObject: Codable, Sendable, Hashable {
    /// The whole object.
    public var json: JSONValue

    public init(json: JSONValue) { self.json = json }

    public init(from decoder: any Decoder) throws { json = try JSONValue(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

    public var apiVersion: String? {
        get { json["apiVersion"]?.stringValue }
        set { json["apiVersion"] = newValue.map(JSONValue.string) }
    }

    public var kind: String? {
        get { json["kind"]?.stringValue }
        set { json["kind"] = newValue.map(JSONValue.string) }
    }

    /// The typed metadata. Setting it replaces `metadata` wholesale, dropping fields `ObjectMeta` does not model.
    public var metadata: ObjectMeta {
        get { (try? json["metadata"]?.decode(as: ObjectMeta.self)) ?? ObjectMeta() }
        set { json["metadata"] = try? JSONValue(encoding: newValue) }
    }

    public var name: String? { json[path: ["metadata", "name"]]?.stringValue }
    public var namespace: String? { json[path: ["metadata", "namespace"]]?.stringValue }
}
