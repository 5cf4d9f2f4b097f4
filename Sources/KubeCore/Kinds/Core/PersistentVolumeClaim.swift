/// A request for storage, bound to a PersistentVolume (core/v1 `PersistentVolumeClaim`).
///
/// Also the element type of `StatefulSetSpec.volumeClaimTemplates`.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct PersistentVolumeClaim: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "PersistentVolumeClaim",
        plural: "persistentvolumeclaims",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec?
    public var status: PersistentVolumeClaimStatus?

    public init(
        metadata: ObjectMeta,
        spec: PersistentVolumeClaimSpec? = nil,
        status: PersistentVolumeClaimStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired storage of a claim (core/v1 `PersistentVolumeClaimSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct PersistentVolumeClaimSpec: Codable, Sendable, Hashable {
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// Selects volumes to bind to by label.
    public var selector: LabelSelector?
    /// The requested size under `requests.storage`; may grow when the storage class allows expansion.
    public var resources: VolumeResourceRequirements?
    /// The PersistentVolume to bind to.
    public var volumeName: String?
    /// The StorageClass; `""` means no class, absent means the default class.
    public var storageClassName: String?
    /// `Filesystem` (default) or `Block`.
    public var volumeMode: String?
    /// A snapshot or claim to pre-populate the volume from.
    public var dataSource: TypedLocalObjectReference?
    /// Like `dataSource`, but may refer to any populator kind and to another namespace.
    public var dataSourceRef: TypedObjectReference?
    public var volumeAttributesClassName: String?

    public init(
        accessModes: [String]? = nil,
        selector: LabelSelector? = nil,
        resources: VolumeResourceRequirements? = nil,
        volumeName: String? = nil,
        storageClassName: String? = nil,
        volumeMode: String? = nil,
        dataSource: TypedLocalObjectReference? = nil,
        dataSourceRef: TypedObjectReference? = nil,
        volumeAttributesClassName: String? = nil
    ) {
        self.accessModes = accessModes
        self.selector = selector
        self.resources = resources
        self.volumeName = volumeName
        self.storageClassName = storageClassName
        self.volumeMode = volumeMode
        self.dataSource = dataSource
        self.dataSourceRef = dataSourceRef
        self.volumeAttributesClassName = volumeAttributesClassName
    }
}

/// The observed state of a claim (core/v1 `PersistentVolumeClaimStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct PersistentVolumeClaimStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
    public var accessModes: [String]?
    /// The size of the bound volume.
    public var capacity: [String: Quantity]?
    /// Conditions such as `Resizing` and `FileSystemResizePending`.
    public var conditions: [PersistentVolumeClaimCondition]?
    public var allocatedResources: [String: Quantity]?
    /// The state of an ongoing resize per resource, e.g. `ControllerResizeInProgress`.
    public var allocatedResourceStatuses: [String: String]?
    public var currentVolumeAttributesClassName: String?
    /// The state of a volume attributes class change, kept untyped (`ModifyVolumeStatus`).
    public var modifyVolumeStatus: JSONValue?

    public init(
        phase: String? = nil,
        accessModes: [String]? = nil,
        capacity: [String: Quantity]? = nil,
        conditions: [PersistentVolumeClaimCondition]? = nil,
        allocatedResources: [String: Quantity]? = nil,
        allocatedResourceStatuses: [String: String]? = nil,
        currentVolumeAttributesClassName: String? = nil,
        modifyVolumeStatus: JSONValue? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
        self.allocatedResources = allocatedResources
        self.allocatedResourceStatuses = allocatedResourceStatuses
        self.currentVolumeAttributesClassName = currentVolumeAttributesClassName
        self.modifyVolumeStatus = modifyVolumeStatus
    }
}

/// A condition of a claim (core/v1 `PersistentVolumeClaimCondition`), which carries `lastProbeTime`.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct PersistentVolumeClaimCondition: Codable, Sendable, Hashable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: String,
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
