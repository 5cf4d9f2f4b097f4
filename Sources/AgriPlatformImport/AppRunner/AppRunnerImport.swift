import AgriPlatformAPI
public import KubeCore

/// Imports App Runner services — `aws apprunner describe-service` output, the repository's `apprunner.yaml` (parsed
/// by the caller into a ``JSONValue``) and `aws apprunner describe-auto-scaling-configuration` output — into an
/// ``AgriPlatform``.
///
/// Each App Runner service becomes one ``PlatformService`` named after it, released `BlueGreen` as App Runner
/// releases (the new version is health-checked, then takes all traffic). `docs/import.md` lists every mapping.
///
/// Pure: no I/O, no clock. Malformed input throws ``ImportError`` with the JSON path.
public enum AppRunnerImport {
    /// One App Runner service's documents.
    public struct Service: Sendable, Hashable {
        /// The `describe-service` output (`{"Service": {...}}`) or the bare service.
        public var description: JSONValue
        /// The `apprunner.yaml` of a service whose configuration source is `REPOSITORY`, as JSON.
        public var configuration: JSONValue?
        /// The `describe-auto-scaling-configuration` output (`{"AutoScalingConfiguration": {...}}`).
        public var autoScaling: JSONValue?
        /// The image to run for a service App Runner builds from source (which has none of its own).
        public var image: String?

        /// Creates a service's input.
        public init(
            description: JSONValue,
            configuration: JSONValue? = nil,
            autoScaling: JSONValue? = nil,
            image: String? = nil
        ) {
            self.description = description
            self.configuration = configuration
            self.autoScaling = autoScaling
            self.image = image
        }
    }

    /// The documents to import.
    public struct Input: Sendable, Hashable {
        /// The services, in the order they appear in the AgriPlatform.
        public var services: [Service]
        /// RDS and ElastiCache descriptions.
        public var datastores: DatastoreImport.Input

        /// Creates an input.
        public init(services: [Service], datastores: DatastoreImport.Input = DatastoreImport.Input()) {
            self.services = services
            self.datastores = datastores
        }
    }

    /// App Runner's default auto scaling configuration (`DefaultConfiguration`): 1–25 instances, 100 concurrent
    /// requests each.
    public static let defaultAutoScaling = (minSize: Int32(1), maxSize: Int32(25), maxConcurrency: Int32(100))

    /// Imports `input` with the user's `options`.
    ///
    /// - Throws: ``ImportError`` naming the JSON path of the first value that cannot be read.
    public static func run(
        _ input: Input,
        options: ImportOptions = ImportOptions()
    ) throws(ImportError)
        -> ImportResult
    {
        guard !input.services.isEmpty else { throw .missingField(path: "Service") }
        var descriptions: [AWSValue] = []
        for (index, service) in input.services.enumerated() {
            let root = AWSValue(service.description, path: input.services.count == 1 ? "" : "[\(index)]")
            descriptions.append(try root.optional("Service") ?? root)
        }
        var name = options.name
        if name == nil { name = AWSUnits.label(try descriptions[0].required("ServiceName").string()) }
        var conversion = AppRunnerConversion(catalog: SecretCatalog(platformName: name!))
        var services: [PlatformService] = []
        for (index, service) in input.services.enumerated() {
            services.append(
                try conversion.service(descriptions[index], input: service, index: index)
            )
        }
        var assembly = PlatformAssembly(name: name!, options: options, catalog: conversion.catalog)
        assembly.notes.append(contentsOf: conversion.notes.notes)
        assembly.serviceAccountRoles = conversion.instanceRoles
        assembly.usesECR = services.contains { $0.image.contains(".dkr.ecr.") }
        return try assembly.finish(services: services, datastores: input.datastores)
    }
}
