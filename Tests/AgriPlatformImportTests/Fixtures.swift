import AgriPlatformAPI
import AgriPlatformCLI
import AgriPlatformImport
import Foundation
import KubeCore

/// The committed AWS documents under `Fixtures/` (made by `scripts/aws-fixtures` and by hand for App Runner) and the
/// imports the tests run on them.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The JSON document `file` of `seed`.
    static func json(_ seed: String, _ file: String) throws -> JSONValue {
        let url = directory.appendingPathComponent(seed).appendingPathComponent(file)
        return try JSONValue(parsing: try Data(contentsOf: url))
    }

    /// The first YAML document of `file` of `seed`, as JSON.
    static func yaml(_ seed: String, _ file: String) throws -> JSONValue {
        let url = directory.appendingPathComponent(seed).appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try YAMLDocumentReader.documents(in: text).first else {
            throw Missing(description: "\(file): no YAML document")
        }
        return document.json
    }

    /// The ECS documents of `seed` (farmers-module or migrate-ai).
    static func ecsInput(_ seed: String) throws -> ECSImport.Input {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(seed).path)
        func optional(_ file: String) throws -> JSONValue? {
            // JSONValue is ExpressibleByNilLiteral: a bare `nil` here would be JSON null, not an absent document.
            files.contains(file) ? Optional(try json(seed, file)) : Optional<JSONValue>.none
        }
        return ECSImport.Input(
            taskDefinitions: [try json(seed, "task-definition.json")],
            services: try json(seed, "services.json"),
            scalingPolicies: try optional("scaling-policies.json"),
            scalableTargets: try optional("scalable-targets.json"),
            targetGroups: try optional("target-groups.json"),
            datastores: DatastoreImport.Input(
                rds: try optional("rds.json"),
                elasticache: try optional("elasticache.json")
            )
        )
    }

    /// The App Runner documents of seed 003.
    static func avaOloInput() throws -> AppRunnerImport.Input {
        let services = try ["monitoring-dashboards", "agricultural-core"].map { name in
            AppRunnerImport.Service(
                description: try json("ava-olo", "\(name).service.json"),
                configuration: try yaml("ava-olo", "\(name).apprunner.yaml"),
                autoScaling: try json("ava-olo", "auto-scaling.json"),
                image: "ghcr.io/poljopodrska/ava-olo-\(name):main"
            )
        }
        return AppRunnerImport.Input(
            services: services,
            datastores: DatastoreImport.Input(rds: try json("ava-olo", "rds.json"))
        )
    }

    /// The options each seed's round trip is imported with, as `docs/import.md` gives them.
    static func options(_ seed: String) -> ImportOptions {
        switch seed {
        case "farmers-module": ImportOptions(datastores: .operated, postGIS: true)
        case "migrate-ai": ImportOptions(datastores: .operated)
        default: ImportOptions(name: "ava-olo", datastores: .external)
        }
    }

    /// The import of `seed` with its round-trip options.
    static func importSeed(_ seed: String) throws -> ImportResult {
        if seed == "ava-olo" { return try AppRunnerImport.run(try avaOloInput(), options: options(seed)) }
        return try ECSImport.run(try ecsInput(seed), options: options(seed))
    }

    /// `examples/<name>.yaml`, loaded as `agri-operator validate` loads it.
    static func example(_ name: String) throws -> AgriPlatform {
        let url = repositoryRoot.appendingPathComponent("examples").appendingPathComponent("\(name).yaml")
        return try loadPlatform(try String(contentsOf: url, encoding: .utf8))
    }

    /// The single AgriPlatform in `text`, failing on any structural problem.
    static func loadPlatform(_ text: String) throws -> AgriPlatform {
        let loaded = ManifestLoader.load(text)
        guard loaded.diagnostics.isEmpty, let platform = loaded.platforms.first?.platform else {
            throw Missing(description: "not a valid manifest: \(loaded.diagnostics)")
        }
        return platform
    }
}
