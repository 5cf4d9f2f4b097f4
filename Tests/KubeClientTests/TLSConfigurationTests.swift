import Foundation
import KubeClient
import Testing

@Suite("TLS configuration")
struct TLSConfigurationTests {
    static let server = URL(string: "https://127.0.0.1:6443")!

    @Test(
        "A CA and RSA (PKCS#1, PKCS#8) or EC client keys load",
        arguments: [
            (TestPEM.rsaCertificate, TestPEM.rsaPKCS1Key),
            (TestPEM.rsaCertificate, TestPEM.rsaPKCS8Key),
            (TestPEM.ecCertificate, TestPEM.ecKey),
        ]
    )
    func validIdentity(certificate: String, key: String) async throws {
        var configuration = ClientConfiguration(server: Self.server, certificateAuthorityPEM: TestPEM.ecCertificate)
        configuration.clientCertificatePEM = certificate
        configuration.clientKeyPEM = key
        configuration.tlsServerName = "kubernetes.default.svc"
        let client = try KubeClient(configuration: configuration)
        try await client.shutdown()
    }

    @Test(
        "Invalid PEM is reported as an invalid certificate",
        arguments: [
            ("not a certificate", nil, nil),
            (nil, "not a certificate", TestPEM.ecKey),
            (nil, TestPEM.ecCertificate, "not a key"),
        ] as [(String?, String?, String?)]
    )
    func invalidPEM(ca: String?, certificate: String?, key: String?) throws {
        var configuration = ClientConfiguration(server: Self.server, certificateAuthorityPEM: ca)
        configuration.clientCertificatePEM = certificate
        configuration.clientKeyPEM = key
        let error = try #require(throws: ConfigurationError.self) { try KubeClient(configuration: configuration) }
        #expect(error.code == .invalidCertificate)
    }

    @Test("A client can be built from a URL, a CA and a token, or from a kubeconfig path")
    func convenienceInitializers() async throws {
        let direct = try KubeClient(server: Self.server, certificateAuthorityPEM: TestPEM.rsaCertificate, token: "t")
        #expect(direct.configuration.authentication == .bearerToken("t"))
        try await direct.shutdown()

        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "config",
            """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: \(Data(TestPEM.rsaCertificate.utf8).base64EncodedString())
            users:
            - name: u
              user:
                client-certificate-data: \(Data(TestPEM.ecCertificate.utf8).base64EncodedString())
                client-key-data: \(Data(TestPEM.ecKey.utf8).base64EncodedString())
            contexts:
            - name: c
              context: {cluster: k, user: u, namespace: ns}
            """
        )
        let fromFile = try KubeClient(kubeconfigPath: path)
        #expect(fromFile.configuration.namespace == "ns")
        try await fromFile.shutdown()

        let scoped = try await KubeClient.withClient(configuration: fromFile.configuration) { client in
            client.configuration.server.absoluteString
        }
        #expect(scoped == "https://127.0.0.1:6443")
    }
}
