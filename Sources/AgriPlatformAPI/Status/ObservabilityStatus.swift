public import KubeCore

/// Whether the platform's monitors, alert rules and dashboard are rendered (``PlatformObservability``).
///
/// Missing Prometheus Operator APIs are not an error: nothing fails, the platform is otherwise reconciled as usual,
/// and this status says why no monitoring objects exist.
public struct ObservabilityStatus: Codable, Sendable, Hashable {
    /// `Rendered`, `Disabled` or `PrometheusOperatorMissing`; see ``ObservabilityState``.
    public var state: ObservabilityState?
    /// A sentence for people, e.g. which APIs are missing.
    public var message: String?

    /// Creates a status.
    public init(state: ObservabilityState? = nil, message: String? = nil) {
        self.state = state
        self.message = message
    }
}

/// Whether monitoring objects are rendered. An open set: decoding keeps any value.
public struct ObservabilityState: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The monitors, rules and dashboard are rendered.
    public static let rendered = Self(rawValue: "Rendered")
    /// `observability.enabled` is `false`: nothing is rendered.
    public static let disabled = Self(rawValue: "Disabled")
    /// The cluster does not serve `monitoring.coreos.com/v1` ServiceMonitor, PodMonitor and PrometheusRule: nothing
    /// is rendered until the Prometheus Operator is installed and the operator restarted.
    public static let prometheusOperatorMissing = Self(rawValue: "PrometheusOperatorMissing")
}

extension ObservabilityStatus: SchemaDescribing {
    /// Whether monitoring objects are rendered.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Whether the monitors, alert rules and dashboard are rendered, and why not.",
            properties: [
                "state": .string("Rendered, Disabled or PrometheusOperatorMissing.", maxLength: 64),
                "message": .string("Why, for people.", maxLength: APIConstraints.longStringMaxLength),
            ]
        )
    }
}
