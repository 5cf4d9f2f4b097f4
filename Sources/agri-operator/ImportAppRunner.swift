import AgriPlatformImport
import ArgumentParser

/// `agri-operator import apprunner`: an AgriPlatform from App Runner services.
struct ImportAppRunner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apprunner",
        abstract: "Import App Runner services (describe-service, apprunner.yaml, auto scaling configuration).",
        discussion: """
            Repeat --service for several services of one platform. --config, --auto-scaling and --image are \
            matched to the services in order: give each once per service, or not at all. A service App Runner \
            builds from source needs --image (the image CI now builds); its run settings come from --config \
            when the service reads them from the repository's apprunner.yaml.

            Examples:
              aws apprunner describe-service --service-arn "$ARN" > service.json
              aws apprunner describe-auto-scaling-configuration --auto-scaling-configuration-arn "$AS" > scaling.json
              agri-operator import apprunner --service service.json --config apprunner.yaml \\
                --auto-scaling scaling.json --image ghcr.io/acme/api:1.0.0 --name acme > platform.yaml
            """
    )

    @Option(help: "`aws apprunner describe-service` output; repeat for several services.")
    var service: [String]

    @Option(help: "A service's apprunner.yaml; in the order of --service.")
    var config: [String] = []

    @Option(help: "`aws apprunner describe-auto-scaling-configuration` output; in the order of --service.")
    var autoScaling: [String] = []

    @Option(help: "The image a source-built service now runs; in the order of --service.")
    var image: [String] = []

    @OptionGroup var common: ImportCommonOptions

    func validate() throws {
        for (flag, values) in [("--config", config), ("--auto-scaling", autoScaling), ("--image", image)]
        where !values.isEmpty && values.count != service.count {
            throw ValidationError("give \(flag) once per --service (\(service.count)), or not at all")
        }
    }

    func run() async throws {
        try await ImportFile.emit(command: "import apprunner", externalSecretsFile: common.externalSecretsFile) {
            try await importResult()
        }
    }

    /// Reads the files, asks the cluster when told to, and imports.
    ///
    /// - Throws: ``ImportFileError`` or ``ImportDiscovery/Failure`` (exit status 2), ``ImportError`` (1).
    func importResult() async throws -> ImportResult {
        var services: [AppRunnerImport.Service] = []
        for (index, path) in service.enumerated() {
            services.append(
                AppRunnerImport.Service(
                    description: try ImportFile.json(path),
                    // JSONValue is ExpressibleByNilLiteral: `.none` keeps an absent file absent, not JSON null.
                    configuration: config.isEmpty ? .none : Optional(try ImportFile.yaml(config[index])),
                    autoScaling: autoScaling.isEmpty ? .none : Optional(try ImportFile.json(autoScaling[index])),
                    image: image.isEmpty ? nil : image[index]
                )
            )
        }
        let input = AppRunnerImport.Input(services: services, datastores: try common.datastoreInput())
        let options = try await common.resolvedImportOptions()
        return try AppRunnerImport.run(input, options: options)
    }
}
