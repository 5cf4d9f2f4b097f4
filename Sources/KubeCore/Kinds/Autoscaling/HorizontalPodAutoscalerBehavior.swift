/// How fast an autoscaler may scale up and down (autoscaling/v2 `HorizontalPodAutoscalerBehavior`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#configurable-scaling-behavior>.
public struct HorizontalPodAutoscalerBehavior: Codable, Sendable, Hashable {
    /// Defaults to no stabilization and the larger of 100% or 4 pods every 15 seconds.
    public var scaleUp: HPAScalingRules?
    /// Defaults to a 300-second stabilization window and up to 100% every 15 seconds.
    public var scaleDown: HPAScalingRules?

    public init(scaleUp: HPAScalingRules? = nil, scaleDown: HPAScalingRules? = nil) {
        self.scaleUp = scaleUp
        self.scaleDown = scaleDown
    }
}

/// Scaling policies for one direction (autoscaling/v2 `HPAScalingRules`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#scaling-policies>.
public struct HPAScalingRules: Codable, Sendable, Hashable {
    /// Seconds of past recommendations considered, to avoid flapping; from 0 to 3600.
    public var stabilizationWindowSeconds: Int32?
    /// `Max` (default), `Min` or `Disabled`: which policy's change wins.
    public var selectPolicy: String?
    public var policies: [HPAScalingPolicy]?
    /// The relative metric deviation below which the autoscaler does not act, e.g. `0.05` (beta, behind the
    /// `HPAConfigurableTolerance` feature gate).
    public var tolerance: Quantity?

    public init(
        stabilizationWindowSeconds: Int32? = nil,
        selectPolicy: String? = nil,
        policies: [HPAScalingPolicy]? = nil,
        tolerance: Quantity? = nil
    ) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds
        self.selectPolicy = selectPolicy
        self.policies = policies
        self.tolerance = tolerance
    }
}

/// A limit on change within a period (autoscaling/v2 `HPAScalingPolicy`).
///
/// See <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#scaling-policies>.
public struct HPAScalingPolicy: Codable, Sendable, Hashable {
    /// `Pods` or `Percent`.
    public var type: String
    /// The number of pods or the percentage of current replicas.
    public var value: Int32
    /// The window the limit applies to, from 1 to 1800 seconds.
    public var periodSeconds: Int32

    public init(type: String, value: Int32, periodSeconds: Int32) {
        self.type = type
        self.value = value
        self.periodSeconds = periodSeconds
    }
}
