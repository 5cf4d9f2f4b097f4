import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Logging
import Testing

/// A running ``KubeTestServer`` with clients for controller tests; shuts everything down even when a test fails.
struct ControllerTestServer {
    static let namespace = "default"

    let server: KubeTestServer
    /// A client for the test's own reads and writes (user agent `test`).
    let client: KubeClient
    private let extraClients: Locked<[KubeClient]>

    /// Runs `body` against a fresh server.
    static func with(
        _ configuration: KubeTestServer.Configuration = KubeTestServer.Configuration(),
        _ body: (ControllerTestServer) async throws -> Void
    ) async throws {
        let server = try await KubeTestServer.start(configuration)
        let fixture: ControllerTestServer
        do {
            let client = try makeClient(server, userAgent: "test")
            fixture = ControllerTestServer(server: server, client: client, extraClients: Locked([]))
        } catch {
            try? await server.shutdown()
            throw error
        }
        do {
            try await body(fixture)
        } catch {
            await fixture.shutdown()
            throw error
        }
        await fixture.shutdown()
    }

    /// A client that never retries by itself (so the controller's own backoff is exercised), shut down with the
    /// server.
    func makeClient(userAgent: String) throws -> KubeClient {
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

    static func configMap(_ name: String, data: [String: String], labels: [String: String]? = nil) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
    }
}

/// A log handler that keeps every message with its merged metadata, for asserting structured logging.
struct RecordingLogHandler: LogHandler {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    let records: Locked<[Record]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        let record = Record(
            level: event.level,
            message: event.message.description,
            metadata: merged.mapValues { "\($0)" }
        )
        records.withLock { $0.append(record) }
    }
}
