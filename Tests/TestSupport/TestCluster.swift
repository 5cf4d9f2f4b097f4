import Foundation
public import KubeClient
import KubeCore
public import KubeTestServer
import Testing

/// A running ``KubeTestServer`` and the clients a test makes for it, all shut down when the test ends — even when
/// it fails. Shared by every test target that needs a server (the same code used to live in each of them).
public struct TestCluster: Sendable {
    /// The server.
    public let server: KubeTestServer
    /// A client for the test's own reads and writes (user agent `test`).
    public let client: KubeClient
    private let extraClients: Locked<[KubeClient]>

    /// Runs `body` against a fresh server started with `configuration`.
    public static func with(
        _ configuration: KubeTestServer.Configuration = KubeTestServer.Configuration(),
        _ body: (TestCluster) async throws -> Void
    ) async throws {
        let server = try await KubeTestServer.start(configuration)
        let cluster: TestCluster
        do {
            let client = try makeClient(server, userAgent: "test")
            cluster = TestCluster(server: server, client: client, extraClients: Locked([]))
        } catch {
            try? await server.shutdown()
            throw error
        }
        do {
            try await body(cluster)
        } catch {
            await cluster.shutdown()
            throw error
        }
        await cluster.shutdown()
    }

    /// A client that never retries by itself (so a controller's own backoff is exercised), identified by
    /// `userAgent` in the server's request log, and shut down with the server.
    public func makeClient(userAgent: String) throws -> KubeClient {
        let client = try Self.makeClient(server, userAgent: userAgent)
        extraClients.withLock { $0.append(client) }
        return client
    }

    private static func makeClient(_ server: KubeTestServer, userAgent: String) throws -> KubeClient {
        var configuration = ClientConfiguration(
            server: try #require(URL(string: server.url)),
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        configuration.retryPolicy = .never
        configuration.userAgent = userAgent
        return try KubeClient(configuration: configuration)
    }

    private func shutdown() async {
        for extra in extraClients.withLock({ $0 }) { try? await extra.shutdown() }
        try? await client.shutdown()
        try? await server.shutdown()
    }
}
