public import KubeCore

extension Autoscaling: SchemaDescribing {
    /// The CEL rule that the minimum does not exceed the maximum.
    static let boundsRule = JSONSchemaProps.rule(
        "self.minReplicas <= self.maxReplicas",
        "minReplicas must not be greater than maxReplicas",
        fieldPath: ".minReplicas"
    )
    /// The CEL rule that at least one target is set.
    static let targetRule = JSONSchemaProps.rule(
        "has(self.targetCPUUtilization) || has(self.targetMemoryUtilization) || has(self.requestRate) || "
            + "has(self.concurrentRequests)",
        "at least one target is required: targetCPUUtilization, targetMemoryUtilization, requestRate or "
            + "concurrentRequests"
    )

    /// Horizontal autoscaling.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Horizontal autoscaling (an autoscaling/v2 HPA that owns the replica count); at least one target.",
            properties: [
                "minReplicas": .integer("The fewest pods.", APIConstraints.autoscalingReplicas),
                "maxReplicas": .integer("The most pods, at least minReplicas.", APIConstraints.autoscalingReplicas),
                "targetCPUUtilization": .integer(
                    "Target average CPU use, percent of the request.",
                    APIConstraints.utilizationPercent
                ),
                "targetMemoryUtilization": .integer(
                    "Target average memory use, percent of the request.",
                    APIConstraints.utilizationPercent
                ),
                "requestRate": RequestRateTarget.openAPISchema,
                "concurrentRequests": MetricTarget.openAPISchema.described(
                    "Target concurrent requests per pod (App Runner concurrency). Metric default "
                        + "\(Defaults.Autoscaling.concurrencyMetric)."
                ),
                "scaleOutStabilizationSeconds": .integer(
                    "Seconds load must stay above target before pods are added. "
                        + "Default \(Defaults.Autoscaling.scaleOutStabilizationSeconds).",
                    APIConstraints.stabilizationSeconds
                ),
                "scaleInStabilizationSeconds": .integer(
                    "Seconds load must stay below target before pods are removed. "
                        + "Default \(Defaults.Autoscaling.scaleInStabilizationSeconds).",
                    APIConstraints.stabilizationSeconds
                ),
            ],
            required: ["minReplicas", "maxReplicas"],
            rules: [boundsRule, targetRule]
        )
    }
}

extension RequestRateTarget: SchemaDescribing {
    /// A per-pod request-rate target.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Target request rate per pod (ALB RequestCountPerTarget).",
            properties: [
                "targetPerPod": .integer("Requests per pod per unit of per.", APIConstraints.perPodTarget),
                "per": .string("Second or Minute. Default Second.", values: APIConstraints.requestRatePer),
                "metricName": .metricName(
                    "The per-pod metric served by the metrics adapter. Default "
                        + "\(Defaults.Autoscaling.requestRateMetric)."
                ),
            ],
            required: ["targetPerPod"]
        )
    }
}

extension MetricTarget: SchemaDescribing {
    /// A per-pod metric target.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A target average value of a per-pod metric.",
            properties: [
                "targetPerPod": .integer("The target average per pod.", APIConstraints.perPodTarget),
                "metricName": .metricName("The per-pod metric served by the metrics adapter."),
            ],
            required: ["targetPerPod"]
        )
    }
}

extension VerticalAutoscaling: SchemaDescribing {
    /// Vertical autoscaling.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Vertical autoscaling through the VPA; only mode Off with an HPA on CPU or memory.",
            properties: [
                "mode": .string(
                    "Off (recommend only), Initial, Recreate or Auto. Default Off.",
                    values: APIConstraints.vpaModes
                ),
                "minAllowed": ResourceLimits.openAPISchema.described("Lowest requests the VPA may set."),
                "maxAllowed": ResourceLimits.openAPISchema.described("Highest requests the VPA may set."),
            ]
        )
    }
}

extension DisruptionBudget: SchemaDescribing {
    /// The CEL rule that at most one field is set.
    static let exclusiveRule = JSONSchemaProps.rule(
        "!(has(self.minAvailable) && has(self.maxUnavailable))",
        "at most one of minAvailable and maxUnavailable may be set"
    )

    /// A PodDisruptionBudget.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Pods voluntary disruptions may take down at once (a PodDisruptionBudget); at most one field. Default "
                + "maxUnavailable 1 with two or more pods.",
            properties: [
                "minAvailable": .intOrString(
                    "Pods that must stay available: a number or a percentage such as 50%.",
                    pattern: APIConstraints.countOrPercentPattern
                ),
                "maxUnavailable": .intOrString(
                    "Pods that may be unavailable: a number or a percentage.",
                    pattern: APIConstraints.countOrPercentPattern
                ),
            ],
            rules: [exclusiveRule]
        )
    }
}

extension JSONSchemaProps {
    /// A Prometheus-style metric name.
    static func metricName(_ description: String) -> Self {
        string(description, maxLength: APIConstraints.shortStringMaxLength, pattern: APIConstraints.metricNamePattern)
    }
}
