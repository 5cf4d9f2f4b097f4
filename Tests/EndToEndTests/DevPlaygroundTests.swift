import Foundation
import Testing

/// The README's first command, `agri-operator dev`, as a user runs it: it runs the operator on an embedded cluster,
/// prints a kubeconfig that real kubectl can use, and stops cleanly on Ctrl-C.
@Suite("agri-operator dev", .timeLimit(.minutes(2)))
struct DevPlaygroundTests {
    /// The `agri-operator` executable built next to the test bundle (`swift build --build-tests` builds it).
    static func executable() throws -> String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("agri-operator").path]
        // `swift test` runs the bundle from .build/<triple>/debug; some runners pass a path inside the bundle.
        candidates.append(bundleDirectory.deletingLastPathComponent().appendingPathComponent("agri-operator").path)
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "agri-operator not built next to the tests (looked at \(candidates)); run swift build --build-tests"
        )
    }

    @Test("dev runs the operator on the embedded example to Ready, kubectl sees it, and SIGINT stops it cleanly")
    func playground() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agri-dev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = ["dev", "--directory", directory.path, "--seconds", "60"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()

        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: kubeconfig), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(FileManager.default.fileExists(atPath: kubeconfig), "dev wrote its kubeconfig")

        let kubectl = try Kubectl(kubeconfig: kubeconfig)
        let namespaces = try await kubectl.succeed(["get", "namespaces", "-o", "name"])
        #expect(namespaces.contains("namespace/default"))

        // The operator runs the embedded minimal example to Ready, and kubectl sees it through the short name.
        var phase = ""
        let readyDeadline = ContinuousClock.now + .seconds(60)
        while phase != "Ready", ContinuousClock.now < readyDeadline {
            phase = (try? await kubectl.succeed(["get", "agp", "hello", "-o", "jsonpath={.status.phase}"])) ?? ""
            if phase != "Ready" { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(phase == "Ready")
        let deployments = try await kubectl.succeed(["get", "deployments", "-o", "name"])
        #expect(deployments.contains("deployment.apps/hello-web"))
        let pods = try await kubectl.succeed(["get", "pods", "-o", "name"])
        #expect(pods.split(separator: "\n").filter { $0.hasPrefix("pod/hello-web-") }.count == 2)
        let table = try await kubectl.succeed(["get", "agp"])
        #expect(table.contains("PHASE") && table.contains("SERVICES") && table.contains("hello"))

        // The README's release: patch the image and the operator rolls the Deployment.
        _ = try await kubectl.succeed([
            "patch", "agp", "hello", "--type", "merge", "-p",
            #"{"spec":{"services":[{"name":"web","image":"ghcr.io/agri-operator/hello:1.1.0"}]}}"#,
        ])
        var image = ""
        let rollDeadline = ContinuousClock.now + .seconds(60)
        while image != "ghcr.io/agri-operator/hello:1.1.0", ContinuousClock.now < rollDeadline {
            image =
                (try? await kubectl.succeed([
                    "get", "deployment", "hello-web", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
                ])) ?? ""
            if image != "ghcr.io/agri-operator/hello:1.1.0" { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(image == "ghcr.io/agri-operator/hello:1.1.0")

        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "exit status; output: \(printed)")
        #expect(printed.contains("export KUBECONFIG=\(kubeconfig)"))
        #expect(printed.contains("stopping"))
        #expect(printed.contains("applied AgriPlatform default/hello"))
        #expect(printed.contains("default/hello: Ready"))
    }
}
