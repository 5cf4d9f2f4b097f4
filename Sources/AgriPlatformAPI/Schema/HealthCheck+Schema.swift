public import KubeCore

extension HealthCheck: SchemaDescribing {
    /// The CEL rule that a check times out before the next one starts.
    static let timeoutRule = JSONSchemaProps.rule(
        "!has(self.timeoutSeconds) || self.timeoutSeconds < "
            + "(has(self.intervalSeconds) ? self.intervalSeconds : \(Defaults.HealthCheck.intervalSeconds))",
        "timeoutSeconds must be less than intervalSeconds (default \(Defaults.HealthCheck.intervalSeconds))",
        fieldPath: ".timeoutSeconds"
    )
    /// The CEL rule that an HTTP check has a path.
    static let pathRule = JSONSchemaProps.rule(
        "has(self.path) || (has(self.type) && self.type != 'HTTP')",
        "path is required for HTTP health checks",
        fieldPath: ".path"
    )

    /// A load-balancer style health check.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A load-balancer style health check (ALB target group, App Runner), mapped to readiness, liveness and "
                + "start-up probes.",
            properties: [
                "type": .string("HTTP, TCP or GRPC. Default HTTP.", values: APIConstraints.healthCheckTypes),
                "path": .string(
                    "The HTTP path, e.g. /health; required for HTTP.",
                    maxLength: APIConstraints.longStringMaxLength,
                    pattern: APIConstraints.httpPathPattern
                ),
                "port": .string(
                    "The port's name or number. Default: the service's primary port.",
                    maxLength: APIConstraints.portNameMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.portNamePattern
                ),
                "intervalSeconds": .integer(
                    "Seconds between checks. Default \(Defaults.HealthCheck.intervalSeconds).",
                    APIConstraints.healthCheckInterval
                ),
                "timeoutSeconds": .integer(
                    "Seconds before a check counts as failed; below the interval. "
                        + "Default \(Defaults.HealthCheck.timeoutSeconds).",
                    APIConstraints.healthCheckTimeout
                ),
                "healthyThreshold": .integer(
                    "Consecutive successes before a pod receives traffic. "
                        + "Default \(Defaults.HealthCheck.healthyThreshold).",
                    APIConstraints.healthCheckThreshold
                ),
                "unhealthyThreshold": .integer(
                    "Consecutive failures before a pod stops receiving traffic and is restarted. "
                        + "Default \(Defaults.HealthCheck.unhealthyThreshold).",
                    APIConstraints.healthCheckThreshold
                ),
                "startupGracePeriodSeconds": .integer(
                    "Seconds a new pod gets to start before checks count. "
                        + "Default \(Defaults.HealthCheck.startupGracePeriodSeconds).",
                    APIConstraints.startupGracePeriod
                ),
                "liveness": .boolean("Whether failing checks also restart the container. Default true."),
            ],
            rules: [timeoutRule, pathRule]
        )
    }
}
