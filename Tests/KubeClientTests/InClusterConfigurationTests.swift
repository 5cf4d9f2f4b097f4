import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("In-cluster configuration")
struct InClusterConfigurationTests {
    static let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    private func serviceAccount(
        _ directory: TemporaryDirectory,
        namespace: String? = "agri-system"
    ) throws
        -> InClusterPaths
    {
        try directory.write("sa/token", "token-1\n")
        try directory.write("sa/ca.crt", "CLUSTER CA")
        if let namespace { try directory.write("sa/namespace", namespace) }
        return InClusterPaths(directory: directory.path + "/sa")
    }

    @Test("The pod environment gives server, CA, namespace and a rotating token file")
    func podEnvironment() throws {
        let directory = try TemporaryDirectory()
        let paths = try serviceAccount(directory)
        let configuration = try ClientConfiguration.inCluster(environment: Self.environment, paths: paths)
        #expect(configuration.server.absoluteString == "https://10.96.0.1:443")
        #expect(configuration.certificateAuthorityPEM == "CLUSTER CA")
        #expect(configuration.namespace == "agri-system")
        #expect(configuration.authentication == .tokenFile(paths.token))
    }

    @Test("An IPv6 service host is bracketed; a missing namespace file means default")
    func ipv6AndDefaultNamespace() throws {
        let directory = try TemporaryDirectory()
        let paths = try serviceAccount(directory, namespace: nil)
        let configuration = try ClientConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"],
            paths: paths
        )
        #expect(configuration.server.absoluteString == "https://[fd00::1]:443")
        #expect(configuration.namespace == "default")
    }

    @Test("Outside a pod the error names the missing variables")
    func notInCluster() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ClientConfiguration.inCluster(environment: [:], paths: InClusterPaths(directory: "/nonexistent"))
        }
        #expect(error.code == .notInCluster)
        #expect(error.message.contains("KUBERNETES_SERVICE_HOST"))
    }

    @Test("infer falls back to in-cluster when no kubeconfig exists")
    func inferInCluster() throws {
        let directory = try TemporaryDirectory()
        let paths = try serviceAccount(directory)
        var environment = Self.environment
        environment["HOME"] = directory.path
        let configuration = try ClientConfiguration.infer(environment: environment, inCluster: paths)
        #expect(configuration.server.absoluteString == "https://10.96.0.1:443")
    }

    @Test("infer prefers ~/.kube/config over the pod environment")
    func inferHomeKubeconfig() throws {
        let directory = try TemporaryDirectory()
        let paths = try serviceAccount(directory)
        try directory.write(
            ".kube/config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://home:6443"}}]
            contexts: [{name: c, context: {cluster: k}}]
            """
        )
        var environment = Self.environment
        environment["HOME"] = directory.path
        let configuration = try ClientConfiguration.infer(environment: environment, inCluster: paths)
        #expect(configuration.server.absoluteString == "https://home:6443")
    }

    @Test("infer with nothing available says what it tried")
    func inferNothing() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: ConfigurationError.self) {
            try ClientConfiguration.infer(
                environment: ["HOME": directory.path],
                inCluster: InClusterPaths(directory: directory.path + "/sa")
            )
        }
        #expect(error.code == .noConfiguration)
        #expect(error.message.contains(".kube/config"))
        #expect(error.message.contains("in-cluster"))
    }
}

@Suite("Token file rotation")
struct TokenFileSourceTests {
    @Test("The token is re-read once it is older than the refresh interval")
    func rotation() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "token-1\n")
        let clock = ManualWallClock()
        let source = TokenFileSource(path: path, refreshInterval: .seconds(60), now: clock.function)

        #expect(try await source.token().0 == "token-1")
        try directory.write("token", "token-2")
        clock.advance(by: 59)
        #expect(try await source.token().0 == "token-1")
        clock.advance(by: 1)
        #expect(try await source.token().0 == "token-2")
    }

    @Test("Invalidation after a 401 re-reads at once, but only for the token that failed")
    func invalidation() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "token-1")
        let source = TokenFileSource(path: path, now: ManualWallClock().function)
        let (_, firstGeneration) = try await source.token()
        try directory.write("token", "token-2")
        await source.invalidate(generation: firstGeneration + 7)
        #expect(try await source.token().0 == "token-1")
        await source.invalidate(generation: firstGeneration)
        #expect(try await source.token().0 == "token-2")
    }

    @Test("A vanished file keeps the cached token; without one the error names the file")
    func vanishedFile() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "token-1")
        let clock = ManualWallClock()
        let source = TokenFileSource(path: path, now: clock.function)
        #expect(try await source.token().0 == "token-1")
        try FileManager.default.removeItem(atPath: path)
        clock.advance(by: 120)
        #expect(try await source.token().0 == "token-1")

        let fresh = TokenFileSource(path: path, now: clock.function)
        await #expect {
            try await fresh.token()
        } throws: { error in
            (error as? ConfigurationError)?.code == .credentialsUnavailable
                && (error as? ConfigurationError)?.message.contains(path) == true
        }
    }

    @Test("A client with an in-cluster configuration sends the rotated token")
    func clientUsesRotatedToken() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "token-1")
        let clock = ManualWallClock()
        let transport = ScriptedTransport([], fallback: .json(200, "{}"))
        let client = makeClient(transport, authentication: .tokenFile(path), clock: clock)
        _ = try await client.send(.raw("/version"))
        try directory.write("token", "token-2")
        clock.advance(by: 61)
        _ = try await client.send(.raw("/version"))
        #expect(transport.requests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
    }

    @Test("A 401 re-reads the token file at once and retries the request once")
    func unauthorizedRereads() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "old-token")
        let transport = ScriptedTransport([.json(401, "{}"), .json(200, "{}")])
        let client = makeClient(transport, authentication: .tokenFile(path))
        // The kubelet rotated the token since it was first read.
        _ = try await client.credentials.current()
        try directory.write("token", "new-token")
        _ = try await client.send(.raw("/version"))
        #expect(transport.requests.map { $0.header("Authorization") } == ["Bearer old-token", "Bearer new-token"])
    }
}
