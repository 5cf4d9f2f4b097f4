/// Metadata every persisted object carries (`metav1.ObjectMeta`).
///
/// Every field is optional and omitted when `nil`, so a server-side apply body built from an `ObjectMeta` claims only
/// the fields that were set. See <https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/>.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var managedFields: [ManagedFieldsEntry]?

    public init(
        name: String? = nil,
        generateName: String? = nil,
        namespace: String? = nil,
        uid: String? = nil,
        resourceVersion: String? = nil,
        generation: Int64? = nil,
        creationTimestamp: Time? = nil,
        deletionTimestamp: Time? = nil,
        deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil,
        managedFields: [ManagedFieldsEntry]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }
}

/// A pointer from a dependent to its owner, used by garbage collection (`metav1.OwnerReference`).
///
/// See <https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/>.
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    /// Whether this owner is the managing controller; at most one reference may set it.
    public var controller: Bool?
    /// Whether foreground deletion of the owner waits for this dependent.
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String,
        kind: String,
        name: String,
        uid: String,
        controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// One field manager's ownership record in `metadata.managedFields` (`metav1.ManagedFieldsEntry`).
///
/// `fieldsV1` is the field set in the API's trie encoding (`{"f:spec":{"f:replicas":{}}}`).
/// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management>.
public struct ManagedFieldsEntry: Codable, Sendable, Hashable {
    public var manager: String?
    /// `Apply` or `Update`.
    public var operation: String?
    public var apiVersion: String?
    public var time: Time?
    public var fieldsType: String?
    public var fieldsV1: JSONValue?
    public var subresource: String?

    public init(
        manager: String? = nil,
        operation: String? = nil,
        apiVersion: String? = nil,
        time: Time? = nil,
        fieldsType: String? = nil,
        fieldsV1: JSONValue? = nil,
        subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = fieldsType
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }
}

/// Metadata of a list response (`metav1.ListMeta`).
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    /// Opaque token for the next page; empty or absent on the last page.
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
