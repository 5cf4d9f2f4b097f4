/// Pods with stable identities and per-pod storage, created and updated in order (apps/v1 `StatefulSet`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/>.
public struct StatefulSet: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps",
        version: "v1",
        kind: "StatefulSet",
        plural: "statefulsets",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec?
    public var status: StatefulSetStatus?

    public init(metadata: ObjectMeta, spec: StatefulSetSpec? = nil, status: StatefulSetStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a StatefulSet (apps/v1 `StatefulSetSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/#StatefulSetSpec>.
public struct StatefulSetSpec: Codable, Sendable, Hashable {
    /// The desired number of pods; defaults to 1.
    public var replicas: Int32?
    /// Selects the pods this StatefulSet owns; must match the template's labels and is immutable.
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    /// Claims created once per pod (`<template>-<set>-<ordinal>`) and mounted by name; immutable.
    public var volumeClaimTemplates: [PersistentVolumeClaim]?
    /// The headless Service that gives pods their DNS names.
    public var serviceName: String?
    /// `OrderedReady` (default) or `Parallel`; immutable.
    public var podManagementPolicy: String?
    public var updateStrategy: StatefulSetUpdateStrategy?
    /// Old ControllerRevisions kept; defaults to 10.
    public var revisionHistoryLimit: Int32?
    /// Seconds a new pod must be ready, without crashing, to count as available.
    public var minReadySeconds: Int32?
    /// Whether claims from `volumeClaimTemplates` are deleted with the set or on scale-down.
    public var persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy?
    /// The first ordinal used for pod names.
    public var ordinals: StatefulSetOrdinals?

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec? = nil,
        volumeClaimTemplates: [PersistentVolumeClaim]? = nil,
        serviceName: String? = nil,
        podManagementPolicy: String? = nil,
        updateStrategy: StatefulSetUpdateStrategy? = nil,
        revisionHistoryLimit: Int32? = nil,
        minReadySeconds: Int32? = nil,
        persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy? = nil,
        ordinals: StatefulSetOrdinals? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.volumeClaimTemplates = volumeClaimTemplates
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.revisionHistoryLimit = revisionHistoryLimit
        self.minReadySeconds = minReadySeconds
        self.persistentVolumeClaimRetentionPolicy = persistentVolumeClaimRetentionPolicy
        self.ordinals = ordinals
    }
}

/// How a StatefulSet replaces pods when its template changes (apps/v1 `StatefulSetUpdateStrategy`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies>.
public struct StatefulSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    /// Only for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateStatefulSetStrategy?

    public init(type: String? = nil, rollingUpdate: RollingUpdateStatefulSetStrategy? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// The pace and extent of a StatefulSet rolling update (apps/v1 `RollingUpdateStatefulSetStrategy`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#rolling-updates>.
public struct RollingUpdateStatefulSetStrategy: Codable, Sendable, Hashable {
    /// Only pods with an ordinal at or above this are updated, which allows staged (canary) rollouts.
    public var partition: Int32?
    /// Pods that may be unavailable during the update, a count or a percentage (beta, behind a feature gate).
    public var maxUnavailable: IntOrString?

    public init(partition: Int32? = nil, maxUnavailable: IntOrString? = nil) {
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }
}

/// What happens to claims created from `volumeClaimTemplates` (apps/v1
/// `StatefulSetPersistentVolumeClaimRetentionPolicy`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention>.
public struct StatefulSetPersistentVolumeClaimRetentionPolicy: Codable, Sendable, Hashable {
    /// `Retain` (default) or `Delete`, when the StatefulSet is deleted.
    public var whenDeleted: String?
    /// `Retain` (default) or `Delete`, when the StatefulSet scales down.
    public var whenScaled: String?

    public init(whenDeleted: String? = nil, whenScaled: String? = nil) {
        self.whenDeleted = whenDeleted
        self.whenScaled = whenScaled
    }
}

/// The ordinal numbering of a StatefulSet's pods (apps/v1 `StatefulSetOrdinals`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#start-ordinal>.
public struct StatefulSetOrdinals: Codable, Sendable, Hashable {
    /// The first ordinal; defaults to 0.
    public var start: Int32?

    public init(start: Int32? = nil) {
        self.start = start
    }
}

/// The observed state of a StatefulSet (apps/v1 `StatefulSetStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/#StatefulSetStatus>.
public struct StatefulSetStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` the controller last acted on; compare before trusting the counts.
    public var observedGeneration: Int64?
    /// Pods created by the controller.
    public var replicas: Int32?
    /// Pods whose `Ready` condition is `True`.
    public var readyReplicas: Int32?
    /// Pods at `currentRevision`.
    public var currentReplicas: Int32?
    /// Pods at `updateRevision`.
    public var updatedReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// The ControllerRevision of pods below the update partition.
    public var currentRevision: String?
    /// The ControllerRevision of the current template; equal to `currentRevision` when an update has finished.
    public var updateRevision: String?
    /// Used to avoid ControllerRevision name hash collisions.
    public var collisionCount: Int32?
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil,
        replicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        currentReplicas: Int32? = nil,
        updatedReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        currentRevision: String? = nil,
        updateRevision: String? = nil,
        collisionCount: Int32? = nil,
        conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.currentReplicas = currentReplicas
        self.updatedReplicas = updatedReplicas
        self.availableReplicas = availableReplicas
        self.currentRevision = currentRevision
        self.updateRevision = updateRevision
        self.collisionCount = collisionCount
        self.conditions = conditions
    }
}
