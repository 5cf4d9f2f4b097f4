/// A `Decodable` type that can also be built from an already parsed ``JSONValue``, faster than through Codable.
///
/// ``KubeJSON/decode(_:from:)`` parses the bytes of such a type with ``JSONValue/init(parsing:)`` and calls
/// ``init(json:)``, so the bulk of an object (spec, status, managed fields) never goes through `JSONDecoder`; a list's
/// items are built with it one by one as the list is parsed. `JSONValue`, ``DynamicObject``, ``ObjectMeta``,
/// ``OwnerReference``, ``ManagedFieldsEntry``, and ``WatchEvent`` and ``ObjectList`` of a conforming object conform.
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

extension DynamicObject: JSONValueDecodable {}

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
        // Not `flatMap { $0.isNull ? nil : $0 }`: that `nil` would be JSONValue's own nil literal, `.null`.
        var items = members["items"]
        if items?.isNull == true { items = nil }
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
    /// Reads metadata from JSON member by member, without Codable, as the synthesized `init(from:)` would (unknown
    /// members ignored, `null` as absent); `managedFields` keep their `fieldsV1` tries as parsed. The strings are the
    /// parsed JSON's own, so a cache of thousands of objects holds no second copy of their labels. `null` reads as
    /// empty metadata.
    public init(json: JSONValue) throws {
        if json.isNull {
            self.init()
            return
        }
        let reader = try JSONObjectReader(json, as: ObjectMeta.self)
        self.init(
            name: try reader.string("name"),
            generateName: try reader.string("generateName"),
            namespace: try reader.string("namespace"),
            uid: try reader.string("uid"),
            resourceVersion: try reader.string("resourceVersion"),
            generation: try reader.integer("generation"),
            creationTimestamp: try reader.time("creationTimestamp", as: Time.self),
            deletionTimestamp: try reader.time("deletionTimestamp", as: Time.self),
            deletionGracePeriodSeconds: try reader.integer("deletionGracePeriodSeconds"),
            labels: try reader.stringMap("labels"),
            annotations: try reader.stringMap("annotations"),
            ownerReferences: try reader.array("ownerReferences") { element, path in
                try OwnerReference(json: element, codingPath: path)
            },
            finalizers: try reader.strings("finalizers"),
            managedFields: try reader.array("managedFields") { element, path in
                try ManagedFieldsEntry(json: element, codingPath: path)
            }
        )
    }
}

extension OwnerReference: JSONValueDecodable {
    /// Reads an owner reference from JSON without Codable.
    public init(json: JSONValue) throws {
        try self.init(json: json, codingPath: [])
    }

    init(json: JSONValue, codingPath: [any CodingKey]) throws {
        let reader = try JSONObjectReader(json, as: OwnerReference.self, codingPath: codingPath)
        self.init(
            apiVersion: try reader.requiredString("apiVersion"),
            kind: try reader.requiredString("kind"),
            name: try reader.requiredString("name"),
            uid: try reader.requiredString("uid"),
            controller: try reader.bool("controller"),
            blockOwnerDeletion: try reader.bool("blockOwnerDeletion")
        )
    }
}

extension ManagedFieldsEntry: JSONValueDecodable {
    /// Reads an entry from JSON without Codable, keeping `fieldsV1` as parsed.
    public init(json: JSONValue) throws {
        try self.init(json: json, codingPath: [])
    }

    init(json: JSONValue, codingPath: [any CodingKey]) throws {
        let reader = try JSONObjectReader(json, as: ManagedFieldsEntry.self, codingPath: codingPath)
        self.init(
            manager: try reader.string("manager"),
            operation: try reader.string("operation"),
            apiVersion: try reader.string("apiVersion"),
            time: try reader.time("time", as: Time.self),
            fieldsType: try reader.string("fieldsType"),
            fieldsV1: reader.value("fieldsV1"),
            subresource: try reader.string("subresource")
        )
    }
}
