import AgriPlatformAPI
import KubeCore

extension ECSConversion {
    /// The service's release strategy.
    ///
    /// - `deploymentController` `CODE_DEPLOY` (or `deploymentConfiguration.strategy` `BLUE_GREEN`) → `BlueGreen`.
    /// - Otherwise `Rolling`: `maximumPercent − 100` is `maxSurge` and `100 − minimumHealthyPercent` is
    ///   `maxUnavailable`, both percentages of the desired count. Rounding differs: ECS rounds the minimum healthy
    ///   count up and the maximum count down, so surge rounds down; Kubernetes rounds `maxSurge` up and
    ///   `maxUnavailable` down. With 3 replicas and 150 %, ECS adds 1 task and Kubernetes 2 pods.
    /// - The deployment circuit breaker with rollback → `rollbackOnFailure: true`.
    mutating func rollout(of service: AWSValue, field: String) throws(ImportError) -> Rollout? {
        let path = "\(field).rollout"
        let controller = try service.optional("deploymentController")?.string("type") ?? "ECS"
        let configuration = try service.optional("deploymentConfiguration")
        let strategy = try configuration?.string("strategy")
        switch controller {
        case "CODE_DEPLOY":
            notes.approximated(
                service.path("deploymentController.type"),
                "\(path).strategy",
                "CodeDeploy blue/green becomes BlueGreen; its deployment configuration (all at once, canary or "
                    + "linear shifting) and termination wait live in CodeDeploy, not in describe-services: set "
                    + "blueGreen.autoPromotionSeconds and scaleDownDelaySeconds (or use Canary) to match"
            )
            return Rollout(strategy: .blueGreen)
        case "EXTERNAL":
            notes.approximated(
                service.path("deploymentController.type"),
                "\(path).strategy",
                "an external deployment controller drove releases; the operator releases with Rolling"
            )
        case "ECS":
            break
        default:
            throw .invalidValue(
                path: service.path("deploymentController.type"),
                value: controller,
                reason: "expected ECS, CODE_DEPLOY or EXTERNAL"
            )
        }
        if strategy == "BLUE_GREEN" {
            var blueGreen = BlueGreenStrategy()
            if let bake = try configuration?.integer("bakeTimeInMinutes") {
                blueGreen.scaleDownDelaySeconds = Int32(clamping: bake * 60)
            }
            notes.mapped(
                configuration!.path("strategy"),
                "\(path).strategy",
                "ECS blue/green: the old revision stays up for the bake time"
            )
            var rollout = Rollout(strategy: .blueGreen)
            rollout.blueGreen = blueGreen
            return rollout
        }
        if let strategy, strategy != "ROLLING" {
            notes.approximated(
                configuration!.path("strategy"),
                "\(path).strategy",
                "ECS \(strategy) deployments become Rolling; use the Canary strategy for weighted steps"
            )
        }
        let maximum = try configuration?.integer("maximumPercent") ?? 200
        let minimum = try configuration?.integer("minimumHealthyPercent") ?? 100
        guard maximum >= 100, maximum <= 200 * 10 else {
            throw .invalidValue(
                path: configuration?.path("maximumPercent") ?? service.path("deploymentConfiguration"),
                value: String(maximum),
                reason: "must be at least 100 for a service the importer can roll"
            )
        }
        guard (0...100).contains(minimum) else {
            throw .invalidValue(
                path: configuration?.path("minimumHealthyPercent") ?? service.path("deploymentConfiguration"),
                value: String(minimum),
                reason: "must be between 0 and 100"
            )
        }
        var rolling = RollingStrategy(
            maxSurge: Self.percent(maximum - 100),
            maxUnavailable: Self.percent(100 - minimum)
        )
        let configurationPath = service.path("deploymentConfiguration")
        notes.approximated(
            "\(configurationPath).maximumPercent",
            "\(path).rolling.maxSurge",
            "maximum \(maximum) % → maxSurge \(maximum - 100) %; Kubernetes rounds the surge up where ECS rounds "
                + "it down"
        )
        notes.mapped(
            "\(configurationPath).minimumHealthyPercent",
            "\(path).rolling.maxUnavailable",
            "minimum healthy \(minimum) % → maxUnavailable \(100 - minimum) % (both round the unavailable count down)"
        )
        if maximum == 100 && minimum == 100 {
            rolling.maxSurge = .int(1)
            notes.approximated(
                "\(configurationPath).maximumPercent",
                "\(path).rolling.maxSurge",
                "minimum 100 % with maximum 100 % cannot roll in Kubernetes; maxSurge set to 1"
            )
        }
        let breaker = try configuration?.optional("deploymentCircuitBreaker")
        let enabled = try breaker?.bool("enable") ?? false
        let rollback = try breaker?.bool("rollback") ?? false
        rolling.rollbackOnFailure = enabled && rollback
        if enabled && rollback {
            notes.mapped(
                breaker!.path,
                "\(path).rolling.rollbackOnFailure",
                "deployment circuit breaker with rollback"
            )
        } else {
            notes.approximated(
                breaker?.path ?? "\(configurationPath).deploymentCircuitBreaker",
                "\(path).rolling.rollbackOnFailure",
                enabled
                    ? "the circuit breaker stops a failing deployment without rolling back; here a failed release "
                        + "stays failed too (rollbackOnFailure: false)"
                    : "no circuit breaker: a failed release is not rolled back (rollbackOnFailure: false)"
            )
        }
        if let alarms = try configuration?.optional("alarms"), try alarms.bool("enable") == true {
            notes.dropped(
                alarms.path,
                "\(path).analysis",
                "CloudWatch alarms that roll back a deployment: express them as analysis.metrics (PromQL)"
            )
        }
        var rollout = Rollout(strategy: .rolling)
        rollout.rolling = rolling
        return rollout
    }

    /// `0` as a count, anything else as a percentage, as the examples write them.
    private static func percent(_ value: Int64) -> IntOrPercent {
        value == 0 ? .int(0) : .string("\(value)%")
    }

    /// Notes for the task definition's and service's settings that have no field to go to.
    mutating func noteUnmapped(
        container: AWSValue,
        taskDefinition: AWSValue,
        service: AWSValue,
        field: String
    ) throws(ImportError) {
        if let role = try taskDefinition.string("taskRoleArn") {
            taskRoles.append((role, taskDefinition.path("taskRoleArn")))
        }
        if try taskDefinition.string("executionRoleArn") != nil {
            notes.dropped(
                taskDefinition.path("executionRoleArn"),
                nil,
                "the execution role pulled images and read secrets: image pulls use spec.imagePullSecrets (or the "
                    + "nodes' role), secrets the Secrets named in env"
            )
        }
        if let logs = try container.optional("logConfiguration") {
            let driver = try logs.string("logDriver") ?? "?"
            let group = try logs.optional("options")?.string("awslogs-group")
            notes.dropped(
                logs.path,
                field,
                "log configuration (\(driver)\(group.map { ", group \($0)" } ?? "")): containers log to stdout; "
                    + "the cluster's log collector (Fluent Bit, CloudWatch agent) ships them"
            )
        }
        for key in ["mountPoints", "volumesFrom", "dependsOn", "links", "ulimits", "extraHosts"] {
            if try !container.array(key).isEmpty {
                notes.dropped(container.path(key), field, "\(key) has no equivalent in the AgriPlatform API")
            }
        }
        if let user = try container.string("user") {
            notes.dropped(
                container.path("user"),
                "\(field).security",
                "user \(user): set security.runAsUser to a numeric id"
            )
        }
        if try container.bool("readonlyRootFilesystem") == true {
            notes.dropped(
                container.path("readonlyRootFilesystem"),
                "\(field).security",
                "read-only root file system: the operator's secure defaults decide it"
            )
        }
        if try !taskDefinition.array("volumes").isEmpty {
            notes.dropped(taskDefinition.path("volumes"), field, "task volumes (EFS, bind mounts) are not imported")
        }
        if try !service.array("serviceRegistries").isEmpty {
            notes.approximated(
                service.path("serviceRegistries"),
                field,
                "Cloud Map discovery: in the cluster the service is reached by its Service's DNS name"
            )
        }
        if let network = try service.optional("networkConfiguration") {
            notes.approximated(
                network.path,
                "spec.networkPolicy",
                "subnets and security groups: the AgriPlatform's network policy admits its own services, "
                    + "monitoring and ingress namespaces"
            )
        }
        for key in ["placementConstraints", "placementStrategy", "capacityProviderStrategy"] {
            if try !service.array(key).isEmpty {
                notes.dropped(service.path(key), field, "\(key) has no equivalent; use nodeSelector")
            }
        }
        if try service.bool("enableExecuteCommand") == true {
            notes.dropped(service.path("enableExecuteCommand"), field, "ECS Exec: use kubectl exec")
        }
    }
}
