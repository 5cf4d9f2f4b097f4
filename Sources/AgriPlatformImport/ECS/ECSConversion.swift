import AgriPlatformAPI
import Foundation
import KubeCore

/// The state of one ECS import while its services are converted: the documents shared by every service, the secret
/// references met so far, the task roles, and the notes.
struct ECSConversion: Sendable {
    let platformName: String
    let scalingPolicies: [AWSValue]
    let scalableTargets: [AWSValue]
    /// `nil` when no target groups were given (as opposed to none matching).
    let targetGroups: [AWSValue]?
    var catalog: SecretCatalog
    var notes = NoteLog()
    /// Task role ARNs with the path each was read at.
    var taskRoles: [(arn: String, path: String)] = []

    init(platformName: String, scalingPolicies: [AWSValue], scalableTargets: [AWSValue], targetGroups: [AWSValue]?) {
        self.platformName = platformName
        self.scalingPolicies = scalingPolicies
        self.scalableTargets = scalableTargets
        self.targetGroups = targetGroups
        self.catalog = SecretCatalog(platformName: platformName)
    }

    /// One ECS service and its task definition as a ``PlatformService`` at `spec.services[index]`.
    mutating func service(
        _ service: AWSValue,
        taskDefinition: AWSValue,
        index: Int
    ) throws(ImportError) -> PlatformService {
        let field = "spec.services[\(index)]"
        let container = try mainContainer(of: taskDefinition, service: service, field: field)
        let containerName = try container.required("name").string()
        var result = PlatformService(
            name: AWSUnits.label(containerName),
            image: try container.required("image").string()
        )
        notes.mapped(container.path("image"), "\(field).image", "image")
        if let entryPoint = try container.optional("entryPoint") {
            result.command = try entryPoint.array().map { (value) throws(ImportError) in try value.string() }
            notes.mapped(entryPoint.path, "\(field).command", "entryPoint becomes the container's command")
        }
        if let command = try container.optional("command") {
            result.args = try command.array().map { (value) throws(ImportError) in try value.string() }
            notes.mapped(command.path, "\(field).args", "command becomes the container's args")
        }
        let balancers = try service.array("loadBalancers")
        let balancedPort = try balancers.first(matching: { (balancer) throws(ImportError) in
            try balancer.string("containerName") == containerName
        })?.integer("containerPort")
        result.ports = try ports(of: container, primary: balancedPort, field: field)
        result.resources = try resources(of: container, taskDefinition: taskDefinition, field: field)
        result.env = try environment(of: container, field: field)
        result.healthCheck = try healthCheck(
            container: container,
            service: service,
            balancers: balancers,
            containerName: containerName,
            field: field
        )
        let scaling = try autoscaling(of: service, field: field)
        result.autoscaling = scaling
        if scaling == nil, let desired = try service.int32("desiredCount", in: 0...Int64(Int32.max)) {
            result.replicas = desired
            notes.mapped(service.path("desiredCount"), "\(field).replicas", "desired count")
        }
        result.rollout = try rollout(of: service, field: field)
        if let stopTimeout = try container.integer("stopTimeout") {
            result.terminationGracePeriodSeconds = stopTimeout
            notes.mapped(container.path("stopTimeout"), "\(field).terminationGracePeriodSeconds", "stop timeout")
        }
        if let architecture = try taskDefinition.optional("runtimePlatform")?.string("cpuArchitecture"),
            architecture == "ARM64"
        {
            result.nodeSelector = ["kubernetes.io/arch": "arm64"]
            notes.mapped(
                taskDefinition.path("runtimePlatform.cpuArchitecture"),
                "\(field).nodeSelector",
                "ARM64 (Graviton) tasks run on arm64 nodes"
            )
        }
        try noteUnmapped(container: container, taskDefinition: taskDefinition, service: service, field: field)
        if !balancers.isEmpty {
            notes.decision(
                service.path("loadBalancers"),
                "\(field).ingress",
                "the ALB's listener rules (host, path, certificate) are not in describe-services: add "
                    + "ingress.host (and ingress.className: alb with alb.ingress.kubernetes.io annotations, or "
                    + "your controller's) to expose the service"
            )
        }
        return result
    }

    /// The container the service runs: the one its load balancer names, else the only essential container with a
    /// port, else the first essential one. Other containers are sidecars the API cannot express.
    private mutating func mainContainer(
        of taskDefinition: AWSValue,
        service: AWSValue,
        field: String
    ) throws(ImportError) -> AWSValue {
        let containers = try taskDefinition.required("containerDefinitions").array()
        guard !containers.isEmpty else { throw .missingField(path: taskDefinition.path("containerDefinitions[0]")) }
        let balanced = try service.array("loadBalancers").first.flatMap { (balancer) throws(ImportError) in
            try balancer.string("containerName")
        }
        var chosen: AWSValue?
        for container in containers {
            if let balanced, try container.string("name") == balanced { chosen = container }
        }
        if chosen == nil {
            let essential = try containers.filter(matching: { (container) throws(ImportError) in
                try container.bool("essential") != false
            })
            let withPort = try essential.first(matching: { (container) throws(ImportError) in
                try !container.array("portMappings").isEmpty
            })
            chosen = withPort ?? essential.first ?? containers[0]
        }
        let main = chosen!
        for container in containers where container.path != main.path {
            notes.dropped(
                container.path,
                field,
                "container \(try container.string("name") ?? "?") is not imported: a service runs one container; "
                    + "run sidecars as separate services or add them to the rendered Deployment with a patch"
            )
        }
        return main
    }

    private mutating func ports(
        of container: AWSValue,
        primary: Int64?,
        field: String
    ) throws(ImportError) -> [ServicePortSpec]? {
        var result: [ServicePortSpec] = []
        for mapping in try container.array("portMappings") {
            guard let port = try mapping.int32("containerPort", in: 1...65535) else {
                throw .missingField(path: mapping.path("containerPort"))
            }
            let given = try mapping.string("name").map { AWSUnits.label($0, limit: 15) }
            var spec = ServicePortSpec(name: given ?? (result.isEmpty ? "http" : "port-\(port)"), port: port)
            if let proto = try mapping.string("protocol"), proto.lowercased() != "tcp" {
                spec.protocol = proto.uppercased()
            }
            if let appProtocol = try mapping.string("appProtocol") { spec.appProtocol = appProtocol }
            if result.contains(where: { $0.name == spec.name }) { spec.name = "port-\(port)" }
            if Int64(port) == primary {
                result.insert(spec, at: 0)
            } else {
                result.append(spec)
            }
            notes.mapped(mapping.path, "\(field).ports", "container port \(port)")
        }
        return result.isEmpty ? nil : result
    }

    private mutating func resources(
        of container: AWSValue,
        taskDefinition: AWSValue,
        field: String
    ) throws(ImportError) -> ResourceSpec? {
        var spec = ResourceSpec()
        let containerCount = try taskDefinition.required("containerDefinitions").array().count
        let containerCPU = try container.integer("cpu").flatMap { $0 > 0 ? $0 : nil }
        var taskLevelCPU: (Int64, String)?
        if containerCPU == nil { taskLevelCPU = try taskCPU(taskDefinition) }
        if let cpu = containerCPU.map({ ($0, container.path("cpu")) }) ?? taskLevelCPU {
            if let vCPU = AWSUnits.vCPU(fromUnits: cpu.0) {
                spec.cpu = vCPU
                notes.mapped(cpu.1, "\(field).resources.cpu", "\(cpu.0) CPU units = \(vCPU)")
            } else {
                spec.cpu = AWSUnits.roundedMillicores(fromUnits: cpu.0)
                notes.approximated(
                    cpu.1,
                    "\(field).resources.cpu",
                    "\(cpu.0) CPU units is not a whole number of millicores; rounded to \(spec.cpu!)"
                )
            }
            if containerCPU == nil, containerCount > 1 {
                notes.approximated(
                    cpu.1,
                    "\(field).resources.cpu",
                    "the task's CPU is shared by all its containers; the imported container gets all of it"
                )
            }
        }
        let hard = try container.integer("memory")
        let soft = try container.integer("memoryReservation")
        if let request = soft ?? hard {
            spec.memory = AWSUnits.memory(fromMiB: request)
            let path = soft != nil ? container.path("memoryReservation") : container.path("memory")
            notes.mapped(path, "\(field).resources.memory", "\(request) MiB")
            if let hard, let soft, hard != soft {
                spec.limits = ResourceLimits(memory: AWSUnits.memory(fromMiB: hard))
                notes.mapped(container.path("memory"), "\(field).resources.limits.memory", "hard limit \(hard) MiB")
            }
        } else if let memory = try taskMemory(taskDefinition) {
            spec.memory = AWSUnits.memory(fromMiB: memory)
            notes.mapped(
                taskDefinition.path("memory"),
                "\(field).resources.memory",
                "task memory \(memory) MiB (a hard limit in ECS, as the memory limit here)"
            )
        }
        return spec.cpu == nil && spec.memory == nil ? nil : spec
    }

    /// The task-level CPU in units; `register-task-definition` also accepts `0.5 vCPU`.
    private func taskCPU(_ taskDefinition: AWSValue) throws(ImportError) -> (Int64, String)? {
        guard let value = try taskDefinition.optional("cpu") else { return nil }
        if let text = value.json.stringValue, text.lowercased().hasSuffix("vcpu") {
            let number = text.dropLast(4).trimmingCharacters(in: .whitespaces)
            guard let vCPU = Double(number) else {
                throw .invalidValue(path: value.path, value: text, reason: "expected CPU units or a vCPU amount")
            }
            return (Int64((vCPU * 1024).rounded()), value.path)
        }
        return (try value.integer(), value.path)
    }

    /// The task-level memory in MiB; `register-task-definition` also accepts `1 GB`.
    private func taskMemory(_ taskDefinition: AWSValue) throws(ImportError) -> Int64? {
        guard let value = try taskDefinition.optional("memory") else { return nil }
        if let text = value.json.stringValue, text.uppercased().hasSuffix("GB") {
            let number = text.dropLast(2).trimmingCharacters(in: .whitespaces)
            guard let gigabytes = Double(number) else {
                throw .invalidValue(path: value.path, value: text, reason: "expected MiB or a GB amount")
            }
            return Int64((gigabytes * 1024).rounded())
        }
        return try value.integer()
    }

    private mutating func environment(of container: AWSValue, field: String) throws(ImportError) -> [EnvVariable]? {
        var env: [EnvVariable] = []
        for variable in try container.array("environment") {
            let name = try variable.required("name").string()
            env.append(EnvVariable(name: name, value: try variable.string("value") ?? ""))
            notes.mapped(variable.path, "\(field).env[\(env.count - 1)]", "variable \(name)")
        }
        for secret in try container.array("secrets") {
            let name = try secret.required("name").string()
            let valueFrom = try secret.required("valueFrom")
            let reference = try catalog.reference(try valueFrom.string(), at: valueFrom.path)
            env.append(EnvVariable(name: name, secret: reference))
            notes.mapped(
                valueFrom.path,
                "\(field).env[\(env.count - 1)].secret",
                "\(name) from key \(reference.key) of Secret \(reference.name)"
            )
        }
        for file in try container.array("environmentFiles") {
            notes.dropped(
                file.path,
                "\(field).env",
                "environment file \(try file.string("value") ?? "?") (S3) is not read: put its variables in env "
                    + "or a ConfigMap (envFrom)"
            )
        }
        return env.isEmpty ? nil : env
    }
}
