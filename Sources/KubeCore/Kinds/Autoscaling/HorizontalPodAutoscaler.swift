/// Scales a workload's replicas to keep metrics near their targets (autoscaling/v2 `HorizontalPodAutoscaler`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct HorizontalPodAutoscaler: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "autoscaling",
        version: "v2",
        kind: "HorizontalPodAutoscaler",
        plural: "horizontalpodautoscalers",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: HorizontalPodAutoscalerSpec?
    public var status: HorizontalPodAutoscalerStatus?

    public init(
        metadata: ObjectMeta,
        spec: HorizontalPodAutoscalerSpec? = nil,
        status: HorizontalPodAutoscalerStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired behaviour of an autoscaler (autoscaling/v2 `HorizontalPodAutoscalerSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct HorizontalPodAutoscalerSpec: Codable, Sendable, Hashable {
    /// The workload with a `scale` subresource to scale.
    public var scaleTargetRef: CrossVersionObjectReference?
    /// The lower limit; defaults to 1.
    public var minReplicas: Int32?
    /// The upper limit; required by the API.
    public var maxReplicas: Int32?
    /// The metrics to track; the largest proposed replica count wins. Defaults to 80% average CPU utilization.
    public var metrics: [MetricSpec]?
    /// Scale-up and scale-down rates and stabilization.
    public var behavior: HorizontalPodAutoscalerBehavior?

    public init(
        scaleTargetRef: CrossVersionObjectReference? = nil,
        minReplicas: Int32? = nil,
        maxReplicas: Int32? = nil,
        metrics: [MetricSpec]? = nil,
        behavior: HorizontalPodAutoscalerBehavior? = nil
    ) {
        self.scaleTargetRef = scaleTargetRef
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }
}

/// A reference to an object by kind, name and API version, in the referrer's namespace (autoscaling/v2
/// `CrossVersionObjectReference`; the VPA API has the same shape).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct CrossVersionObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String
    public var name: String

    public init(apiVersion: String? = nil, kind: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}

/// The observed state of an autoscaler (autoscaling/v2 `HorizontalPodAutoscalerStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct HorizontalPodAutoscalerStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` the autoscaler last observed.
    public var observedGeneration: Int64?
    /// When the autoscaler last changed the replica count.
    public var lastScaleTime: Time?
    /// The replica count of the target as last seen.
    public var currentReplicas: Int32?
    /// The replica count the autoscaler last computed.
    public var desiredReplicas: Int32?
    /// The last read value of each metric.
    public var currentMetrics: [MetricStatus]?
    /// `AbleToScale`, `ScalingActive` and `ScalingLimited`.
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil,
        lastScaleTime: Time? = nil,
        currentReplicas: Int32? = nil,
        desiredReplicas: Int32? = nil,
        currentMetrics: [MetricStatus]? = nil,
        conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.lastScaleTime = lastScaleTime
        self.currentReplicas = currentReplicas
        self.desiredReplicas = desiredReplicas
        self.currentMetrics = currentMetrics
        self.conditions = conditions
    }
}
