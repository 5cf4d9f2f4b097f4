/// One metric an autoscaler tracks (autoscaling/v2 `MetricSpec`): `type` names the one source that is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct MetricSpec: Codable, Sendable, Hashable {
    /// `Resource`, `Pods`, `Object`, `External` or `ContainerResource`.
    public var type: String
    public var resource: ResourceMetricSource?
    public var pods: PodsMetricSource?
    public var object: ObjectMetricSource?
    public var external: ExternalMetricSource?
    public var containerResource: ContainerResourceMetricSource?

    public init(
        type: String,
        resource: ResourceMetricSource? = nil,
        pods: PodsMetricSource? = nil,
        object: ObjectMetricSource? = nil,
        external: ExternalMetricSource? = nil,
        containerResource: ContainerResourceMetricSource? = nil
    ) {
        self.type = type
        self.resource = resource
        self.pods = pods
        self.object = object
        self.external = external
        self.containerResource = containerResource
    }
}

/// A resource such as `cpu` or `memory`, averaged over the target's pods (autoscaling/v2 `ResourceMetricSource`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics>.
public struct ResourceMetricSource: Codable, Sendable, Hashable {
    public var name: String
    public var target: MetricTarget

    public init(name: String, target: MetricTarget) {
        self.name = name
        self.target = target
    }
}

/// A resource of one named container, averaged over the target's pods (autoscaling/v2
/// `ContainerResourceMetricSource`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#container-resource-metrics>.
public struct ContainerResourceMetricSource: Codable, Sendable, Hashable {
    public var name: String
    public var target: MetricTarget
    /// The name of the container in the target's pods.
    public var container: String

    public init(name: String, target: MetricTarget, container: String) {
        self.name = name
        self.target = target
        self.container = container
    }
}

/// A custom per-pod metric averaged over the target's pods (autoscaling/v2 `PodsMetricSource`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/>.
public struct PodsMetricSource: Codable, Sendable, Hashable {
    public var metric: MetricIdentifier
    /// Only `AverageValue` targets are allowed.
    public var target: MetricTarget

    public init(metric: MetricIdentifier, target: MetricTarget) {
        self.metric = metric
        self.target = target
    }
}

/// A custom metric describing one Kubernetes object, e.g. requests per second of an Ingress (autoscaling/v2
/// `ObjectMetricSource`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/>.
public struct ObjectMetricSource: Codable, Sendable, Hashable {
    public var describedObject: CrossVersionObjectReference
    public var target: MetricTarget
    public var metric: MetricIdentifier

    public init(describedObject: CrossVersionObjectReference, target: MetricTarget, metric: MetricIdentifier) {
        self.describedObject = describedObject
        self.target = target
        self.metric = metric
    }
}

/// A metric from outside the cluster, e.g. a queue length (autoscaling/v2 `ExternalMetricSource`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/>.
public struct ExternalMetricSource: Codable, Sendable, Hashable {
    public var metric: MetricIdentifier
    public var target: MetricTarget

    public init(metric: MetricIdentifier, target: MetricTarget) {
        self.metric = metric
        self.target = target
    }
}

/// The name of a custom metric and an optional label selector narrowing it (autoscaling/v2 `MetricIdentifier`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct MetricIdentifier: Codable, Sendable, Hashable {
    public var name: String
    public var selector: LabelSelector?

    public init(name: String, selector: LabelSelector? = nil) {
        self.name = name
        self.selector = selector
    }
}

/// The target value of a metric (autoscaling/v2 `MetricTarget`): `type` says which one value field is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/>.
public struct MetricTarget: Codable, Sendable, Hashable {
    /// `Utilization`, `Value` or `AverageValue`.
    public var type: String
    /// The target value of the metric as a whole.
    public var value: Quantity?
    /// The target value averaged over the pods.
    public var averageValue: Quantity?
    /// The target percentage of the resource request, averaged over the pods; only for resource metrics.
    public var averageUtilization: Int32?

    public init(
        type: String,
        value: Quantity? = nil,
        averageValue: Quantity? = nil,
        averageUtilization: Int32? = nil
    ) {
        self.type = type
        self.value = value
        self.averageValue = averageValue
        self.averageUtilization = averageUtilization
    }
}
