public import KubeCore

/// A memory-lean cache entry for a child object that a controller server-side applies: metadata, status and a
/// digest of the applied fields, without the rest of the object.
///
/// A controller that owns many children (Deployments, Services, ConfigMaps) must, on every reconcile, decide whether
/// to apply each desired child; issuing an apply that changes nothing still costs a request and, at scale, API
/// server load. Keeping whole children in the cache to compare would cost their full size (a Deployment with its
/// managed fields is several kilobytes). `AppliedObject` keeps what a reconcile reads — ``metadata`` (without
/// `managedFields`), ``status`` — plus ``appliedFieldsDigest``, the fingerprint of the fields this controller owns
/// in the live object, from which ``wouldApplyChange(_:)`` answers the question (see ``AppliedFieldsDigest``).
///
/// Decoding keeps the whole object as received; ``summarized(fieldManager:)`` computes the digest and drops
/// everything else. Use it as the cache's transform, so each watch event is summarised before it is stored:
///
/// ```swift
/// builder.owns(
///     AppliedObject<Deployment>.self,
///     transform: AppliedObject<Deployment>.summarizing(fieldManager: "agri-operator")
/// )
/// ```
///
/// The digest is derived data and is not encoded: encoding writes `apiVersion`, `kind`, `metadata`, `status` and,
/// before summarising, the other members as received. Decoding an encoded summary therefore has no digest until it
/// is summarised again from a full object.
///
/// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/> and kube-rs's guidance on reflector
/// memory, <https://kube.rs/controllers/optimization/>.
public struct AppliedObject<Kind: KubernetesObject>: KubernetesObject, Hashable {
    /// The REST address of `Kind`.
    public static var resource: ResourceDescriptor { Kind.resource }

    /// The `apiVersion` field.
    public var apiVersion: String?
    /// The `kind` field.
    public var kind: String?
    /// The metadata; `managedFields` is `nil` once summarised.
    public var metadata: ObjectMeta
    /// The `status` member as JSON, or `nil` when the object has none; see ``decodeStatus(as:)``.
    public var status: JSONValue?
    /// The fingerprint of the fields the field manager owns through server-side apply, set by
    /// ``summarized(fieldManager:)``; `nil` before that, or when that manager never applied the object.
    public private(set) var appliedFieldsDigest: AppliedFieldsDigest?
    /// `spec.replicas` of a scalable kind (Deployment, StatefulSet, ReplicaSet), kept in the summary because how
    /// far a rollout has come is measured against it — and for an autoscaled workload it is the autoscaler's
    /// choice, which no desired object carries. `nil` when the object has none.
    public private(set) var specReplicas: Int32?
    /// The whole object as received, kept until ``summarized(fieldManager:)`` computes the digest from it.
    private var received: JSONValue?

    /// Makes a summary directly, e.g. for tests or a fake cache.
    ///
    /// - Parameters:
    ///   - metadata: The metadata.
    ///   - status: The `status` member.
    ///   - appliedFieldsDigest: The digest of the applied fields, if known.
    ///   - specReplicas: `spec.replicas`, for a scalable kind.
    public init(
        metadata: ObjectMeta,
        status: JSONValue? = nil,
        appliedFieldsDigest: AppliedFieldsDigest? = nil,
        specReplicas: Int32? = nil
    ) {
        apiVersion = Kind.resource.apiVersion
        kind = Kind.resource.kind
        self.metadata = metadata
        self.status = status
        self.appliedFieldsDigest = appliedFieldsDigest
        self.specReplicas = specReplicas
    }

    /// Reads a whole object from its JSON form, as the API server returns it.
    ///
    /// The same as `init(from:)` on the JSON's bytes, without Codable for anything but metadata's typed fields:
    /// the watch and the responses decode children this way (see ``KubeCore/JSONValueDecodable``).
    ///
    /// - Parameter json: The object.
    /// - Throws: `DecodingError` when `json` is not an object or `metadata` is not a valid `ObjectMeta`.
    public init(json: JSONValue) throws {
        guard let members = json.objectValue else {
            throw DecodingError.typeMismatch(
                AppliedObject.self,
                .init(codingPath: [], debugDescription: "an object is a \(json.typeName), not an object")
            )
        }
        apiVersion = members["apiVersion"]?.stringValue
        kind = members["kind"]?.stringValue
        metadata = try members["metadata"].map(ObjectMeta.init(json:)) ?? ObjectMeta()
        status = members["status"]
        received = json
        specReplicas = members["spec"]?["replicas"]?.integerValue.flatMap { Int32(exactly: $0) }
    }

    /// Whether everything but metadata and status has been dropped.
    public var isSummarized: Bool { received == nil }

    /// The summary: the digest of the fields `fieldManager` applied, metadata without `managedFields`, status (unless
    /// dropped) and ``specReplicas``.
    ///
    /// The digest is computed from the object as it was decoded (see ``AppliedFieldsDigest/init(live:fieldManager:)``);
    /// changes made to ``metadata`` after decoding are not part of it. Summarising a summary returns it unchanged
    /// (without its status if `keepingStatus` is `false`). A controller that never reads the status of a kind it owns
    /// (a Service's load balancer, an autoscaler's metrics and conditions) need not cache it: for a
    /// HorizontalPodAutoscaler that is most of what the summary would hold.
    ///
    /// - Parameters:
    ///   - fieldManager: The field manager the controller applies with, e.g. `agri-operator`.
    ///   - keepingStatus: Whether ``status`` is kept; when `false` it is `nil` in the summary.
    /// - Returns: The summarised object.
    public func summarized(fieldManager: String, keepingStatus: Bool = true) -> AppliedObject {
        var summary = self
        if !keepingStatus { summary.status = nil }
        guard let received else { return summary }
        summary.appliedFieldsDigest = AppliedFieldsDigest(live: received, fieldManager: fieldManager)
        summary.received = nil
        summary.metadata.managedFields = nil
        return summary
    }

    /// A cache transform that summarises each object before it is stored, for
    /// `ControllerBuilder.owns(_:transform:)` or ``Store/init(transform:indexers:)``.
    ///
    /// - Parameters:
    ///   - fieldManager: The field manager the controller applies with.
    ///   - keepingStatus: Whether the cache keeps each object's ``status``; pass `false` for a kind whose status
    ///     the controller never reads.
    /// - Returns: The transform.
    public static func summarizing(
        fieldManager: String,
        keepingStatus: Bool = true
    ) -> Store<AppliedObject<Kind>>.Transform {
        { object in object.summarized(fieldManager: fieldManager, keepingStatus: keepingStatus) }
    }

    /// Whether applying `desired` with the summarised field manager would change the live object.
    ///
    /// `true` when there is no digest (the manager never applied the object, or it is not summarised) or when the
    /// desired object's digest differs from the live one: a field was added, changed or dropped in `desired`, or
    /// another manager took over or changed a field the controller owns. Another manager's own fields (an added
    /// annotation, a defaulted field) do not count. See ``AppliedFieldsDigest`` for what the comparison cannot see.
    ///
    /// - Parameter desired: The apply configuration as it would be sent.
    /// - Returns: Whether an apply is needed.
    public func wouldApplyChange(_ desired: JSONValue) -> Bool {
        guard let appliedFieldsDigest else { return true }
        return AppliedFieldsDigest(desired: desired) != appliedFieldsDigest
    }

    /// Decodes ``status`` as a typed value, e.g. `DeploymentStatus`.
    ///
    /// - Parameter type: The status type.
    /// - Returns: The status, or `nil` when the object has none.
    /// - Throws: `DecodingError` when the status does not fit `type`.
    public func decodeStatus<S: Decodable>(as type: S.Type = S.self) throws -> S? {
        try status.map { try $0.decode(as: type) }
    }

    public init(from decoder: any Decoder) throws {
        // Every member is decoded once as JSON (metadata also as ObjectMeta): decoding is most of a controller's
        // CPU when children change often, so the whole object is not decoded a second time.
        let container = try decoder.container(keyedBy: ObjectMemberKey.self)
        var members: JSONObject = [:]
        members.reserveCapacity(container.allKeys.count)
        for key in container.allKeys {
            members[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        apiVersion = members["apiVersion"]?.stringValue
        kind = members["kind"]?.stringValue
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        status = members["status"]
        received = .object(members)
        specReplicas = received?[path: ["spec", "replicas"]]?.integerValue.flatMap { Int32(exactly: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ObjectMemberKey.self)
        for (name, value) in received?.objectValue ?? [:]
        where !["apiVersion", "kind", "metadata", "status"].contains(name) {
            try container.encode(value, forKey: ObjectMemberKey(stringValue: name))
        }
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

extension AppliedObject: JSONValueDecodable {}
