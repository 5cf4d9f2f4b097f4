import AgriPlatformImport
import ArgumentParser

/// `agri-operator import ecs`: an AgriPlatform from ECS services and their task definitions.
struct ImportECS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs",
        abstract: "Import ECS services (task definitions, services, auto scaling, target groups).",
        discussion: """
            Each service in --service becomes one AgriPlatform service, built from its task definition (matched \
            by ARN; give --task-definition once per task definition) and its essential container.

            Examples:
              aws ecs describe-task-definition --task-definition farmers-module > taskdef.json
              aws ecs describe-services --cluster prod --services farmers-module > services.json
              aws application-autoscaling describe-scalable-targets --service-namespace ecs > targets.json
              aws application-autoscaling describe-scaling-policies --service-namespace ecs > policies.json
              aws elbv2 describe-target-groups > target-groups.json
              agri-operator import ecs --task-definition taskdef.json --service services.json \\
                --targets targets.json --scaling-policies policies.json --target-groups target-groups.json \\
                --rds db.json --datastores operated --postgis --external-secrets-store aws-secrets > platform.yaml
            """
    )

    @Option(help: "`aws ecs describe-task-definition` output; repeat for several task definitions.")
    var taskDefinition: [String]

    @Option(help: "`aws ecs describe-services` output.")
    var service: String

    @Option(help: "`aws application-autoscaling describe-scaling-policies` output.")
    var scalingPolicies: String?

    @Option(help: "`aws application-autoscaling describe-scalable-targets` output.")
    var targets: String?

    @Option(help: "`aws elbv2 describe-target-groups` output, for the load balancer's HTTP health check.")
    var targetGroups: String?

    @OptionGroup var common: ImportCommonOptions

    func run() async throws {
        try await ImportFile.emit(command: "import ecs", externalSecretsFile: common.externalSecretsFile) {
            try await importResult()
        }
    }

    /// Reads the files, asks the cluster when told to, and imports.
    ///
    /// - Throws: ``ImportFileError`` or ``ImportDiscovery/Failure`` (exit status 2), ``ImportError`` (1).
    func importResult() async throws -> ImportResult {
        let input = ECSImport.Input(
            taskDefinitions: try taskDefinition.map { (path) throws(ImportFileError) in try ImportFile.json(path) },
            services: try ImportFile.json(service),
            scalingPolicies: try scalingPolicies.map(ImportFile.json),
            scalableTargets: try targets.map(ImportFile.json),
            targetGroups: try targetGroups.map(ImportFile.json),
            datastores: try common.datastoreInput()
        )
        let options = try await common.resolvedImportOptions()
        return try ECSImport.run(input, options: options)
    }
}
