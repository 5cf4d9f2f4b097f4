import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Testing

/// Every way a kubeconfig or a pod can authenticate, against the in-process server whose credentials the tests know.
@Suite(
    "Conformance: authentication paths",
    .enabled(if: Conformance.isInProcess, Conformance.needsTestServer),
    .timeLimit(.minutes(1))
)
struct AuthenticationTests {
    /// A temporary directory with the server's CA written to `ca.crt`.
    struct Files {
        let directory: URL
        var caPath: String { directory.appendingPathComponent("ca.crt").path }

        init(server: KubeTestServer) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("kube-auth-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try server.caCertificatePEM.write(toFile: caPath, atomically: true, encoding: .utf8)
        }

        func write(_ name: String, _ contents: String, executable: Bool = false) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            if executable {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
            return path
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static func kubeconfig(server: String, cluster: String, user: String) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: test
          cluster:
            server: \(server)
        \(cluster)
        users:
        - name: test
          user:
        \(user)
        contexts:
        - name: test
          context:
            cluster: test
            user: test
            namespace: default
        """
    }

    /// Connects with the kubeconfig and lists namespaces; returns the error code, or `nil` on success.
    static func listNamespaces(kubeconfig path: String) async throws -> KubeError.Code? {
        let client = try KubeClient(kubeconfigPath: path)
        defer { Task { try? await client.shutdown() } }
        do {
            _ = try await client.list(Namespace.self)
            return nil
        } catch let error as KubeError {
            return error.code
        }
    }

    @Test("a kubeconfig with CA data and an inline token")
    func inlineTokenAndCAData() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let files = try Files(server: server)
            defer { files.remove() }
            let caData = Data(server.caCertificatePEM.utf8).base64EncodedString()
            let path = try files.write(
                "config",
                Self.kubeconfig(
                    server: server.url,
                    cluster: "    certificate-authority-data: \(caData)",
                    user: "    token: \(server.configuration.bearerToken ?? "")"
                )
            )
            #expect(try await Self.listNamespaces(kubeconfig: path) == nil)
        }
    }

    @Test("a kubeconfig with a CA file (relative to the kubeconfig) and a token file")
    func tokenFileAndCAFile() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let files = try Files(server: server)
            defer { files.remove() }
            _ = try files.write("token", server.configuration.bearerToken ?? "")
            let path = try files.write(
                "config",
                Self.kubeconfig(
                    server: server.url,
                    cluster: "    certificate-authority: ca.crt",
                    user: "    tokenFile: token"
                )
            )
            #expect(try await Self.listNamespaces(kubeconfig: path) == nil)
        }
    }

    @Test("insecure-skip-tls-verify connects without a CA; without either the TLS handshake fails")
    func insecureSkipVerify() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let files = try Files(server: server)
            defer { files.remove() }
            let token = "    token: \(server.configuration.bearerToken ?? "")"
            let insecure = try files.write(
                "insecure",
                Self.kubeconfig(server: server.url, cluster: "    insecure-skip-tls-verify: true", user: token)
            )
            #expect(try await Self.listNamespaces(kubeconfig: insecure) == nil)

            let untrusted = try files.write("untrusted", Self.kubeconfig(server: server.url, cluster: "", user: token))
            #expect(try await Self.listNamespaces(kubeconfig: untrusted) == .transport)
        }
    }

    @Test("an exec credential plugin provides the token", arguments: ["v1", "v1beta1"])
    func execPlugin(version: String) async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let files = try Files(server: server)
            defer { files.remove() }
            let counter = files.directory.appendingPathComponent("invocations").path
            let plugin = try files.write(
                "plugin.sh",
                """
                #!/bin/sh
                echo x >> "\(counter)"
                cat <<JSON
                {"apiVersion":"client.authentication.k8s.io/\(version)","kind":"ExecCredential",
                 "status":{"token":"\(server.configuration.bearerToken ?? "")","expirationTimestamp":"2099-01-01T00:00:00Z"}}
                JSON
                """,
                executable: true
            )
            let path = try files.write(
                "config",
                Self.kubeconfig(
                    server: server.url,
                    cluster: "    certificate-authority: ca.crt",
                    user: """
                            exec:
                              apiVersion: client.authentication.k8s.io/\(version)
                              command: \(plugin)
                              interactiveMode: Never
                        """
                )
            )
            let client = try KubeClient(kubeconfigPath: path)
            _ = try await client.list(Namespace.self)
            _ = try await client.list(ConfigMap.self, namespace: "default")
            try await client.shutdown()
            let invocations = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count
            #expect(invocations == 1, "the credential is cached until it expires")
        }
    }

    @Test("a client certificate authenticates; without one (and without a token) the server answers 401")
    func clientCertificate() async throws {
        var serverConfiguration = KubeTestServer.Configuration()
        serverConfiguration.clientCertificateAuth = true
        let server = try await KubeTestServer.start(serverConfiguration)
        let certificate = try server.makeClientCertificate(user: "conformance")
        var configuration = ClientConfiguration(
            server: try #require(URL(string: server.url)),
            certificateAuthorityPEM: server.caCertificatePEM
        )
        configuration.clientCertificatePEM = certificate.certificatePEM
        configuration.clientKeyPEM = certificate.privateKeyPEM
        let client = try KubeClient(configuration: configuration)
        let namespaces = try await client.list(Namespace.self)
        #expect(namespaces.items.contains { $0.name == "default" })
        try await client.shutdown()

        configuration.clientCertificatePEM = nil
        configuration.clientKeyPEM = nil
        let anonymous = try KubeClient(configuration: configuration)
        var code: KubeError.Code?
        do {
            _ = try await anonymous.list(Namespace.self)
        } catch let error as KubeError {
            code = error.code
        }
        try await anonymous.shutdown()
        try await server.shutdown()
        #expect(code == .unauthorized)
    }

    @Test("in-cluster configuration reads the service-account token, CA and namespace")
    func inCluster() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let files = try Files(server: server)
            defer { files.remove() }
            _ = try files.write("token", server.configuration.bearerToken ?? "")
            _ = try files.write("namespace", env.namespace)
            let url = try #require(URL(string: server.url))
            let configuration = try ClientConfiguration.inCluster(
                environment: [
                    "KUBERNETES_SERVICE_HOST": url.host ?? "127.0.0.1",
                    "KUBERNETES_SERVICE_PORT": String(url.port ?? 443),
                ],
                paths: InClusterPaths(directory: files.directory.path)
            )
            #expect(configuration.namespace == env.namespace)
            let client = try KubeClient(configuration: configuration)
            let list = try await client.list(ConfigMap.self, namespace: env.namespace)
            try await client.shutdown()
            #expect(list.items.allSatisfy { $0.namespace == env.namespace })
        }
    }
}
