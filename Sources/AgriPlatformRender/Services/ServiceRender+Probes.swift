import AgriPlatformAPI
import KubeCore

extension ServiceRender {
    /// The probes a load-balancer style health check becomes, keyed by container field.
    ///
    /// | HealthCheck | readinessProbe | livenessProbe | startupProbe (when the grace period is above 0) |
    /// |---|---|---|---|
    /// | `intervalSeconds` (30) | `periodSeconds` | `periodSeconds` | `periodSeconds` |
    /// | `timeoutSeconds` (5) | `timeoutSeconds` | `timeoutSeconds` | `timeoutSeconds` |
    /// | `healthyThreshold` (2) | `successThreshold` | 1 (Kubernetes requires it) | 1 |
    /// | `unhealthyThreshold` (3) | `failureThreshold` | `failureThreshold` | ⌈grace ÷ interval⌉ + unhealthy |
    /// | `liveness: false` | — | not rendered | — |
    ///
    /// The start-up probe holds off the other two until the first success, and tolerates failures for the whole
    /// grace period plus the usual unhealthy threshold, as the ECS health-check grace period ignores failures.
    /// `HTTP` checks become `httpGet` (path, port), `TCP` ones `tcpSocket`, `GRPC` ones `grpc` (whose port must be
    /// a number, so a port name is resolved through `ports`). The port defaults to the primary port.
    func probes(_ check: HealthCheck) throws(RenderError) -> [(String, JSONValue)] {
        let base = "\(path).healthCheck"
        let interval = check.intervalSeconds ?? Defaults.HealthCheck.intervalSeconds
        let timeout = check.timeoutSeconds ?? Defaults.HealthCheck.timeoutSeconds
        let healthy = check.healthyThreshold ?? Defaults.HealthCheck.healthyThreshold
        let unhealthy = check.unhealthyThreshold ?? Defaults.HealthCheck.unhealthyThreshold
        let grace = check.startupGracePeriodSeconds ?? Defaults.HealthCheck.startupGracePeriodSeconds
        guard interval >= 1 else {
            throw RenderError(path: "\(base).intervalSeconds", message: "must be at least 1")
        }
        guard timeout >= 1, healthy >= 1, unhealthy >= 1, grace >= 0 else {
            throw RenderError(path: base, message: "timeout and thresholds must be at least 1, the grace period 0")
        }
        let handler = try probeHandler(check, path: base)

        func probe(success: Int32, failure: Int64) -> JSONValue {
            // One allocation: room for the handler and the four numbers (a copy of the handler grew three times).
            var probe = JSONObject(minimumCapacity: handler.count + 4)
            for (key, value) in handler { probe[key] = value }
            probe["failureThreshold"] = .integer(failure)
            probe["periodSeconds"] = .int(interval)
            probe["successThreshold"] = .int(success)
            probe["timeoutSeconds"] = .int(timeout)
            return .object(probe)
        }

        var probes: [(String, JSONValue)] = [("readinessProbe", probe(success: healthy, failure: Int64(unhealthy)))]
        if check.liveness ?? true {
            probes.append(("livenessProbe", probe(success: 1, failure: Int64(unhealthy))))
        }
        if grace > 0 {
            let periods = (Int64(grace) + Int64(interval) - 1) / Int64(interval)
            probes.append(("startupProbe", probe(success: 1, failure: periods + Int64(unhealthy))))
        }
        return probes
    }

    private func probeHandler(_ check: HealthCheck, path base: String) throws(RenderError) -> JSONObject {
        let type = (check.type ?? "HTTP").uppercased()
        let port: JSONValue
        if let written = check.port, !written.isEmpty {
            if let number = Int64(written) {
                port = .integer(number)
            } else {
                port = .string(written)
            }
        } else {
            port = .string(primaryPort.name)
        }
        switch type {
        case "HTTP":
            guard let probePath = check.path, !probePath.isEmpty else {
                throw RenderError(path: "\(base).path", message: "an HTTP health check needs a path")
            }
            return ["httpGet": ["path": .string(probePath), "port": port]]
        case "TCP":
            return ["tcpSocket": ["port": port]]
        case "GRPC":
            let number: Int64
            switch port {
            case .integer(let value):
                number = value
            case .string(let name):
                guard let match = ports.first(where: { $0.name == name }) else {
                    throw RenderError(path: "\(base).port", message: "no port named \"\(name)\"")
                }
                number = Int64(match.port)
            default:
                number = Int64(primaryPort.port)
            }
            return ["grpc": ["port": .integer(number)]]
        default:
            throw RenderError(path: "\(base).type", message: "\"\(check.type ?? "")\" is not HTTP, TCP or GRPC")
        }
    }
}
