public import KubeCore

extension Rollout: SchemaDescribing {
    /// The CEL rules that tie the strategy to its settings block.
    static let strategyRules = [
        JSONSchemaProps.rule(
            "has(self.canary) == (has(self.strategy) && self.strategy == 'Canary')",
            "canary is required with strategy Canary and forbidden with any other strategy",
            fieldPath: ".canary"
        ),
        JSONSchemaProps.rule(
            "!has(self.blueGreen) || (has(self.strategy) && self.strategy == 'BlueGreen')",
            "blueGreen is only valid with strategy BlueGreen",
            fieldPath: ".blueGreen"
        ),
        JSONSchemaProps.rule(
            "!has(self.rolling) || !has(self.strategy) || self.strategy == 'Rolling'",
            "rolling is only valid with strategy Rolling",
            fieldPath: ".rolling"
        ),
    ]

    /// How a new revision replaces the running one.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "How a new revision replaces the running one: Rolling (default), Canary or BlueGreen.",
            properties: [
                "strategy": .string(
                    "Rolling, Canary or BlueGreen. Default \(Defaults.Rollout.strategy.rawValue).",
                    values: APIConstraints.strategies
                ),
                "rolling": RollingStrategy.openAPISchema,
                "canary": CanaryStrategy.openAPISchema,
                "blueGreen": BlueGreenStrategy.openAPISchema,
                "analysis": RolloutAnalysis.openAPISchema,
                "progressDeadlineSeconds": .integer(
                    "Seconds a release may go without progress before it fails and rolls back. "
                        + "Default \(Defaults.Rollout.progressDeadlineSeconds).",
                    APIConstraints.progressDeadlineSeconds
                ),
            ],
            rules: strategyRules
        )
    }
}

extension RollingStrategy: SchemaDescribing {
    /// A rolling update's pacing.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A rolling update's pacing and circuit breaker.",
            properties: [
                "maxSurge": .intOrString(
                    "Extra pods during the update, a number or a percentage. Default 100%.",
                    pattern: APIConstraints.countOrPercentPattern
                ),
                "failureThreshold": .integer(
                    "Failed pods of the new revision that trip the circuit breaker. "
                        + "Default half the desired pods, clamped to 3–200.",
                    APIConstraints.failureThreshold
                ),
                "maxUnavailable": .intOrString(
                    "Pods below the desired count during the update. Default 0.",
                    pattern: APIConstraints.countOrPercentPattern
                ),
                "rollbackOnFailure": .boolean(
                    "Whether a failed release is rolled back (the ECS circuit breaker). Default true."
                ),
            ]
        )
    }
}

extension CanaryStrategy: SchemaDescribing {
    /// The CEL rule that Gateway API routing has its HTTPRoute's parents, and only it.
    static let gatewayAPIRule = JSONSchemaProps.rule(
        "has(self.gatewayAPI) == (has(self.trafficRouting) && self.trafficRouting == 'GatewayAPI')",
        "gatewayAPI is required with trafficRouting GatewayAPI and forbidden with any other traffic routing",
        fieldPath: ".gatewayAPI"
    )

    /// A canary release.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A canary release: traffic steps and how traffic is split.",
            properties: [
                "steps": .array(
                    "The steps in order; weights never decrease. After the last step the new revision gets all "
                        + "traffic.",
                    of: CanaryStep.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxCanarySteps,
                    minItems: 1,
                    listType: "atomic"
                ),
                "trafficRouting": .string(
                    "ReplicaRatio (by pod counts), Ingress (NGINX canary weights) or GatewayAPI (HTTPRoute weights). "
                        + "Default \(Defaults.Rollout.trafficRouting).",
                    values: APIConstraints.trafficRoutings
                ),
                "gatewayAPI": CanaryGatewayAPI.openAPISchema,
            ],
            required: ["steps"],
            rules: [gatewayAPIRule]
        )
    }
}

extension CanaryStep: SchemaDescribing {
    /// The CEL rule that a step does exactly one thing.
    static let kindRule = JSONSchemaProps.rule(
        "has(self.setWeight) != has(self.pause)",
        "exactly one of setWeight and pause is required"
    )

    /// One canary step.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One canary step: setWeight or pause.",
            properties: [
                "setWeight": .integer(
                    "The percentage of traffic the new revision receives.",
                    APIConstraints.canaryWeight
                ),
                "pause": CanaryPause.openAPISchema,
            ],
            rules: [kindRule]
        )
    }
}

extension CanaryPause: SchemaDescribing {
    /// A canary pause.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A pause: timed, or until promoted with kubectl agri promote.",
            properties: [
                "durationSeconds": .integer(
                    "Seconds to wait; absent waits for promotion.",
                    APIConstraints.pauseSeconds
                )
            ]
        )
    }
}

extension BlueGreenStrategy: SchemaDescribing {
    /// A blue-green release.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A blue-green release's promotion and rollback settings.",
            properties: [
                "autoPromotionSeconds": .integer(
                    "Seconds after the new revision is ready before automatic promotion; absent waits for "
                        + "kubectl agri promote.",
                    APIConstraints.autoPromotionSeconds
                ),
                "scaleDownDelaySeconds": .integer(
                    "Seconds the old revision stays up after promotion. "
                        + "Default \(Defaults.Rollout.scaleDownDelaySeconds).",
                    APIConstraints.scaleDownDelaySeconds
                ),
                "previewHost": .string(
                    "A host on which the Ingress also exposes the preview revision.",
                    maxLength: APIConstraints.dns1123SubdomainMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.hostPattern
                ),
            ]
        )
    }
}

extension RolloutAnalysis: SchemaDescribing {
    /// The CEL rule that metric checks have a Prometheus to ask.
    static let prometheusRule = JSONSchemaProps.rule(
        "has(self.prometheusURL) || !(has(self.maxErrorRatePercent) || has(self.maxLatencyIncreasePercent) || "
            + "has(self.maxLatencyMillis) || (has(self.metrics) && size(self.metrics) > 0))",
        "prometheusURL is required for error-rate, latency and custom metric checks",
        fieldPath: ".prometheusURL"
    )

    /// The checks that judge a release.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Health and metric checks that decide whether a release proceeds or rolls back.",
            properties: [
                "intervalSeconds": .integer(
                    "Seconds between Prometheus measurements, and the rate window of the built-in queries. "
                        + "Default \(Defaults.Rollout.analysisIntervalSeconds).",
                    APIConstraints.analysisInterval
                ),
                "failureLimit": .integer(
                    "Failed Prometheus measurements tolerated before rollback. Default 0.",
                    APIConstraints.failureLimit
                ),
                "maxErrorRatePercent": .integer(
                    "Roll back when the new revision's 5xx share exceeds this percentage.",
                    APIConstraints.errorRatePercent
                ),
                "maxLatencyIncreasePercent": .integer(
                    "Roll back when p95 latency exceeds the stable revision's by more than this percentage.",
                    APIConstraints.latencyIncreasePercent
                ),
                "maxLatencyMillis": .integer(
                    "Roll back when p95 latency exceeds this many milliseconds.",
                    APIConstraints.latencyMillis
                ),
                "maxUnhealthySeconds": .integer(
                    "Roll back when new pods stay unready this long. "
                        + "Default \(Defaults.Rollout.maxUnhealthySeconds).",
                    APIConstraints.unhealthySeconds
                ),
                "consecutiveHealthCheckFailures": .integer(
                    "Roll back after this many consecutive failed health checks of a new pod.",
                    APIConstraints.consecutiveFailures
                ),
                "prometheusURL": .string(
                    "The Prometheus base URL; required for error-rate, latency and custom metric checks.",
                    maxLength: APIConstraints.longStringMaxLength,
                    pattern: APIConstraints.httpURLPattern
                ),
                "onNoData": .string(
                    "What a measurement without data means: Pause (wait), Fail (count as failed) or Ignore "
                        + "(proceed, recorded). Default \(Defaults.Analysis.onNoData.rawValue).",
                    values: APIConstraints.noDataPolicies
                ),
                "metrics": .array(
                    "The user's own Prometheus checks.",
                    of: AnalysisMetric.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxAnalysisMetrics,
                    mapKeys: ["name"]
                ),
                "requestsMetric": .string(
                    "The request counter, labelled with the status code. "
                        + "Default \(Defaults.Analysis.requestsMetric).",
                    maxLength: APIConstraints.shortStringMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.metricNamePattern
                ),
                "latencyMetric": .string(
                    "The request-duration histogram in seconds, without _bucket. "
                        + "Default \(Defaults.Analysis.latencyMetric).",
                    maxLength: APIConstraints.shortStringMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.metricNamePattern
                ),
                "labels": AnalysisLabels.openAPISchema,
            ],
            rules: [prometheusRule]
        )
    }
}
