import AgriPlatformAPI

extension PlatformStatusBuilder {
    /// `status.observability`: whether the monitors, rules and dashboard are rendered, and why not. A missing
    /// Prometheus Operator is reported here and nowhere else: it is not a failure of the platform.
    static func observabilityStatus(
        _ spec: AgriPlatformSpec,
        prometheusOperatorAvailable: Bool
    ) -> ObservabilityStatus {
        if spec.observability?.enabled == false {
            return ObservabilityStatus(
                state: .disabled,
                message: "spec.observability.enabled is false: no monitors, alert rules or dashboard are rendered"
            )
        }
        guard prometheusOperatorAvailable else {
            return ObservabilityStatus(
                state: .prometheusOperatorMissing,
                message: "the cluster does not serve monitoring.coreos.com/v1 PodMonitor and PrometheusRule: install "
                    + "the Prometheus Operator and restart agri-operator to get monitors, alert rules and a dashboard"
            )
        }
        return ObservabilityStatus(
            state: .rendered,
            message: "PodMonitors, the PrometheusRule and the Grafana dashboard ConfigMap are rendered"
        )
    }
}
