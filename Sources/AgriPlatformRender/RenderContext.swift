/// Facts about the target cluster that change what the renderer produces, observed by the caller and passed in.
///
/// The renderer reads nothing from a cluster: the reconciler fills this from its caches (for example whether the
/// `verticalpodautoscalers.autoscaling.k8s.io` CRD is served), and `agri-operator render` from its flags. Equal
/// contexts and equal platforms always render byte-identical objects.
public struct RenderContext: Sendable, Hashable {
    /// Whether the Vertical Pod Autoscaler's CRD is installed. When `false` (the default), services'
    /// `verticalAutoscaling` is ignored and no `VerticalPodAutoscaler` is rendered.
    public var verticalPodAutoscalerAvailable: Bool
    /// Whether the Prometheus Operator's `monitoring.coreos.com/v1` ServiceMonitor, PodMonitor and PrometheusRule are
    /// served. When `false` (the default), `spec.observability` is ignored and no monitor, rule or dashboard is
    /// rendered.
    public var prometheusOperatorAvailable: Bool

    /// Creates a context for a cluster with only built-in APIs.
    public init() {
        self.verticalPodAutoscalerAvailable = false
        self.prometheusOperatorAvailable = false
    }

    /// Creates a context with the given facts.
    public init(verticalPodAutoscalerAvailable: Bool, prometheusOperatorAvailable: Bool = false) {
        self.verticalPodAutoscalerAvailable = verticalPodAutoscalerAvailable
        self.prometheusOperatorAvailable = prometheusOperatorAvailable
    }
}
