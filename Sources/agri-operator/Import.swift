import AgriPlatformAPI
import AgriPlatformCLI
import AgriPlatformImport
import ArgumentParser
import Foundation
import KubeCore

/// `agri-operator import`: writes an AgriPlatform from what a team runs on AWS today.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write an AgriPlatform from ECS or App Runner services, RDS, ElastiCache and AWS secret references.",
        discussion: """
            Reads the JSON the AWS CLI prints (describe-task-definition, describe-services, describe-scaling-policies, \
            describe-scalable-targets, describe-target-groups, apprunner describe-service, rds describe-db-instances \
            or describe-db-clusters, elasticache describe-cache-clusters or describe-replication-groups) and writes \
            one AgriPlatform as YAML to standard output, with comments where a setting has no equivalent or needs a \
            decision, and a summary of what was mapped, approximated or dropped to standard error. Nothing is sent \
            to AWS, and no secret value is read: secret references become Secret references and, with \
            --external-secrets-store, ExternalSecrets (External Secrets Operator) that fill them.

            The cluster is contacted only with --kubeconfig or --detect, and only to read discovery and the named \
            secret store: the ExternalSecrets are then written in the version the cluster serves (v1, else \
            v1beta1), a missing store is reported, and without --external-secrets-store the summary says when the \
            cluster could take ExternalSecrets. Offline, v1beta1 is written unless --external-secrets-api-version \
            says otherwise.

            Exit status: 0 when the imported AgriPlatform validates, 1 when the input cannot be imported, \
            --external-secrets-store is given but the cluster does not serve ExternalSecrets, or the result needs \
            an edit to validate (the YAML is still printed), 2 when a file cannot be read or parsed or the cluster \
            cannot be asked.

            See docs/import.md for every mapping.
            """,
        subcommands: [ImportECS.self, ImportAppRunner.self]
    )
}

/// The options `import ecs` and `import apprunner` share: datastores, secrets and names.
struct ImportCommonOptions: ParsableArguments {
    @Option(help: "`aws rds describe-db-instances` or `describe-db-clusters` output.")
    var rds: String?

    @Option(help: "`aws elasticache describe-cache-clusters` or `describe-replication-groups` output.")
    var elasticache: String?

    @Option(help: "What databases and caches become: operated (run in the cluster) or external (stay in AWS).")
    var datastores: DatastoreChoice = .external

    @Flag(help: "Operated PostgreSQL datastores include PostGIS (RDS does not record it).")
    var postgis = false

    @Option(help: "Generate ExternalSecrets that read the referenced AWS secrets through this SecretStore.")
    var externalSecretsStore: String?

    @Flag(help: "The --external-secrets-store is a ClusterSecretStore.")
    var clusterSecretStore = false

    @Option(help: "Write the ExternalSecrets to this file instead of after the AgriPlatform on standard output.")
    var externalSecretsFile: String?

    @Option(
        name: .customLong("external-secrets-api-version"),
        help:
            "The external-secrets.io version to write: v1 or v1beta1 (default: the one the cluster serves, else v1beta1)."
    )
    var externalSecretsAPIVersion: ExternalSecretsVersionChoice?

    @Option(
        help: ArgumentHelp(
            "Detect the External Secrets Operator in the cluster of this kubeconfig (read-only discovery).",
            valueName: "path"
        )
    )
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use. Default: its current-context.", valueName: "name"))
    var context: String?

    @Flag(
        help: """
            Detect the External Secrets Operator in the default cluster: $KUBECONFIG, else ~/.kube/config, else the \
            pod's service account.
            """
    )
    var detect = false

    @Option(help: "The AgriPlatform's name (default: the task definition family or App Runner service name).")
    var name: String?

    @Option(help: "The namespace written into the output's metadata.")
    var namespace: String?

    func validate() throws {
        if (clusterSecretStore || externalSecretsFile != nil) && externalSecretsStore == nil {
            throw ValidationError("--cluster-secret-store and --external-secrets-file need --external-secrets-store")
        }
        if externalSecretsAPIVersion != nil && externalSecretsStore == nil {
            throw ValidationError("--external-secrets-api-version needs --external-secrets-store")
        }
        if context != nil && kubeconfig == nil && !detect {
            throw ValidationError("--context needs --kubeconfig or --detect")
        }
    }

    /// Where to read the cluster's configuration from; `nil` (no cluster contact) without --kubeconfig or --detect.
    var clientSource: OperatorSettings.ClientSource? {
        if let kubeconfig { return .kubeconfig(path: kubeconfig, context: context) }
        return detect ? .inferred(context: context) : nil
    }

    /// ``importOptions`` with what the cluster says about the External Secrets Operator, when asked.
    func resolvedImportOptions() async throws(ImportDiscovery.Failure) -> ImportOptions {
        var options = importOptions
        guard let clientSource else { return options }
        options.externalSecretsDiscovery = try await ImportDiscovery.discover(
            configuration: try ImportDiscovery.configuration(clientSource),
            store: options.externalSecrets,
            namespace: namespace
        )
        return options
    }

    /// The options for the import library.
    var importOptions: ImportOptions {
        ImportOptions(
            name: name,
            namespace: namespace,
            datastores: datastores == .operated ? .operated : .external,
            postGIS: postgis,
            externalSecrets: externalSecretsStore.map {
                ExternalSecretsOptions(
                    storeName: $0,
                    storeKind: clusterSecretStore ? .clusterSecretStore : .secretStore,
                    apiVersion: externalSecretsAPIVersion.map { $0 == .v1 ? .v1 : .v1beta1 }
                )
            }
        )
    }

    /// The RDS and ElastiCache documents.
    func datastoreInput() throws(ImportFileError) -> DatastoreImport.Input {
        DatastoreImport.Input(rds: try rds.map(ImportFile.json), elasticache: try elasticache.map(ImportFile.json))
    }
}

/// The values of `--datastores`.
enum DatastoreChoice: String, ExpressibleByArgument, CaseIterable {
    case operated
    case external
}

/// The values of `--external-secrets-api-version`.
enum ExternalSecretsVersionChoice: String, ExpressibleByArgument, CaseIterable {
    case v1
    case v1beta1
}

/// A file given to `import` that cannot be read or parsed.
struct ImportFileError: Error, CustomStringConvertible {
    var description: String
}

/// Reading the AWS documents and writing the result, shared by the import commands.
enum ImportFile {
    /// The JSON document in `path`.
    static func json(_ path: String) throws(ImportFileError) -> JSONValue {
        let data = try read(path)
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw ImportFileError(description: "\(path): not JSON: \(error)")
        }
    }

    /// The first YAML document in `path` (an `apprunner.yaml`), as JSON.
    static func yaml(_ path: String) throws(ImportFileError) -> JSONValue {
        let data = try read(path)
        do {
            let documents = try YAMLDocumentReader.documents(in: String(decoding: data, as: UTF8.self))
            guard let first = documents.first else { throw ImportFileError(description: "\(path): empty") }
            return first.json
        } catch let error as ImportFileError {
            throw error
        } catch {
            throw ImportFileError(description: "\(path): \(error)")
        }
    }

    private static func read(_ path: String) throws(ImportFileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError(description: "\(path): cannot read the file")
        }
        return data
    }

    /// Runs an import and prints its result: YAML to standard output, the summary and any validation findings to
    /// standard error. Exit status 1 when the import fails or the result does not validate, 2 when a file cannot be
    /// read or the cluster cannot be asked.
    static func emit(
        command: String,
        externalSecretsFile: String?,
        _ run: () async throws -> ImportResult
    ) async throws {
        let result: ImportResult
        do {
            result = try await run()
        } catch let error as ImportError {
            printError("cannot import: \(error)")
            throw ExitCode(1)
        } catch let error as ImportFileError {
            printError(error.description)
            throw ExitCode(2)
        } catch let error as ImportDiscovery.Failure {
            printError(error.description)
            throw ExitCode(2)
        }
        print(
            result.yaml(
                headline: "Written by `agri-operator \(command)`. Review the comments (decision, approximated, "
                    + "dropped), then check with `agri-operator validate -f` and `agri-operator render -f`."
            ),
            terminator: ""
        )
        let extra = result.extraObjectsYAML()
        if let externalSecretsFile {
            guard FileManager.default.createFile(atPath: externalSecretsFile, contents: Data(extra.utf8)) else {
                printError("\(externalSecretsFile): cannot write the file")
                throw ExitCode(2)
            }
        } else {
            print(extra, terminator: "")
        }
        var standardError = StandardError()
        print(result.summary(), terminator: "", to: &standardError)
        let findings = PlatformPipeline.validationFindings(of: result.platform)
        if !findings.isEmpty {
            for finding in findings {
                printError("not valid yet: \(finding.path): \(finding.message)")
            }
            throw ExitCode(1)
        }
    }
}
