import AgriPlatformAPI
import KubeCore

/// The state of one App Runner import while its services are converted.
struct AppRunnerConversion: Sendable {
    var catalog: SecretCatalog
    var notes = NoteLog()
    var instanceRoles: [(arn: String, path: String)] = []

    init(catalog: SecretCatalog) {
        self.catalog = catalog
    }

    mutating func service(
        _ description: AWSValue,
        input: AppRunnerImport.Service,
        index: Int
    ) throws(ImportError) -> PlatformService {
        let field = "spec.services[\(index)]"
        let serviceName = try description.required("ServiceName").string()
        let source = try description.required("SourceConfiguration")
        let imageRepository = try source.optional("ImageRepository")
        let codeRepository = try source.optional("CodeRepository")
        var image: String
        var settings: RunSettings
        if let imageRepository {
            let identifier = try imageRepository.required("ImageIdentifier")
            image = try identifier.string()
            notes.mapped(identifier.path, "\(field).image", "image")
            settings = try RunSettings(api: imageRepository.optional("ImageConfiguration"))
        } else if let codeRepository {
            guard let given = input.image else {
                throw .unmatched(
                    path: codeRepository.path,
                    reason: "App Runner builds this service from source, so it has no image: pass --image"
                )
            }
            image = given
            notes.decision(
                codeRepository.path("RepositoryUrl"),
                "\(field).image",
                "App Runner built \(try codeRepository.string("RepositoryUrl") ?? "the repository"): CI must now "
                    + "build and push \(given)"
            )
            let codeConfiguration = try codeRepository.optional("CodeConfiguration")
            if try codeConfiguration?.string("ConfigurationSource") == "API" {
                settings = try RunSettings(api: codeConfiguration?.optional("CodeConfigurationValues"))
            } else if let configuration = input.configuration {
                settings = try RunSettings(file: AWSValue(configuration, path: "apprunner.yaml"))
            } else {
                notes.decision(
                    codeRepository.path("CodeConfiguration.ConfigurationSource"),
                    field,
                    "the run settings are in the repository's apprunner.yaml: pass --config to import them"
                )
                settings = RunSettings()
            }
        } else {
            throw .missingField(path: source.path("ImageRepository"))
        }
        var service = PlatformService(name: AWSUnits.label(serviceName), image: image)
        if try source.bool("AutoDeploymentsEnabled") == true {
            service.imagePullPolicy = "Always"
            notes.approximated(
                source.path("AutoDeploymentsEnabled"),
                "\(field).imagePullPolicy",
                "automatic deployments: a moving tag is pulled at every start; a push no longer redeploys by itself"
            )
        }
        try apply(settings, to: &service, field: field)
        service.resources = try resources(try description.optional("InstanceConfiguration"), field: field)
        if let role = try description.optional("InstanceConfiguration")?.optional("InstanceRoleArn") {
            instanceRoles.append((try role.string(), role.path))
        }
        let health = try healthCheck(try description.optional("HealthCheckConfiguration"), field: field)
        service.healthCheck = health
        service.autoscaling = try autoscaling(description, input: input, field: field)
        var rollout = Rollout(strategy: .blueGreen)
        rollout.blueGreen = BlueGreenStrategy(autoPromotionSeconds: 0)
        var analysis = RolloutAnalysis()
        analysis.consecutiveHealthCheckFailures = health?.unhealthyThreshold ?? 5
        rollout.analysis = analysis
        service.rollout = rollout
        notes.approximated(
            description.path,
            "\(field).rollout",
            "App Runner's release: the new version starts beside the old, is health-checked, then takes all "
                + "traffic (BlueGreen, promoted at once); failing health checks roll back"
        )
        if let url = try description.string("ServiceUrl") {
            notes.decision(
                description.path("ServiceUrl"),
                "\(field).ingress",
                "App Runner served it at \(url) (and any custom domains): add ingress.host to expose it"
            )
        }
        for key in ["NetworkConfiguration", "ObservabilityConfiguration", "EncryptionConfiguration"] {
            if let value = try description.optional(key) {
                notes.dropped(value.path, field, "\(key): the cluster's network, tracing and storage settings apply")
            }
        }
        return service
    }

    private mutating func apply(
        _ settings: RunSettings,
        to service: inout PlatformService,
        field: String
    ) throws(ImportError) {
        if let port = settings.port {
            guard let number = Int32(port.value), (1...65535).contains(number) else {
                throw .invalidValue(path: port.path, value: port.value, reason: "expected a port number")
            }
            service.ports = [ServicePortSpec(name: "http", port: number)]
            notes.mapped(port.path, "\(field).ports[0]", "port \(number)")
        }
        if let command = settings.startCommand {
            service.command = command.value.split(separator: " ").map(String.init)
            notes.approximated(
                command.path,
                "\(field).command",
                "the start command split at spaces, without a shell: quote-free commands only"
            )
        }
        var env: [EnvVariable] = []
        for variable in settings.variables {
            env.append(EnvVariable(name: variable.name, value: variable.value))
            notes.mapped(variable.path, "\(field).env[\(env.count - 1)]", "variable \(variable.name)")
        }
        for secret in settings.secrets {
            let reference = try catalog.reference(secret.value, at: secret.path)
            env.append(EnvVariable(name: secret.name, secret: reference))
            notes.mapped(
                secret.path,
                "\(field).env[\(env.count - 1)].secret",
                "\(secret.name) from key \(reference.key) of Secret \(reference.name)"
            )
        }
        service.env = env.isEmpty ? nil : env
        for dropped in settings.dropped {
            notes.dropped(dropped, field, "build settings: CI builds the image")
        }
    }

    private mutating func resources(_ instance: AWSValue?, field: String) throws(ImportError) -> ResourceSpec? {
        guard let instance else { return nil }
        var spec = ResourceSpec()
        if let cpu = try instance.optional("Cpu") {
            let text = try cpu.string()
            if let units = Int64(text) {
                guard let vCPU = AWSUnits.vCPU(fromUnits: units) else {
                    throw .invalidValue(path: cpu.path, value: text, reason: "not a whole number of millicores")
                }
                spec.cpu = vCPU
            } else {
                spec.cpu = text
            }
            notes.mapped(cpu.path, "\(field).resources.cpu", "\(text) = \(spec.cpu!)")
        }
        if let memory = try instance.optional("Memory") {
            let text = try memory.string()
            if let megabytes = Int64(text) {
                guard let gigabytes = AWSUnits.gigabytes(fromMB: megabytes) else {
                    throw .invalidValue(path: memory.path, value: text, reason: "not a whole number of MB")
                }
                spec.memory = gigabytes
            } else {
                spec.memory = text
            }
            notes.mapped(memory.path, "\(field).resources.memory", "\(text) = \(spec.memory!) (GB = GiB)")
        }
        for (path, text) in [(field + ".resources.cpu", spec.cpu), (field + ".resources.memory", spec.memory)] {
            guard let text else { continue }
            let valid: Bool
            if path.hasSuffix("cpu") {
                valid = (try? ResourceUnits.cpu(text)) != nil
            } else {
                valid = (try? ResourceUnits.memory(text)) != nil
            }
            if !valid {
                throw .invalidValue(path: instance.path, value: text, reason: "not a CPU or memory amount")
            }
        }
        return spec.cpu == nil && spec.memory == nil ? nil : spec
    }

    private mutating func healthCheck(_ value: AWSValue?, field: String) throws(ImportError) -> HealthCheck? {
        guard let value else { return nil }
        let path = "\(field).healthCheck"
        var check: HealthCheck
        switch try value.string("Protocol") ?? "TCP" {
        case "HTTP":
            check = HealthCheck(path: try value.string("Path") ?? "/")
        case "TCP":
            check = HealthCheck(type: "TCP")
        case let other:
            throw .invalidValue(path: value.path("Protocol"), value: other, reason: "expected TCP or HTTP")
        }
        check.intervalSeconds = try value.int32("Interval", in: 1...20)
        check.timeoutSeconds = try value.int32("Timeout", in: 1...20)
        check.healthyThreshold = try value.int32("HealthyThreshold", in: 1...20).map { min($0, 10) }
        check.unhealthyThreshold = try value.int32("UnhealthyThreshold", in: 1...20).map { min($0, 10) }
        notes.mapped(value.path, path, "protocol, path, interval, timeout and thresholds")
        for key in ["HealthyThreshold", "UnhealthyThreshold"] where try (value.integer(key) ?? 0) > 10 {
            notes.approximated(value.path(key), path, "\(key) above 10 capped at 10 (the API's limit)")
        }
        return check
    }

    private mutating func autoscaling(
        _ description: AWSValue,
        input: AppRunnerImport.Service,
        field: String
    ) throws(ImportError) -> Autoscaling? {
        let path = "\(field).autoscaling"
        var bounds = AppRunnerImport.defaultAutoScaling
        if let document = input.autoScaling {
            let root = AWSValue(document, path: "")
            let configuration = try root.optional("AutoScalingConfiguration") ?? root
            bounds.minSize = try configuration.int32("MinSize", in: 1...25) ?? bounds.minSize
            bounds.maxSize = try configuration.int32("MaxSize", in: 1...Int64(Int32.max)) ?? bounds.maxSize
            bounds.maxConcurrency = try configuration.int32("MaxConcurrency", in: 1...200) ?? bounds.maxConcurrency
            notes.mapped(configuration.path, path, "auto scaling configuration")
        } else {
            let summary = try description.optional("AutoScalingConfigurationSummary")
            let name = try summary?.string("AutoScalingConfigurationName")
            if name != nil && name != "DefaultConfiguration" {
                notes.decision(
                    summary!.path,
                    path,
                    "auto scaling configuration \(name!) not given (pass --auto-scaling with "
                        + "describe-auto-scaling-configuration output): App Runner's defaults are used"
                )
            } else {
                notes.mapped(
                    summary?.path ?? description.path,
                    path,
                    "App Runner's default auto scaling: 1–25 instances, 100 concurrent requests each"
                )
            }
        }
        var scaling = Autoscaling(minReplicas: bounds.minSize, maxReplicas: bounds.maxSize)
        scaling.concurrentRequests = MetricTarget(targetPerPod: bounds.maxConcurrency)
        notes.approximated(
            path,
            "\(path).concurrentRequests",
            "App Runner's maximum concurrency \(bounds.maxConcurrency) as a target average per pod of the "
                + "http_requests_in_flight metric (a metrics adapter must serve it)"
        )
        return scaling
    }
}
