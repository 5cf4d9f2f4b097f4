import AgriPlatformAPI

extension ECSConversion {
    /// The service's autoscaling: bounds from its scalable target (`service/<cluster>/<service>`,
    /// `ecs:service:DesiredCount`) and targets from its target-tracking policies.
    ///
    /// Cool-downs become stabilization windows, an approximation: a cool-down waits after a scaling activity, a
    /// stabilization window looks back over recommendations. With several policies the longest cool-down of each
    /// direction is kept.
    mutating func autoscaling(of service: AWSValue, field: String) throws(ImportError) -> Autoscaling? {
        let path = "\(field).autoscaling"
        let resourceID = try Self.resourceID(of: service)
        let target = try scalableTargets.first(matching: { (target) throws(ImportError) in
            let dimension = try target.string("ScalableDimension") ?? "ecs:service:DesiredCount"
            return try target.string("ResourceId") == resourceID && dimension == "ecs:service:DesiredCount"
        })
        let policies = try scalingPolicies.filter(matching: { (policy) throws(ImportError) in
            try policy.string("ResourceId") == resourceID
        })
        guard let target else {
            for policy in policies {
                notes.dropped(
                    policy.path,
                    path,
                    "a scaling policy without its scalable target (pass --targets): the bounds are unknown"
                )
            }
            return nil
        }
        guard let minimum = try target.int32("MinCapacity", in: 0...Int64(Int32.max)),
            let maximum = try target.int32("MaxCapacity", in: 0...Int64(Int32.max))
        else { throw .missingField(path: target.path("MinCapacity")) }
        var scaling = Autoscaling(minReplicas: max(minimum, 1), maxReplicas: max(maximum, 1))
        if minimum == 0 {
            notes.approximated(
                target.path("MinCapacity"),
                "\(path).minReplicas",
                "ECS can scale to 0 tasks; a HorizontalPodAutoscaler keeps at least 1 pod"
            )
        } else {
            notes.mapped(target.path, "\(path).minReplicas", "scalable target bounds \(minimum)–\(maximum)")
        }
        var scaleOut: Int64?
        var scaleIn: Int64?
        for policy in policies {
            guard try policy.string("PolicyType") == "TargetTrackingScaling" else {
                notes.dropped(
                    policy.path("PolicyType"),
                    path,
                    "\(try policy.string("PolicyName") ?? "policy"): step scaling has no HorizontalPodAutoscaler "
                        + "equivalent; express it as a target"
                )
                continue
            }
            let configuration = try policy.required("TargetTrackingScalingPolicyConfiguration")
            try apply(configuration, to: &scaling, field: path)
            if let out = try configuration.integer("ScaleOutCooldown") { scaleOut = max(scaleOut ?? 0, out) }
            if let inward = try configuration.integer("ScaleInCooldown") { scaleIn = max(scaleIn ?? 0, inward) }
            if try configuration.bool("DisableScaleIn") == true {
                notes.dropped(
                    configuration.path("DisableScaleIn"),
                    path,
                    "scale-in is disabled in ECS for this policy; the HorizontalPodAutoscaler scales in"
                )
            }
        }
        if let scaleOut {
            scaling.scaleOutStabilizationSeconds = Int32(min(scaleOut, 3600))
            notes.approximated(
                "ScalingPolicies[].TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown",
                "\(path).scaleOutStabilizationSeconds",
                "scale-out cool-down \(scaleOut) s as a stabilization window (it looks back rather than waiting "
                    + "after an activity)"
            )
        }
        if let scaleIn {
            scaling.scaleInStabilizationSeconds = Int32(min(scaleIn, 3600))
            notes.approximated(
                "ScalingPolicies[].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown",
                "\(path).scaleInStabilizationSeconds",
                "scale-in cool-down \(scaleIn) s as a stabilization window (it looks back rather than waiting "
                    + "after an activity)"
            )
        }
        let hasTarget =
            scaling.targetCPUUtilization != nil || scaling.targetMemoryUtilization != nil
            || scaling.requestRate != nil
        guard hasTarget else {
            notes.dropped(
                target.path,
                path,
                "a scalable target without a target-tracking policy: the service keeps a fixed replica count"
            )
            return nil
        }
        return scaling
    }

    private mutating func apply(
        _ configuration: AWSValue,
        to scaling: inout Autoscaling,
        field: String
    ) throws(ImportError) {
        let value = try configuration.required("TargetValue")
        let number = try value.number()
        guard let metric = try configuration.optional("PredefinedMetricSpecification") else {
            notes.dropped(
                configuration.path("CustomizedMetricSpecification"),
                field,
                "a customized CloudWatch metric has no equivalent; serve it through a metrics adapter and "
                    + "target it as a per-pod metric"
            )
            return
        }
        let type = try metric.required("PredefinedMetricType")
        let whole = Int32(clamping: Int64(number.rounded()))
        if Double(whole) != number {
            notes.approximated(value.path, field, "target \(number) rounded to \(whole)")
        }
        switch try type.string() {
        case "ECSServiceAverageCPUUtilization":
            scaling.targetCPUUtilization = min(max(whole, 1), 100)
            notes.mapped(value.path, "\(field).targetCPUUtilization", "average CPU \(whole) %")
        case "ECSServiceAverageMemoryUtilization":
            scaling.targetMemoryUtilization = min(max(whole, 1), 100)
            notes.mapped(value.path, "\(field).targetMemoryUtilization", "average memory \(whole) %")
        case "ALBRequestCountPerTarget":
            var rate = RequestRateTarget(targetPerPod: max(whole, 1), per: "Minute")
            rate.metricName = nil
            scaling.requestRate = rate
            notes.approximated(
                value.path,
                "\(field).requestRate",
                "\(whole) requests per target per minute, measured by the pods' http_requests_per_second metric "
                    + "(a metrics adapter must serve it) instead of the ALB"
            )
        case let other:
            throw .invalidValue(
                path: type.path,
                value: other,
                reason: "expected ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or "
                    + "ALBRequestCountPerTarget"
            )
        }
    }

    /// `service/<cluster>/<service>`, as Application Auto Scaling names an ECS service.
    static func resourceID(of service: AWSValue) throws(ImportError) -> String {
        let name = try service.required("serviceName").string()
        let clusterARN = try service.string("clusterArn") ?? "default"
        let cluster = clusterARN.split(separator: "/").last.map(String.init) ?? clusterARN
        return "service/\(cluster)/\(name)"
    }
}
