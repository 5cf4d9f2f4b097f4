import Foundation
import Testing

/// Runs the real `helm` binary that `scripts/install-tools` installs (offline commands only: lint, template).
///
/// The binary comes from `AGRI_HELM` (set by `scripts/test`) or `.tools/bin/helm` in the package; when neither exists
/// the test fails saying how to install it. Helm's cache, config and data go to a temporary directory, so a user's
/// repositories and plugins never change what the tests see.
struct Helm {
    let executable: String

    init() throws {
        self.executable = try #require(
            Self.locate(),
            "helm not found: run scripts/install-tools (scripts/test does) or set AGRI_HELM"
        )
    }

    static func locate() -> String? {
        if let path = ProcessInfo.processInfo.environment["AGRI_HELM"],
            FileManager.default.isExecutableFile(atPath: path)
        {
            return path
        }
        let candidate = PackageFiles.root.appendingPathComponent(".tools/bin/helm").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs `helm ARGS` to completion.
    func run(_ arguments: [String]) async throws -> ProcessRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = PackageFiles.root
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("agri-helm-home").path
        var environment = ProcessInfo.processInfo.environment
        for variable in ["KUBECONFIG", "HELM_KUBECONTEXT", "HELM_NAMESPACE"] { environment[variable] = nil }
        environment["HELM_CACHE_HOME"] = home + "/cache"
        environment["HELM_CONFIG_HOME"] = home + "/config"
        environment["HELM_DATA_HOME"] = home + "/data"
        process.environment = environment
        return try await ProcessRun.run(process)
    }

    /// Runs `helm ARGS`, and fails the test with helm's own output unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await run(arguments)
        #expect(
            result.status == 0,
            "helm \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)\(result.stdout)",
            sourceLocation: sourceLocation
        )
        return result.stdout
    }

    /// `helm template agri charts/agri-operator --namespace agri-system --set …` (plus `--include-crds`).
    func template(_ settings: [String] = [], includeCRDs: Bool = false) async throws -> String {
        var arguments = ["template", "agri", "charts/agri-operator", "--namespace", "agri-system"]
        if includeCRDs { arguments.append("--include-crds") }
        for setting in settings { arguments += ["--set", setting] }
        return try await succeed(arguments)
    }
}
