import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// `kubectl agri` as a user runs it: real kubectl finds the built `kubectl-agri` on PATH and hands it the
/// arguments; the plugin reads the kubeconfig from `KUBECONFIG` like kubectl.
@Suite("kubectl agri through real kubectl", .serialized, .timeLimit(.minutes(3)))
struct KubectlPluginTests {
    /// A temporary directory with a kubeconfig for the server and a `bin/` holding only `kubectl-agri`.
    struct Workspace {
        let directory: URL
        let kubectl: String
        let environment: [String: String]
        let kubeconfig: String

        init(server: KubeTestServer) throws {
            kubectl = try Executables.kubectl()
            let plugin = try Executables.plugin()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "kubectl-agri-\(UUID().uuidString)"
            )
            let bin = directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: bin.appendingPathComponent("kubectl-agri").path,
                withDestinationPath: plugin
            )
            kubeconfig = directory.appendingPathComponent("kubeconfig").path
            try server.writeKubeconfig(to: kubeconfig)
            environment = ["PATH": bin.path, "HOME": directory.path, "KUBECONFIG": kubeconfig]
        }

        func kubectl(_ arguments: [String]) async throws -> ChildProcess {
            try await ChildProcess.run(kubectl, arguments, environment: environment)
        }
    }

    func withWorkspace(_ body: (Workspace, TestCluster) async throws -> Void) async throws {
        try await withPlatformServer { cluster in
            let workspace = try Workspace(server: cluster.server)
            defer { try? FileManager.default.removeItem(at: workspace.directory) }
            try await body(workspace, cluster)
        }
    }

    @Test("kubectl plugin list finds kubectl-agri, and kubectl agri get prints the rollout table")
    func get() async throws {
        try await withWorkspace { workspace, cluster in
            let plugins = try await workspace.kubectl(["plugin", "list"])
            #expect(plugins.stdout.contains("kubectl-agri"), "\(plugins.stdout)\(plugins.stderr)")

            try await writeRolloutStatus(cluster.client, service: "api") { $0 = Fixtures.canaryInProgress() }
            let result = try await workspace.kubectl(["agri", "get"])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("PLATFORM   SERVICE   STRATEGY") == true, "\(result.stdout)")
            #expect(
                lines.contains { $0.hasPrefix("shop       api       Canary      Progressing   1/4    20%") },
                "\(result.stdout)"
            )
            #expect(lines.contains("shop/api: canary at 20 %, step 2/4: pausing 60s"), "\(result.stdout)")

            let json = try await workspace.kubectl(["agri", "get", "shop", "-o", "json", "-n", "default"])
            #expect(json.status == 0, "\(json.stderr)")
            #expect(json.stdout.contains("\"stableRevision\" : \"3f2a9c1b7d\""), "\(json.stdout)")

            let missing = try await workspace.kubectl(["agri", "get", "nope"])
            #expect(missing.status == 1)
            #expect(
                missing.stderr.contains("agriplatform \"nope\" not found in namespace \"default\""),
                "\(missing.stderr)"
            )

            let empty = try await workspace.kubectl(["agri", "get", "-n", "elsewhere"])
            #expect(empty.status == 0 && empty.stdout.isEmpty, "\(empty.stdout)")
            #expect(empty.stderr.contains("No resources found in elsewhere namespace."), "\(empty.stderr)")
        }
    }

    @Test("kubectl agri promote writes the annotation; an unknown service fails with exit status 1 and writes nothing")
    func promote() async throws {
        try await withWorkspace { workspace, cluster in
            let result = try await workspace.kubectl(["agri", "promote", "shop", "api"])
            #expect(result.status == 0, "\(result.stderr)")
            let stored = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            let value = try #require(stored.rolloutCommandValue(service: "api"))
            #expect(value.wholeMatch(of: /promote@[0-9]{13}-[0-9a-f]{4}/) != nil, "\(value)")
            #expect(result.stdout == "agriplatform.agriplatform.io/shop: api \(value)\n")

            let full = try await workspace.kubectl([
                "agri", "promote", "shop", "web", "--full", "--kubeconfig", workspace.kubeconfig,
            ])
            #expect(full.status == 0, "\(full.stderr)")
            let afterFull = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            #expect(afterFull.rolloutCommandValue(service: "web")?.hasPrefix("promote-full@") == true)

            let unknown = try await workspace.kubectl(["agri", "promote", "shop", "cart"])
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr
                    == "error: agriplatform \"shop\" has no service \"cart\" (its services: api, web, worker)\n"
            )
            let noPlatform = try await workspace.kubectl(["agri", "abort", "farm", "api"])
            #expect(noPlatform.status == 1)
            #expect(noPlatform.stderr.contains("agriplatform \"farm\" not found"), "\(noPlatform.stderr)")
            let after = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            #expect(after.metadata.annotations?.count == 2)
        }
    }

    @Test("kubectl agri get -w draws the view again when a release changes, until it is stopped")
    func watch() async throws {
        try await withWorkspace { workspace, cluster in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: workspace.kubectl)
            process.arguments = ["agri", "get", "shop", "-w"]
            process.environment = workspace.environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            let seen = Locked("")
            output.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                } else {
                    seen.withLock { $0 += String(decoding: data, as: UTF8.self) }
                }
            }
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            try await poll("the first view is drawn") { seen.withLock { $0.contains("shop       api") } }
            try await writeRolloutStatus(cluster.client, service: "api") { $0 = Fixtures.canaryInProgress() }
            try await poll("the view is drawn again with the canary") {
                seen.withLock { $0.contains("shop/api: canary at 20 %, step 2/4: pausing 60s") }
            }
            let text = seen.withLock { $0 }
            #expect(text.components(separatedBy: "PLATFORM   SERVICE").count == 3, "two views: \(text)")
            #expect(process.isRunning, "get -w keeps watching: \(text)")
        }
    }

    @Test("kubectl agri undo --to-revision --wait returns once a stand-in operator handled it")
    func undoWaits() async throws {
        try await withWorkspace { workspace, cluster in
            try await writeRolloutStatus(cluster.client, service: "api") { $0 = Fixtures.canaryInProgress() }
            async let run = workspace.kubectl(["agri", "undo", "shop", "api", "--to-revision", "3F2A9C1B", "--wait"])
            var value: String?
            try await poll("the undo annotation is written") {
                let platform = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
                value = platform.rolloutCommandValue(service: "api")
                return value != nil
            }
            let written = try #require(value)
            #expect(written.hasPrefix("undo:3f2a9c1b@"), "\(written)")
            try await writeRolloutStatus(cluster.client, service: "api") {
                $0.lastCommand = written
                $0.phase = .progressing
                $0.message = "undoing to 3f2a9c1b"
            }
            let result = try await run
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasSuffix("handled: api is Progressing: undoing to 3f2a9c1b\n"), "\(result.stdout)")

            let badRevision = try await workspace.kubectl(["agri", "undo", "shop", "api", "--to-revision", "77aa"])
            #expect(badRevision.status == 1)
            #expect(badRevision.stderr.contains("revision \"77aa\" is not in the history of service \"api\""))
            let badWait = try await workspace.kubectl(["agri", "pause", "shop", "api", "--wait=soon"])
            #expect(badWait.status == 1)
            #expect(badWait.stderr.contains("invalid duration \"soon\""), "\(badWait.stderr)")
        }
    }
}
