import KubeCore

/// What the reconciler knows about one existing child object, read from its cache.
///
/// Caches keep children summarised (see `AppliedObject` in KubeRuntime): metadata, the replica count, a digest of
/// the fields our field manager owns and, for the workloads whose progress is reported, status — enough to decide
/// whether an apply would change anything and how far a workload has rolled, without holding whole objects in
/// memory.
struct ObservedChild: Sendable, Hashable {
    /// Which object.
    var key: ChildKey
    /// Its metadata (without managedFields).
    var metadata: ObjectMeta
    /// Its status, as the server reports it; `nil` for a kind whose cache drops status (``OwnedKind/keepsStatus``).
    var status: JSONValue?
    /// `spec.replicas` of a scalable workload: for an autoscaled Deployment, the HPA's choice.
    var specReplicas: Int32?
    /// The digest of the fields our field manager owns, or `nil` when it never applied this object.
    var appliedFieldsDigest: AppliedFieldsDigest?

    /// Whether applying `desired` would change nothing: we own exactly its fields, with its values.
    func isApplied(_ desired: JSONValue) -> Bool {
        guard let appliedFieldsDigest else { return false }
        return appliedFieldsDigest == AppliedFieldsDigest(desired: desired)
    }

    /// The UID of the object's controller owner, if any.
    var controllerUID: String? {
        metadata.ownerReferences?.first { $0.controller == true }?.uid
    }

    /// The typed status, or `nil` when there is none or it does not decode.
    func decodedStatus<Status: Decodable>(as type: Status.Type) -> Status? {
        try? status?.decode(as: type)
    }
}
