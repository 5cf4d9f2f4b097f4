/// A `Decodable` type that can also be built from an already parsed ``JSONValue``, faster than through Codable.
///
/// ``KubeJSON/decode(_:from:)`` parses the bytes of such a type with ``JSONValue/init(parsing:)`` and calls
/// ``init(json:)``, so the bulk of an object (spec, status, managed fields) never goes through `JSONDecoder`.
/// `JSONValue`, ``ObjectMeta``, ``ManagedFieldsEntry``, and ``WatchEvent`` and ``ObjectList`` of a conforming object
/// conform.
public protocol JSONValueDecodable: Decodable {
    /// Builds the value from its JSON form, with the result `init(from:)` gives for the same JSON.
    ///
    /// - Parameter json: The parsed JSON.
    /// - Throws: `DecodingError` when the JSON does not fit the type.
    init(json: JSONValue) throws
}

extension JSONValue: JSONValueDecodable {
    /// The value itself.
    public init(json: JSONValue) {
        self = json
    }
}

extension WatchEvent: JSONValueDecodable where Object: JSONValueDecodable {
    /// Reads `type` and `object`, building the object with `Object.init(json:)`.
    public init(json: JSONValue) throws {
        guard let typeName = json["type"]?.stringValue, let type = EventType(rawValue: typeName) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "a watch event needs a known string \"type\"")
            )
        }
        guard let object = json["object"] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a watch event needs \"object\""))
        }
        self.init(type: type, object: try Object(json: object))
    }
}

extension ObjectList: JSONValueDecodable where Item: JSONValueDecodable {
    /// Reads a list's members, building each item with `Item.init(json:)`; `"items": null` reads as no items.
    public init(json: JSONValue) throws {
        guard let members = json.objectValue else {
            throw DecodingError.typeMismatch(
                ObjectList.self,
                .init(codingPath: [], debugDescription: "a list is a \(json.typeName), not an object")
            )
        }
        let items = members["items"].flatMap { $0.isNull ? nil : $0 }
        guard items == nil || items?.arrayValue != nil else {
            throw DecodingError.typeMismatch(
                [Item].self,
                .init(codingPath: [], debugDescription: "items is a \(items?.typeName ?? ""), not an array")
            )
        }
        self.init(
            apiVersion: members["apiVersion"]?.stringValue,
            kind: members["kind"]?.stringValue,
            metadata: try members["metadata"].flatMap { $0.isNull ? nil : try $0.decode(as: ListMeta.self) }
                ?? ListMeta(),
            items: try (items?.arrayValue ?? []).map(Item.init(json:))
        )
    }
}

extension ObjectMeta: JSONValueDecodable {
    /// Reads metadata from JSON; `managedFields` (most of its bytes, with their `fieldsV1` tries) are taken from the
    /// JSON as they are and only the rest goes through Codable. `null` reads as empty metadata.
    public init(json: JSONValue) throws {
        if json.isNull {
            self.init()
            return
        }
        guard var members = json.objectValue else {
            throw DecodingError.typeMismatch(
                ObjectMeta.self,
                .init(codingPath: [], debugDescription: "metadata is a \(json.typeName), not an object")
            )
        }
        let managed = members.removeValue(forKey: "managedFields")
        self = try JSONValue.object(members).decode(as: ObjectMeta.self)
        guard let managed, !managed.isNull else { return }
        guard let entries = managed.arrayValue else {
            throw DecodingError.typeMismatch(
                [ManagedFieldsEntry].self,
                .init(codingPath: [], debugDescription: "managedFields is a \(managed.typeName), not an array")
            )
        }
        managedFields = try entries.map(ManagedFieldsEntry.init(json:))
    }
}

extension ManagedFieldsEntry: JSONValueDecodable {
    /// Reads an entry from JSON, keeping `fieldsV1` as parsed.
    public init(json: JSONValue) throws {
        guard var members = json.objectValue else {
            throw DecodingError.typeMismatch(
                ManagedFieldsEntry.self,
                .init(codingPath: [], debugDescription: "a managedFields entry is a \(json.typeName), not an object")
            )
        }
        let fields = members.removeValue(forKey: "fieldsV1")
        self = try JSONValue.object(members).decode(as: ManagedFieldsEntry.self)
        fieldsV1 = fields.flatMap { $0.isNull ? nil : $0 }
    }
}
