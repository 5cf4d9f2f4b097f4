import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Testing

/// Where the conformance suite runs: the in-process ``KubeTestServer`` by default, or a real cluster when
/// `KUBE_CONFORMANCE_KUBECONFIG` names a kubeconfig.
///
/// The same tests run unchanged against both (like Hummingbird's `.router`/`.live` test modes). Tests that need fault
/// injection or the test server's credentials declare `.enabled(if: Conformance.isInProcess, ...)`, so on a real
/// cluster they show up as skipped with the reason, never silently absent.
enum Conformance {
    /// The kubeconfig of a real cluster, if the suite targets one.
    static let liveKubeconfig: String? = {
        let value = ProcessInfo.processInfo.environment["KUBE_CONFORMANCE_KUBECONFIG"]
        return value?.isEmpty == false ? value : nil
    }()

    /// Whether tests run against the in-process server (fault injection and its credentials available).
    static let isInProcess = liveKubeconfig == nil

    /// The reason shown for tests skipped on a real cluster.
    static let needsTestServer: Comment =
        "needs KubeTestServer (fault injection or its credentials); skipped on a real cluster"

    /// Runs `body` with a client and a fresh namespace, then deletes the namespace (and stops the in-process server).
    static func run(_ body: (Environment) async throws -> Void) async throws {
        let environment = try await Environment.make()
        do {
            try await body(environment)
        } catch {
            await environment.close()
            throw error
        }
        await environment.close()
    }

    /// A client connected to the target, and a namespace of the test's own.
    struct Environment: Sendable {
        let client: KubeClient
        /// The in-process server, or `nil` against a real cluster.
        let server: KubeTestServer?
        /// A namespace created for this test (`kube-conformance-<random>`), deleted afterwards.
        let namespace: String

        static func make() async throws -> Environment {
            let server: KubeTestServer?
            let client: KubeClient
            if let kubeconfig = Conformance.liveKubeconfig {
                server = nil
                client = try KubeClient(kubeconfigPath: kubeconfig)
            } else {
                let started = try await KubeTestServer.start()
                server = started
                client = try KubeClient(
                    server: URL(string: started.url)!,
                    certificateAuthorityPEM: started.caCertificatePEM,
                    token: started.configuration.bearerToken
                )
            }
            let namespace = "kube-conformance-\(UUID().uuidString.prefix(8).lowercased())"
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
            return Environment(client: client, server: server, namespace: namespace)
        }

        /// The in-process server; fails the test when there is none (guard such tests with `.enabled(if:)`).
        func testServer(sourceLocation: SourceLocation = #_sourceLocation) throws -> KubeTestServer {
            try #require(server, "this test needs KubeTestServer", sourceLocation: sourceLocation)
        }

        func close() async {
            _ = try? await client.delete(Namespace.self, name: namespace)
            try? await client.shutdown()
            try? await server?.shutdown()
        }

        /// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
        func eventually(
            timeout: Duration = .seconds(10),
            _ condition: () async throws -> Bool
        ) async rethrows -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if try await condition() { return true }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return try await condition()
        }

        /// A ConfigMap in the test namespace.
        func configMap(_ name: String, labels: [String: String]? = nil, data: [String: String]? = nil) -> ConfigMap {
            ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
        }

        /// The code of the ``KubeError`` that `operation` throws, or `nil` if it succeeds.
        func errorCode(_ operation: () async throws -> Void) async -> KubeError.Code? {
            do {
                try await operation()
                return nil
            } catch let error as KubeError {
                return error.code
            } catch {
                Issue.record("expected a KubeError, got \(error)")
                return nil
            }
        }
    }
}
