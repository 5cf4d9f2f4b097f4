import AgriPlatformAPI
import KubeCore

extension ServiceRender {
    /// The autoscaling/v2 HorizontalPodAutoscaler, which owns the Deployment's replica count.
    ///
    /// Metrics: CPU and memory as `Utilization` of the requests; the request rate and concurrency as `Pods` metrics
    /// with an `AverageValue` target (per-minute rates converted to per second, in milli-units: 1000 per minute is
    /// `16666m`, rounded down so the HPA scales out no later than asked). Behaviour: scale-up after the scale-out
    /// stabilization window (default 0) by up to 100 % or 4 pods per 15 s, whichever is more (Kubernetes' own
    /// default); scale-down after the scale-in window (default 300 s) by at most half the pods per minute.
    func horizontalPodAutoscaler() throws(RenderError) -> JSONValue? {
        guard let autoscaling = service.autoscaling else { return nil }
        let base = "\(path).autoscaling"
        var metrics: [JSONValue] = []
        if let cpu = autoscaling.targetCPUUtilization {
            metrics.append(Self.resourceMetric("cpu", utilization: cpu))
        }
        if let memory = autoscaling.targetMemoryUtilization {
            metrics.append(Self.resourceMetric("memory", utilization: memory))
        }
        if let rate = autoscaling.requestRate {
            let milli: Int64
            switch (rate.per ?? "Second").lowercased() {
            case "second": milli = Int64(rate.targetPerPod) * 1000
            case "minute": milli = Int64(rate.targetPerPod) * 1000 / 60
            default:
                throw RenderError(path: "\(base).requestRate.per", message: "must be Second or Minute")
            }
            guard milli > 0 else {
                throw RenderError(path: "\(base).requestRate.targetPerPod", message: "must be at least 1")
            }
            metrics.append(
                Self.podsMetric(
                    rate.metricName ?? Defaults.Autoscaling.requestRateMetric,
                    averageValue: Quantity(milliValue: milli).description
                )
            )
        }
        if let concurrency = autoscaling.concurrentRequests {
            guard concurrency.targetPerPod >= 1 else {
                throw RenderError(path: "\(base).concurrentRequests.targetPerPod", message: "must be at least 1")
            }
            metrics.append(
                Self.podsMetric(
                    concurrency.metricName ?? Defaults.Autoscaling.concurrencyMetric,
                    averageValue: Quantity(Int64(concurrency.targetPerPod)).description
                )
            )
        }
        let scaleOut = autoscaling.scaleOutStabilizationSeconds ?? Defaults.Autoscaling.scaleOutStabilizationSeconds
        let scaleIn = autoscaling.scaleInStabilizationSeconds ?? Defaults.Autoscaling.scaleInStabilizationSeconds
        // Members in key order, here and in the literals below: a literal written sorted is the object's storage as
        // it is, an unsorted one is copied to be sorted (see JSONObject); the HPA is one of the largest objects.
        var spec = JSONObject(minimumCapacity: 5)
        spec["behavior"] = [
            "scaleDown": [
                "policies": Self.scaleDownPolicies,
                "selectPolicy": "Max",
                "stabilizationWindowSeconds": .int(scaleIn),
            ],
            "scaleUp": [
                "policies": Self.scaleUpPolicies,
                "selectPolicy": "Max",
                "stabilizationWindowSeconds": .int(scaleOut),
            ],
        ]
        spec["maxReplicas"] = .int(autoscaling.maxReplicas)
        if !metrics.isEmpty { spec["metrics"] = .array(metrics) }
        spec["minReplicas"] = .int(autoscaling.minReplicas)
        spec["scaleTargetRef"] = ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(fullName)]
        return scope.object(
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: scope.metadata(name: fullName, labels: labelsJSON),
            spec: .object(spec)
        )
    }

    /// Scale up by doubling or by four pods every 15 s, whichever adds more.
    private static let scaleUpPolicies: JSONValue = [
        ["periodSeconds": 15, "type": "Percent", "value": 100],
        ["periodSeconds": 15, "type": "Pods", "value": 4],
    ]

    /// Scale down by at most half every minute.
    private static let scaleDownPolicies: JSONValue = [["periodSeconds": 60, "type": "Percent", "value": 50]]

    private static func resourceMetric(_ name: String, utilization: Int32) -> JSONValue {
        [
            "resource": [
                "name": .string(name),
                "target": ["averageUtilization": .int(utilization), "type": "Utilization"],
            ],
            "type": "Resource",
        ]
    }

    private static func podsMetric(_ name: String, averageValue: String) -> JSONValue {
        [
            "pods": [
                "metric": ["name": .string(name)],
                "target": ["averageValue": .string(averageValue), "type": "AverageValue"],
            ],
            "type": "Pods",
        ]
    }

    /// The VerticalPodAutoscaler, only when ``RenderContext/verticalPodAutoscalerAvailable``.
    ///
    /// `updateMode` is the spec's `mode` (default `Off`), and always `Off` while the HPA scales on CPU or memory:
    /// validation rejects anything else there, and the renderer keeps to it even for unvalidated input, because a
    /// VPA that changes the requests an HPA measures utilisation against makes the two fight.
    func verticalPodAutoscaler() throws(RenderError) -> JSONValue? {
        guard scope.context.verticalPodAutoscalerAvailable, let vertical = service.verticalAutoscaling else {
            return nil
        }
        let base = "\(path).verticalAutoscaling"
        let horizontalOnResources =
            service.autoscaling.map { $0.targetCPUUtilization != nil || $0.targetMemoryUtilization != nil } ?? false
        let mode = horizontalOnResources ? "Off" : (vertical.mode ?? "Off")
        var containerPolicy: JSONObject = [
            "containerName": .string(service.name),
            "controlledResources": ["cpu", "memory"],
        ]
        if let minimum = try Self.limits(vertical.minAllowed, path: "\(base).minAllowed") {
            containerPolicy["minAllowed"] = minimum
        }
        if let maximum = try Self.limits(vertical.maxAllowed, path: "\(base).maxAllowed") {
            containerPolicy["maxAllowed"] = maximum
        }
        return scope.object(
            apiVersion: "autoscaling.k8s.io/v1",
            kind: "VerticalPodAutoscaler",
            metadata: scope.metadata(name: fullName, labels: labelsJSON),
            spec: [
                "targetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(fullName)],
                "updatePolicy": ["updateMode": .string(mode)],
                "resourcePolicy": ["containerPolicies": [.object(containerPolicy)]],
            ]
        )
    }

    private static func limits(_ limits: ResourceLimits?, path: String) throws(RenderError) -> JSONValue? {
        guard let limits else { return nil }
        var rendered: JSONObject = [:]
        if let cpu = limits.cpu { rendered["cpu"] = try ResourceRequirements.cpu(cpu, path: "\(path).cpu") }
        if let memory = limits.memory {
            rendered["memory"] = try ResourceRequirements.memory(memory, path: "\(path).memory")
        }
        return rendered.isEmpty ? nil : .object(rendered)
    }
}
