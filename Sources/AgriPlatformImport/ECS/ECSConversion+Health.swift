import AgriPlatformAPI

extension ECSConversion {
    /// The service's health check: the target group's HTTP check when the load balancer's target group was given,
    /// else the container health check's URL (or a TCP check when its command names none).
    ///
    /// Liveness (restarting a failing container) is on only when the task definition has a container health
    /// check: that is what restarts tasks in ECS; a target group only takes a task out of rotation.
    mutating func healthCheck(
        container: AWSValue,
        service: AWSValue,
        balancers: [AWSValue],
        containerName: String,
        field: String
    ) throws(ImportError) -> HealthCheck? {
        let path = "\(field).healthCheck"
        let containerCheck = try container.optional("healthCheck")
        let grace = try service.int32("healthCheckGracePeriodSeconds", in: 0...Int64(Int32.max))
        var check: HealthCheck?
        if let group = try targetGroup(for: balancers, containerName: containerName, field: field) {
            check = try targetGroupCheck(group, field: field)
            if let containerCheck {
                notes.approximated(
                    containerCheck.path,
                    path,
                    "the container health check command is not run; its failures restart the container in ECS, "
                        + "here the target group's check does (liveness)"
                )
            }
        } else if let containerCheck {
            check = try containerHealthCheck(containerCheck, field: field)
        }
        guard var check else { return nil }
        if let grace, grace > 0 {
            check.startupGracePeriodSeconds = min(grace, 3600)
            if grace > 3600 {
                notes.approximated(
                    service.path("healthCheckGracePeriodSeconds"),
                    "\(path).startupGracePeriodSeconds",
                    "\(grace) s is above the API's 3600 s; capped"
                )
            } else {
                notes.mapped(
                    service.path("healthCheckGracePeriodSeconds"),
                    "\(path).startupGracePeriodSeconds",
                    "health check grace period"
                )
            }
        }
        if containerCheck == nil {
            check.liveness = false
            notes.mapped(
                container.path("healthCheck"),
                "\(path).liveness",
                "no container health check: failing checks take the pod out of rotation but do not restart it"
            )
        }
        return check
    }

    private mutating func targetGroup(
        for balancers: [AWSValue],
        containerName: String,
        field: String
    ) throws(ImportError) -> AWSValue? {
        guard
            let balancer = try balancers.first(matching: { (balancer) throws(ImportError) in
                try balancer.string("containerName") == containerName
            }) ?? balancers.first,
            let arn = try balancer.string("targetGroupArn")
        else { return nil }
        guard let targetGroups else {
            notes.decision(
                balancer.path("targetGroupArn"),
                "\(field).healthCheck",
                "the target group's HTTP check was not imported: pass --target-groups with "
                    + "`aws elbv2 describe-target-groups` output"
            )
            return nil
        }
        for group in targetGroups where try group.string("TargetGroupArn") == arn {
            return group
        }
        throw .unmatched(path: balancer.path("targetGroupArn"), reason: "no target group given for \(arn)")
    }

    private mutating func targetGroupCheck(_ group: AWSValue, field: String) throws(ImportError) -> HealthCheck {
        let path = "\(field).healthCheck"
        let proto = try group.string("HealthCheckProtocol") ?? "HTTP"
        var check: HealthCheck
        switch proto {
        case "HTTP", "HTTPS":
            check = HealthCheck(path: try group.string("HealthCheckPath") ?? "/")
            notes.mapped(group.path("HealthCheckPath"), "\(path).path", "target group HTTP check")
            if proto == "HTTPS" {
                notes.approximated(
                    group.path("HealthCheckProtocol"),
                    path,
                    "the target group checks over HTTPS; the probe uses plain HTTP to the pod"
                )
            }
        case "TCP", "TLS":
            check = HealthCheck(type: "TCP")
            notes.mapped(group.path("HealthCheckProtocol"), "\(path).type", "TCP check")
        default:
            throw .invalidValue(
                path: group.path("HealthCheckProtocol"),
                value: proto,
                reason: "expected HTTP, HTTPS, TCP or TLS"
            )
        }
        if let port = try group.string("HealthCheckPort"), port != "traffic-port" {
            check.port = port
            notes.mapped(group.path("HealthCheckPort"), "\(path).port", "health check port")
        }
        check.intervalSeconds = try group.int32("HealthCheckIntervalSeconds", in: 1...300)
        check.timeoutSeconds = try group.int32("HealthCheckTimeoutSeconds", in: 1...120)
        check.healthyThreshold = try group.int32("HealthyThresholdCount", in: 1...10)
        check.unhealthyThreshold = try group.int32("UnhealthyThresholdCount", in: 1...10)
        notes.mapped(group.path, path, "interval, timeout and thresholds of the target group's check")
        if let codes = try group.optional("Matcher")?.string("HttpCode"), !Self.kubernetesSuccess(codes) {
            notes.approximated(
                group.path("Matcher.HttpCode"),
                path,
                "the target group accepts HTTP \(codes); Kubernetes probes accept 200–399"
            )
        }
        return check
    }

    /// Whether a matcher accepts what a Kubernetes HTTP probe does (200–399), or a subset of it that a healthy
    /// service answers anyway (`200`, `200-299`).
    private static func kubernetesSuccess(_ codes: String) -> Bool {
        ["200", "200-299", "200-399", "200,201", "200-204"].contains(codes)
    }

    private mutating func containerHealthCheck(
        _ containerCheck: AWSValue,
        field: String
    ) throws(ImportError) -> HealthCheck {
        let path = "\(field).healthCheck"
        let command = try containerCheck.required("command").array().map { (part) throws(ImportError) in
            try part.string()
        }
        let url = HealthCommand.httpURL(in: command)
        var check: HealthCheck
        if let url {
            check = HealthCheck(path: url.path)
            if let port = url.port { check.port = String(port) }
            notes.approximated(
                containerCheck.path("command"),
                "\(path).path",
                "the command \(command.joined(separator: " ")) is not run; its URL is probed over HTTP instead"
            )
        } else {
            check = HealthCheck(type: "TCP")
            notes.approximated(
                containerCheck.path("command"),
                "\(path).type",
                "the command \(command.joined(separator: " ")) names no http:// URL: a TCP check of the primary "
                    + "port replaces it; an exec probe is not expressible"
            )
        }
        check.intervalSeconds = try containerCheck.int32("interval", in: 1...300)
        check.timeoutSeconds = try containerCheck.int32("timeout", in: 1...120)
        check.unhealthyThreshold = try containerCheck.int32("retries", in: 1...10)
        check.healthyThreshold = 1
        if let start = try containerCheck.int32("startPeriod", in: 0...3600), start > 0 {
            check.startupGracePeriodSeconds = start
        }
        notes.mapped(
            containerCheck.path,
            path,
            "interval, timeout, retries (unhealthy threshold) and start period; one success makes a container "
                + "healthy, as in ECS"
        )
        return check
    }
}

/// Reads the URL out of a container health check command such as
/// `["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]`.
enum HealthCommand {
    /// The path and port of the first `http://` URL in `command`.
    static func httpURL(in command: [String]) -> (path: String, port: Int32?)? {
        let text = command.joined(separator: " ")
        guard let start = text.firstRange(of: "http://") else { return nil }
        let rest = text[start.upperBound...]
        let url = rest.prefix { !" '\"|;&)".contains($0) }
        let hostPort = url.prefix { $0 != "/" }
        let path = url.dropFirst(hostPort.count)
        let port = hostPort.split(separator: ":").dropFirst().first.flatMap { Int32($0) }
        return (path.isEmpty ? "/" : String(path), port)
    }
}
