import Foundation
import KubeCore
import KubeTestServer
import Testing

/// Faults aimed at one client (by `User-Agent`): injected 409 conflicts and network partitions.
@Suite("Faults aimed at one client", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct FaultTargetingTests {
    /// The HTTP status of `GET path` sent with `userAgent`.
    static func status(_ server: KubeTestServer, _ path: String, userAgent: String) async throws -> Int {
        let ca = NSTemporaryDirectory() + "ca-\(UUID().uuidString).pem"
        try server.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
        var arguments = ["-sS", "--cacert", ca, "-A", userAgent, "-o", "/dev/null", "-w", "%{http_code}"]
        if let bearer = server.configuration.bearerToken {
            arguments += ["-H", "Authorization: Bearer \(bearer)"]
        }
        arguments.append(server.url + path)
        let output = try await ProcessRunner.runAsync("/usr/bin/curl", arguments)
        return Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static let path = "/api/v1/namespaces/default/configmaps"

    @Test("A partitioned client gets 503 for every request until healed; other clients are served throughout")
    func partition() async throws {
        let server = try await KubeTestServer.start()
        await server.faults.partition(userAgentPrefix: "leader-a")
        #expect(try await Self.status(server, Self.path, userAgent: "leader-a/1.0") == 503)
        #expect(try await Self.status(server, Self.path, userAgent: "leader-a/1.0") == 503)
        #expect(try await Self.status(server, Self.path, userAgent: "leader-b/1.0") == 200)
        server.faults.heal(userAgentPrefix: "leader-a")
        #expect(try await Self.status(server, Self.path, userAgent: "leader-a/1.0") == 200)
        let codes = server.requestLog.entries.filter { $0.userAgent?.hasPrefix("leader-a") == true }.map(\.code)
        #expect(codes == [503, 503, 200])
        try await server.shutdown()
    }

    @Test("An injected conflict is a 409 Conflict for the targeted client only, then requests succeed")
    func conflictForOneClient() async throws {
        let server = try await KubeTestServer.start()
        server.faults.inject(.conflict, count: 1, verb: "list", userAgentPrefix: "writer-b")
        #expect(try await Self.status(server, Self.path, userAgent: "writer-a") == 200)
        #expect(try await Self.status(server, Self.path, userAgent: "writer-b") == 409)
        #expect(try await Self.status(server, Self.path, userAgent: "writer-b") == 200)
        try await server.shutdown()
    }
}
