import AgriPlatformAPI
public import KubeCore

/// Imports ECS services — the JSON that `aws ecs describe-task-definition`, `aws ecs describe-services`,
/// `aws application-autoscaling describe-scaling-policies` / `describe-scalable-targets` and
/// `aws elbv2 describe-target-groups` print — into an ``AgriPlatform``.
///
/// Each ECS service in ``Input/services`` becomes one ``PlatformService``, built from its task definition (matched
/// by ARN, or by `family:revision`) and its essential container; the scalable target and target-tracking policies
/// whose resource id names the service become its autoscaling; the target group its load balancer names becomes
/// its health check. `docs/import.md` lists every mapping.
///
/// Pure: no I/O, no clock. Malformed input throws ``ImportError`` with the JSON path.
public enum ECSImport {
    /// The AWS documents to import, each as the AWS CLI prints it (`--output json`).
    public struct Input: Sendable, Hashable {
        /// `describe-task-definition` outputs (`{"taskDefinition": {...}}`) or bare task definitions.
        public var taskDefinitions: [JSONValue]
        /// A `describe-services` output (`{"services": [...]}`).
        public var services: JSONValue
        /// A `describe-scaling-policies` output (`{"ScalingPolicies": [...]}`).
        public var scalingPolicies: JSONValue?
        /// A `describe-scalable-targets` output (`{"ScalableTargets": [...]}`).
        public var scalableTargets: JSONValue?
        /// A `describe-target-groups` output (`{"TargetGroups": [...]}`).
        public var targetGroups: JSONValue?
        /// RDS and ElastiCache descriptions.
        public var datastores: DatastoreImport.Input

        /// Creates an input.
        public init(
            taskDefinitions: [JSONValue],
            services: JSONValue,
            scalingPolicies: JSONValue? = nil,
            scalableTargets: JSONValue? = nil,
            targetGroups: JSONValue? = nil,
            datastores: DatastoreImport.Input = DatastoreImport.Input()
        ) {
            self.taskDefinitions = taskDefinitions
            self.services = services
            self.scalingPolicies = scalingPolicies
            self.scalableTargets = scalableTargets
            self.targetGroups = targetGroups
            self.datastores = datastores
        }
    }

    /// Imports `input` with the user's `options`.
    ///
    /// - Throws: ``ImportError`` naming the JSON path of the first value that cannot be read.
    public static func run(
        _ input: Input,
        options: ImportOptions = ImportOptions()
    ) throws(ImportError)
        -> ImportResult
    {
        guard !input.taskDefinitions.isEmpty else { throw .missingField(path: "taskDefinition") }
        let taskDefinitions = try input.taskDefinitions.enumerated().map { (entry) throws(ImportError) in
            let root = AWSValue(entry.element, path: input.taskDefinitions.count == 1 ? "" : "[\(entry.offset)]")
            return try root.optional("taskDefinition") ?? root
        }
        let servicesRoot = AWSValue(input.services, path: "")
        let services = try servicesRoot.optional("services")?.array() ?? [servicesRoot]
        guard !services.isEmpty else { throw .missingField(path: "services[0]") }

        var name = options.name
        if name == nil { name = AWSUnits.label(try taskDefinitions[0].required("family").string()) }
        var conversion = ECSConversion(
            platformName: name!,
            scalingPolicies: try list(input.scalingPolicies, "ScalingPolicies") ?? [],
            scalableTargets: try list(input.scalableTargets, "ScalableTargets") ?? [],
            targetGroups: try list(input.targetGroups, "TargetGroups")
        )
        var platformServices: [PlatformService] = []
        for service in services {
            let taskDefinition = try matchTaskDefinition(of: service, in: taskDefinitions)
            var imported = try conversion.service(
                service,
                taskDefinition: taskDefinition,
                index: platformServices.count
            )
            if platformServices.contains(where: { $0.name == imported.name }) {
                let fallback = AWSUnits.label(try service.required("serviceName").string())
                conversion.notes.decision(
                    service.path("serviceName"),
                    "spec.services[\(platformServices.count)].name",
                    "two services share the container name \(imported.name); named after the ECS service"
                )
                imported.name = fallback
            }
            platformServices.append(imported)
        }
        var assembly = PlatformAssembly(name: name!, options: options, catalog: conversion.catalog)
        assembly.notes.append(contentsOf: conversion.notes.notes)
        assembly.serviceAccountRoles = conversion.taskRoles
        assembly.usesECR = platformServices.contains { $0.image.contains(".dkr.ecr.") }
        return try assembly.finish(services: platformServices, datastores: input.datastores)
    }

    /// The elements of `key` in a describe output, or `nil` when the document was not given.
    static func list(_ document: JSONValue?, _ key: String) throws(ImportError) -> [AWSValue]? {
        guard let document else { return nil }
        return try AWSValue(document, path: "").required(key).array()
    }

    /// The task definition `service` runs: matched by full ARN, else by `family:revision` or family.
    private static func matchTaskDefinition(
        of service: AWSValue,
        in taskDefinitions: [AWSValue]
    ) throws(ImportError) -> AWSValue {
        let reference = try service.required("taskDefinition")
        let wanted = try reference.string()
        for taskDefinition in taskDefinitions {
            let arn = try taskDefinition.string("taskDefinitionArn")
            let family = try taskDefinition.required("family").string()
            let revision = try taskDefinition.integer("revision")
            let candidates = [arn, family, revision.map { "\(family):\($0)" }].compactMap { $0 }
            if candidates.contains(wanted) || wanted.hasSuffix("task-definition/\(family)") {
                return taskDefinition
            }
        }
        throw .unmatched(path: reference.path, reason: "no task definition given for \(wanted)")
    }
}
