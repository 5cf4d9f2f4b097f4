import AgriPlatformAPI
import AgriPlatformCLI
import AgriPlatformImport
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Starts `moto_server` on a free loopback port, creates the seeds' resources in it with the real `aws` CLI
/// (`scripts/aws-fixtures`), imports what the CLI exported, and checks the rendered objects carry the seeds' settings.
///
/// The tools come from `AGRI_AWS_BIN` (default `.tools/aws/bin`, where `scripts/install-aws-tools` puts them); the
/// suite fails, naming the script, when they are missing.
@Suite("Import from AWS documents made by moto and the aws CLI", .serialized, .timeLimit(.minutes(10)))
struct AWSImportProcessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The directory with `aws`, `moto_server` and `python`.
    static func toolDirectory() throws -> URL {
        let environment = ProcessInfo.processInfo.environment["AGRI_AWS_BIN"]
        let directory = environment.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent(".tools/aws/bin")
        for tool in ["aws", "moto_server", "python"] {
            guard FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent(tool).path) else {
                throw Failure(
                    description:
                        "\(directory.path)/\(tool) is missing: run scripts/install-aws-tools (or set AGRI_AWS_BIN)"
                )
            }
        }
        return directory
    }

    /// Runs `executable` with `arguments` and returns its standard output; throws with its standard error on failure.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) exited "
                    + "\(process.terminationStatus): \(String(decoding: err, as: UTF8.self))"
            )
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Starts moto on a free port, exports the seeds into a temporary directory, stops moto, returns the directory.
    static func exportSeeds() throws -> URL {
        let tools = try toolDirectory()
        let port = try run(
            tools.appendingPathComponent("python"),
            ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let moto = Process()
        moto.executableURL = tools.appendingPathComponent("moto_server")
        moto.arguments = ["-H", "127.0.0.1", "-p", port]
        moto.standardOutput = FileHandle.nullDevice
        moto.standardError = FileHandle.nullDevice
        try moto.run()
        defer {
            // moto_server does not stop on SIGTERM.
            kill(moto.processIdentifier, SIGKILL)
            moto.waitUntilExit()
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aws-import-\(UUID().uuidString)")
        try run(
            root.appendingPathComponent("scripts/aws-fixtures"),
            ["--endpoint", "http://127.0.0.1:\(port)", "--out", out.path],
            environment: ["AGRI_AWS_BIN": tools.path]
        )
        return out
    }

    static func json(_ directory: URL, _ seed: String, _ file: String) throws -> JSONValue? {
        let url = directory.appendingPathComponent(seed).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return .none }
        return Optional(try JSONValue(parsing: try Data(contentsOf: url)))
    }

    static func ecsInput(_ directory: URL, _ seed: String) throws -> ECSImport.Input {
        guard let taskDefinition = try json(directory, seed, "task-definition.json"),
            let services = try json(directory, seed, "services.json")
        else { throw Failure(description: "\(seed): the aws CLI exported no task definition or services") }
        return ECSImport.Input(
            taskDefinitions: [taskDefinition],
            services: services,
            scalingPolicies: try json(directory, seed, "scaling-policies.json"),
            scalableTargets: try json(directory, seed, "scalable-targets.json"),
            targetGroups: try json(directory, seed, "target-groups.json"),
            datastores: DatastoreImport.Input(
                rds: try json(directory, seed, "rds.json"),
                elasticache: try json(directory, seed, "elasticache.json")
            )
        )
    }

    /// The imported platform after a trip through its YAML, as `agri-operator validate` reads it.
    static func readBack(_ result: ImportResult) throws -> AgriPlatform {
        let loaded = ManifestLoader.load(result.yaml(headline: "process test"))
        guard loaded.diagnostics.isEmpty, let platform = loaded.platforms.first?.platform else {
            throw Failure(description: "the YAML does not load: \(loaded.diagnostics)")
        }
        return platform
    }

    static func object(_ objects: [JSONValue], kind: String, name: String) throws -> JSONValue {
        guard
            let object = objects.first(where: {
                $0["kind"]?.stringValue == kind && $0[path: ["metadata", "name"]]?.stringValue == name
            })
        else { throw Failure(description: "no \(kind) \(name) rendered") }
        return object
    }

    @Test(
        "The seeds' ECS services, exported by the aws CLI from moto, render their CPU, memory, probes, scaling and rollout"
    )
    func ecsSeeds() throws {
        let directory = try Self.exportSeeds()
        defer { try? FileManager.default.removeItem(at: directory) }

        let farmers = try ECSImport.run(
            try Self.ecsInput(directory, "farmers-module"),
            options: ImportOptions(datastores: .operated, postGIS: true)
        )
        let platform = try Self.readBack(farmers)
        #expect(platform.validate().isEmpty)
        let objects = try PlatformRenderer().render(platform).map(\.json)
        let deployment = try Self.object(objects, kind: "Deployment", name: "farmers-module-api")
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        #expect(container[path: ["resources", "requests", "cpu"]] == "500m")
        #expect(container[path: ["resources", "requests", "memory"]] == "1Gi")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/health")
        #expect(container[path: ["readinessProbe", "periodSeconds"]] == 30)
        #expect(container[path: ["readinessProbe", "timeoutSeconds"]] == 5)
        #expect(container[path: ["readinessProbe", "successThreshold"]] == 2)
        #expect(container[path: ["readinessProbe", "failureThreshold"]] == 3)
        #expect(container["livenessProbe"] == nil)
        #expect(deployment[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "100%")
        #expect(deployment[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] == 0)
        #expect(platform.spec.services.first?.rollout?.rolling?.rollbackOnFailure == true)
        let autoscaler = try Self.object(objects, kind: "HorizontalPodAutoscaler", name: "farmers-module-api")
        #expect(autoscaler[path: ["spec", "minReplicas"]] == 2)
        #expect(autoscaler[path: ["spec", "maxReplicas"]] == 10)
        let utilizations = autoscaler[path: ["spec", "metrics"]]?.arrayValue?.compactMap {
            $0[path: ["resource", "target", "averageUtilization"]]?.integerValue
        }
        #expect(utilizations == [60, 70])
        _ = try Self.object(objects, kind: "StatefulSet", name: "farmers-module-db")

        let migrate = try ECSImport.run(
            try Self.ecsInput(directory, "migrate-ai"),
            options: ImportOptions(datastores: .operated)
        )
        let migratePlatform = try Self.readBack(migrate)
        #expect(migratePlatform.validate().isEmpty)
        let service = try #require(migratePlatform.spec.services.first)
        #expect(service.rollout?.strategy == .blueGreen)
        #expect(service.resources == ResourceSpec(cpu: "1 vCPU", memory: "2Gi"))
        #expect(service.healthCheck?.startupGracePeriodSeconds == 30)
        #expect(service.autoscaling?.targetCPUUtilization == 70)
        #expect(migratePlatform.spec.datastores?.map(\.version) == ["16", "7.2"])
        #expect(try !PlatformRenderer().render(migratePlatform).isEmpty)
    }

    @Test("Seed 003's Aurora cluster from moto stays external beside the App Runner services")
    func appRunnerWithAurora() throws {
        let directory = try Self.exportSeeds()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = Self.root.appendingPathComponent("Tests/AgriPlatformImportTests/Fixtures/ava-olo")
        let description = try JSONValue(
            parsing: try Data(contentsOf: fixtures.appendingPathComponent("agricultural-core.service.json"))
        )
        let input = AppRunnerImport.Input(
            services: [
                AppRunnerImport.Service(
                    description: description,
                    image: "ghcr.io/poljopodrska/ava-olo-agricultural-core:main"
                )
            ],
            datastores: DatastoreImport.Input(rds: try Self.json(directory, "ava-olo", "rds.json"))
        )
        let result = try AppRunnerImport.run(input, options: ImportOptions(name: "ava-olo"))
        let platform = try Self.readBack(result)
        #expect(platform.validate().isEmpty)
        #expect(platform.spec.datastores?.first?.external == ExternalDatastore(secretName: "ava-olo-db"))
        let note = try #require(result.notes.first { $0.fieldPath == "spec.datastores[0].external.secretName" })
        #expect(note.message.contains("HOST=farmer-crm-production.cluster-"))
        #expect(note.message.contains("DATABASE=farmer_crm"))
    }
}
