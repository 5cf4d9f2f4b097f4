/// The last read value of one metric (autoscaling/v2 `MetricStatus`): `type` names the one source that is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct MetricStatus: Codable, Sendable, Hashable {
    /// `Resource`, `Pods`, `Object`, `External` or `ContainerResource`.
    public var type: String
    public var resource: ResourceMetricStatus?
    public var pods: PodsMetricStatus?
    public var object: ObjectMetricStatus?
    public var external: ExternalMetricStatus?
    public var containerResource: ContainerResourceMetricStatus?

    public init(
        type: String,
        resource: ResourceMetricStatus? = nil,
        pods: PodsMetricStatus? = nil,
        object: ObjectMetricStatus? = nil,
        external: ExternalMetricStatus? = nil,
        containerResource: ContainerResourceMetricStatus? = nil
    ) {
        self.type = type
        self.resource = resource
        self.pods = pods
        self.object = object
        self.external = external
        self.containerResource = containerResource
    }
}

/// The current value of a resource metric (autoscaling/v2 `ResourceMetricStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct ResourceMetricStatus: Codable, Sendable, Hashable {
    public var name: String
    public var current: MetricValueStatus

    public init(name: String, current: MetricValueStatus) {
        self.name = name
        self.current = current
    }
}

/// The current value of a container resource metric (autoscaling/v2 `ContainerResourceMetricStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct ContainerResourceMetricStatus: Codable, Sendable, Hashable {
    public var name: String
    public var current: MetricValueStatus
    /// The name of the container in the target's pods.
    public var container: String

    public init(name: String, current: MetricValueStatus, container: String) {
        self.name = name
        self.current = current
        self.container = container
    }
}

/// The current value of a per-pod metric (autoscaling/v2 `PodsMetricStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct PodsMetricStatus: Codable, Sendable, Hashable {
    public var metric: MetricIdentifier
    public var current: MetricValueStatus

    public init(metric: MetricIdentifier, current: MetricValueStatus) {
        self.metric = metric
        self.current = current
    }
}

/// The current value of an object metric (autoscaling/v2 `ObjectMetricStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct ObjectMetricStatus: Codable, Sendable, Hashable {
    public var metric: MetricIdentifier
    public var current: MetricValueStatus
    public var describedObject: CrossVersionObjectReference

    public init(metric: MetricIdentifier, current: MetricValueStatus, describedObject: CrossVersionObjectReference) {
        self.metric = metric
        self.current = current
        self.describedObject = describedObject
    }
}

/// The current value of an external metric (autoscaling/v2 `ExternalMetricStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct ExternalMetricStatus: Codable, Sendable, Hashable {
    public var metric: MetricIdentifier
    public var current: MetricValueStatus

    public init(metric: MetricIdentifier, current: MetricValueStatus) {
        self.metric = metric
        self.current = current
    }
}

/// A metric reading (autoscaling/v2 `MetricValueStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct MetricValueStatus: Codable, Sendable, Hashable {
    public var value: Quantity?
    public var averageValue: Quantity?
    /// The current percentage of the resource request, averaged over the pods.
    public var averageUtilization: Int32?

    public init(value: Quantity? = nil, averageValue: Quantity? = nil, averageUtilization: Int32? = nil) {
        self.value = value
        self.averageValue = averageValue
        self.averageUtilization = averageUtilization
    }
}
