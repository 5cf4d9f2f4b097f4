import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Logging
import Synchronization
import Testing

/// Certificate verification is on unless the kubeconfig turns it off, and turning it off is logged as a warning.
@Suite("TLS verification")
struct TLSVerificationTests {
    /// A log handler keeping every message with its level.
    final class Capture: Sendable {
        let lines = Mutex<[(Logger.Level, String)]>([])

        var logger: Logger {
            Logger(label: "tls-test") { _ in Handler(capture: self) }
        }

        struct Handler: LogHandler {
            let capture: Capture
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) {
                capture.lines.withLock { $0.append((event.level, "\(event.message)")) }
            }
        }

        var warnings: [String] { lines.withLock { $0.filter { $0.0 == .warning }.map(\.1) } }
    }

    /// The server's kubeconfig without its CA, optionally with `insecure-skip-tls-verify: true`.
    static func kubeconfig(
        for server: KubeTestServer,
        insecure: Bool,
        in directory: TemporaryDirectory
    ) throws -> String {
        let lines = server.kubeconfigYAML().split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.contains("certificate-authority-data")
        }
        var text = lines.joined(separator: "\n")
        if insecure {
            text = text.replacing(
                "    server: \(server.url)",
                with: "    server: \(server.url)\n    insecure-skip-tls-verify: true"
            )
        }
        return try directory.write("config", text)
    }

    @Test("Without the CA and without insecure-skip-tls-verify, the server's certificate is refused; nothing is warned")
    func verificationIsOnByDefault() async throws {
        let server = try await KubeTestServer.start()
        let directory = try TemporaryDirectory()
        let path = try Self.kubeconfig(for: server, insecure: false, in: directory)
        let configuration = try ClientConfiguration.fromKubeconfig(path: path)
        #expect(configuration.insecureSkipTLSVerify == false)
        let capture = Capture()
        let client = try KubeClient(configuration: configuration, logger: capture.logger)
        await #expect(throws: KubeError.self) { _ = try await client.send(.raw("/version")) }
        #expect(!capture.warnings.contains { $0.contains("insecure-skip-tls-verify") })
        try await client.shutdown()
        try await server.shutdown()
    }

    @Test("insecure-skip-tls-verify in the kubeconfig connects without the CA and logs a warning")
    func insecureIsExplicitAndWarned() async throws {
        let server = try await KubeTestServer.start()
        let directory = try TemporaryDirectory()
        let path = try Self.kubeconfig(for: server, insecure: true, in: directory)
        let configuration = try ClientConfiguration.fromKubeconfig(path: path)
        #expect(configuration.insecureSkipTLSVerify)
        let capture = Capture()
        let client = try KubeClient(configuration: configuration, logger: capture.logger)
        _ = try await client.send(.raw("/version"))
        #expect(capture.warnings.contains { $0.contains("TLS certificate verification is disabled") })
        try await client.shutdown()
        try await server.shutdown()
    }
}
