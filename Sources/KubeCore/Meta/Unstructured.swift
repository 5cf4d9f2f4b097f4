/// An object of a kind known by its typed model, kept as JSON so that every field survives a round trip.
///
/// Typed models drop the fields they do not declare (a field added in a newer API version, an alpha field), so an
/// object read into a typed model and written back can lose data, and a digest of it would not see those fields.
/// `Unstructured` decodes only ``metadata`` into ``ObjectMeta`` and keeps everything else — `spec`, `data`,
/// `status`, … — as ``body``; `metadata` members that `ObjectMeta` does not model are kept aside and written back
/// too. Decoding and then encoding produces the same JSON. Its REST address is `Kind`'s, so it works with every
/// typed client call and store: `client.get(Unstructured<Deployment>.self, …)`.
///
/// Like client-go's `unstructured.Unstructured`; see
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#standard-api-terminology>.
public struct Unstructured<Kind: KubernetesObject>: KubernetesObject, Hashable {
    /// The REST address of `Kind`.
    public static var resource: ResourceDescriptor { Kind.resource }

    /// The `apiVersion` field.
    public var apiVersion: String?
    /// The `kind` field.
    public var kind: String?
    /// The typed metadata.
    public var metadata: ObjectMeta
    /// Every top-level member except `apiVersion`, `kind` and `metadata`, as a JSON object.
    public var body: JSONValue
    /// `metadata` members that `ObjectMeta` does not model, written back on encoding.
    private var unmodelledMetadata: JSONObject

    /// The members `ObjectMeta` encodes; any other `metadata` member is kept in `unmodelledMetadata`.
    static var modelledMetadata: Set<String> {
        [
            "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
            "finalizers", "managedFields",
        ]
    }

    /// The members not kept in ``body``.
    private static var typeAndMetadata: Set<String> { ["apiVersion", "kind", "metadata"] }

    /// Makes an object of `Kind` with `apiVersion` and `kind` filled in.
    ///
    /// - Parameters:
    ///   - metadata: The metadata.
    ///   - body: The other top-level members (`spec`, `data`, …), as a JSON object.
    public init(metadata: ObjectMeta, body: JSONValue = .object([:])) {
        apiVersion = Kind.resource.apiVersion
        kind = Kind.resource.kind
        self.metadata = metadata
        self.body = body
        unmodelledMetadata = [:]
    }

    /// Reads a whole object from its JSON form.
    ///
    /// - Parameter json: The object, e.g. as returned by the API server.
    /// - Throws: `DecodingError` when `metadata` is not a valid `ObjectMeta`.
    public init(json: JSONValue) throws {
        self = try json.decode(as: Self.self)
    }

    /// Converts a typed object, keeping every field its model encodes.
    ///
    /// - Parameter object: The typed object.
    /// - Throws: `EncodingError` or `DecodingError` when the model's JSON is not an object.
    public init(_ object: Kind) throws {
        try self.init(json: JSONValue(encoding: object))
    }

    /// The whole object as JSON: `apiVersion`, `kind`, `metadata` and the members of ``body``.
    public var json: JSONValue {
        get throws { try JSONValue(encoding: self) }
    }

    /// Decodes the object as its typed model, dropping fields the model does not declare.
    ///
    /// - Returns: The typed object.
    /// - Throws: `DecodingError` when the JSON does not fit the model.
    public func typed() throws -> Kind {
        try json.decode(as: Kind.self)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ObjectMemberKey.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        let rawMetadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)?.objectValue ?? [:]
        unmodelledMetadata = rawMetadata.filter { !Self.modelledMetadata.contains($0.key) }
        var members: JSONObject = [:]
        for key in container.allKeys where !Self.typeAndMetadata.contains(key.stringValue) {
            members[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        body = .object(members)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ObjectMemberKey.self)
        for (name, value) in body.objectValue ?? [:] where !Self.typeAndMetadata.contains(name) {
            try container.encode(value, forKey: ObjectMemberKey(stringValue: name))
        }
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try container.encodeIfPresent(kind, forKey: .kind)
        if unmodelledMetadata.isEmpty {
            try container.encode(metadata, forKey: .metadata)
        } else {
            var merged = unmodelledMetadata
            for (name, value) in try JSONValue(encoding: metadata).objectValue ?? [:] { merged[name] = value }
            try container.encode(JSONValue.object(merged), forKey: .metadata)
        }
    }
}
