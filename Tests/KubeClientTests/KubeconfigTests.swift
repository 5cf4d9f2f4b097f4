import Foundation
import KubeClient
import Testing

@Suite("Kubeconfig")
struct KubeconfigTests {
    static let full = """
        apiVersion: v1
        kind: Config
        preferences:
          colors: true
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example:6443
            certificate-authority-data: \(Data("CA-PEM".utf8).base64EncodedString())
            tls-server-name: kubernetes.default
        - name: local
          cluster:
            server: http://127.0.0.1:8080
            insecure-skip-tls-verify: true
        users:
        - name: token-user
          user:
            token: abc123
        - name: basic-user
          user:
            username: admin
            password: s3cret
        - name: cert-user
          user:
            client-certificate-data: \(Data("CERT-PEM".utf8).base64EncodedString())
            client-key-data: \(Data("KEY-PEM".utf8).base64EncodedString())
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: ["eks", "get-token"]
              env:
              - name: AWS_PROFILE
                value: dev
              installHint: install the aws cli
              provideClusterInfo: true
              interactiveMode: Never
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: token-user
            namespace: team
        - name: basic
          context:
            cluster: local
            user: basic-user
        - name: cert
          context:
            cluster: local
            user: cert-user
        - name: exec
          context:
            cluster: dev-cluster
            user: exec-user
        - name: anonymous
          context:
            cluster: local
        - name: dangling-cluster
          context:
            cluster: nowhere
            user: token-user
        - name: dangling-user
          context:
            cluster: local
            user: nobody
        """

    @Test("The current context resolves server, CA, TLS server name, token and namespace")
    func currentContext() throws {
        let configuration = try ClientConfiguration(kubeconfig: Kubeconfig(yaml: Self.full))
        #expect(configuration.server.absoluteString == "https://dev.example:6443")
        #expect(configuration.certificateAuthorityPEM == "CA-PEM")
        #expect(configuration.tlsServerName == "kubernetes.default")
        #expect(configuration.insecureSkipTLSVerify == false)
        #expect(configuration.authentication == .bearerToken("abc123"))
        #expect(configuration.namespace == "team")
    }

    @Test("A --context override picks another context; namespace defaults to default")
    func contextOverride() throws {
        let kubeconfig = try Kubeconfig(yaml: Self.full)
        let basic = try ClientConfiguration(kubeconfig: kubeconfig, context: "basic")
        #expect(basic.server.absoluteString == "http://127.0.0.1:8080")
        #expect(basic.insecureSkipTLSVerify)
        #expect(basic.authentication == .basic(username: "admin", password: "s3cret"))
        #expect(basic.namespace == "default")

        let cert = try ClientConfiguration(kubeconfig: kubeconfig, context: "cert")
        #expect(cert.clientCertificatePEM == "CERT-PEM")
        #expect(cert.clientKeyPEM == "KEY-PEM")
        #expect(cert.authentication == .none)

        let anonymous = try ClientConfiguration(kubeconfig: kubeconfig, context: "anonymous")
        #expect(anonymous.authentication == .none)
    }

    @Test("Exec plugin settings are parsed")
    func execSettings() throws {
        let configuration = try ClientConfiguration(kubeconfig: Kubeconfig(yaml: Self.full), context: "exec")
        let expected = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token"],
            env: [.init(name: "AWS_PROFILE", value: "dev")],
            installHint: "install the aws cli",
            provideClusterInfo: true,
            interactiveMode: .never
        )
        #expect(configuration.authentication == .exec(expected))
        #expect(configuration.authentication.isRefreshable)
    }

    @Test(
        "Missing pieces are reported by name",
        arguments: [
            ("missing", ConfigurationError.Code.contextNotFound, "context \"missing\" not found"),
            ("dangling-cluster", .clusterNotFound, "cluster \"nowhere\""),
            ("dangling-user", .userNotFound, "user \"nobody\""),
        ] as [(String, ConfigurationError.Code, String)]
    )
    func missingPieces(context: String, code: ConfigurationError.Code, fragment: String) throws {
        let kubeconfig = try Kubeconfig(yaml: Self.full)
        let error = try #require(throws: ConfigurationError.self) {
            try ClientConfiguration(kubeconfig: kubeconfig, context: context)
        }
        #expect(error.code == code)
        #expect(error.message.contains(fragment))
    }

    @Test("No context and no current-context is an error listing the contexts")
    func noCurrentContext() throws {
        let kubeconfig = try Kubeconfig(yaml: "contexts:\n- name: a\n  context:\n    cluster: c\n")
        let error = try #require(throws: ConfigurationError.self) { try ClientConfiguration(kubeconfig: kubeconfig) }
        #expect(error.code == .contextNotFound)
        #expect(error.message.contains("\"a\""))
    }

    @Test(
        "Invalid servers are rejected",
        arguments: ["", "ftp://x", "not a url"]
    )
    func invalidServer(server: String) throws {
        let yaml = """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: "\(server)"
            contexts:
            - name: c
              context:
                cluster: k
            """
        let kubeconfig = try Kubeconfig(yaml: yaml)
        let error = try #require(throws: ConfigurationError.self) { try ClientConfiguration(kubeconfig: kubeconfig) }
        #expect(error.code == .invalidServer)
    }

    @Test("An empty file is an empty kubeconfig; malformed YAML is an error")
    func emptyAndMalformed() throws {
        #expect(try Kubeconfig(yaml: "") == Kubeconfig())
        #expect(try Kubeconfig(yaml: "  \n") == Kubeconfig())
        let error = try #require(throws: ConfigurationError.self) { try Kubeconfig(yaml: "clusters: [ {") }
        #expect(error.code == .invalidKubeconfig)
    }

    @Test("A certificate without a key is rejected")
    func certificateWithoutKey() throws {
        let yaml = """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://x:1"}}]
            users: [{name: u, user: {client-certificate-data: \(Data("C".utf8).base64EncodedString())}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """
        let error = try #require(throws: ConfigurationError.self) {
            try ClientConfiguration(kubeconfig: Kubeconfig(yaml: yaml))
        }
        #expect(error.code == .invalidCertificate)
    }

    @Test("Relative file paths resolve against the kubeconfig's directory")
    func relativePaths() throws {
        let directory = try TemporaryDirectory()
        try directory.write("conf/certs/ca.crt", "CA FROM FILE")
        try directory.write("conf/certs/client.crt", "CERT FROM FILE")
        try directory.write("conf/certs/client.key", "KEY FROM FILE")
        try directory.write("conf/token", "file-token\n")
        let path = try directory.write(
            "conf/config",
            """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://x:6443
                certificate-authority: certs/ca.crt
            users:
            - name: u
              user:
                client-certificate: certs/client.crt
                client-key: ./certs/client.key
                tokenFile: ../conf/token
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: bin/plugin
                  interactiveMode: Never
            - name: bare
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: plugin
                  interactiveMode: Never
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """
        )
        let kubeconfig = try Kubeconfig.load(path: path)
        let conf = URL(fileURLWithPath: directory.path + "/conf").standardizedFileURL.path
        #expect(kubeconfig.clusters[0].cluster.certificateAuthority == conf + "/certs/ca.crt")
        #expect(kubeconfig.users[0].user.clientKey == conf + "/certs/client.key")
        #expect(kubeconfig.users[0].user.tokenFile == conf + "/token")
        #expect(kubeconfig.users[0].user.exec?.command == conf + "/bin/plugin")
        // A bare command name is looked up in PATH, not resolved.
        #expect(kubeconfig.users[1].user.exec?.command == "plugin")

        let configuration = try ClientConfiguration.fromKubeconfig(path: path)
        #expect(configuration.certificateAuthorityPEM == "CA FROM FILE")
        #expect(configuration.clientCertificatePEM == "CERT FROM FILE")
        #expect(configuration.clientKeyPEM == "KEY FROM FILE")
        #expect(configuration.authentication == .tokenFile(conf + "/token"))
    }

    @Test("A missing CA file is reported with its path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://x:1", certificate-authority: nope.crt}}]
            contexts: [{name: c, context: {cluster: k}}]
            """
        )
        let error = try #require(throws: ConfigurationError.self) { try ClientConfiguration.fromKubeconfig(path: path) }
        #expect(error.code == .fileNotFound)
        #expect(error.message.contains("nope.crt"))
    }
}

@Suite("KUBECONFIG merging")
struct KubeconfigMergeTests {
    static let first = """
        current-context: first-context
        clusters:
        - name: shared
          cluster:
            server: https://first:6443
        - name: only-first
          cluster:
            server: https://only-first:6443
        users:
        - name: shared-user
          user:
            token: first-token
        contexts:
        - name: first-context
          context: {cluster: shared, user: shared-user}
        """

    static let second = """
        current-context: second-context
        clusters:
        - name: shared
          cluster:
            server: https://second:6443
            insecure-skip-tls-verify: true
        - name: only-second
          cluster:
            server: https://only-second:6443
        users:
        - name: shared-user
          user:
            username: second
            password: pw
        - name: second-user
          user:
            token: second-token
        contexts:
        - name: second-context
          context: {cluster: only-second, user: second-user, namespace: two}
        - name: first-context
          context: {cluster: only-second, user: second-user}
        """

    static let noCurrent = """
        clusters:
        - name: third
          cluster:
            server: https://third:6443
        contexts:
        - name: third-context
          context: {cluster: third}
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var files: [String]
        var context: String?
        var server: String
        var authentication: Authentication
        var insecure: Bool
        var testDescription: String { "\(files) --context=\(context ?? "-") → \(server)" }
    }

    static let cases: [Case] = [
        // First file to set a value wins, and a named entry is taken whole from the first file defining it.
        Case(
            files: ["first", "second"],
            context: nil,
            server: "https://first:6443",
            authentication: .bearerToken("first-token"),
            insecure: false
        ),
        Case(
            files: ["second", "first"],
            context: nil,
            server: "https://only-second:6443",
            authentication: .bearerToken("second-token"),
            insecure: false
        ),
        Case(
            files: ["first", "second"],
            context: "second-context",
            server: "https://only-second:6443",
            authentication: .bearerToken("second-token"),
            insecure: false
        ),
        Case(
            files: ["second", "first"],
            context: "first-context",
            server: "https://only-second:6443",
            authentication: .bearerToken("second-token"),
            insecure: false
        ),
        // current-context comes from the first file that sets one.
        Case(
            files: ["third", "second", "first"],
            context: nil,
            server: "https://only-second:6443",
            authentication: .bearerToken("second-token"),
            insecure: false
        ),
        Case(
            files: ["third", "first"],
            context: "third-context",
            server: "https://third:6443",
            authentication: .none,
            insecure: false
        ),
        // Files that do not exist are skipped.
        Case(
            files: ["missing", "first"],
            context: nil,
            server: "https://first:6443",
            authentication: .bearerToken("first-token"),
            insecure: false
        ),
    ]

    @Test("KUBECONFIG files merge like kubectl", arguments: cases)
    func merge(testCase: Case) throws {
        let directory = try TemporaryDirectory()
        let contents = ["first": Self.first, "second": Self.second, "third": Self.noCurrent]
        var paths: [String] = []
        for name in testCase.files {
            if let text = contents[name] {
                paths.append(try directory.write(name, text))
            } else {
                paths.append(directory.path + "/" + name)
            }
        }
        let configuration = try ClientConfiguration.infer(
            environment: ["KUBECONFIG": paths.joined(separator: ":") + ":"],
            inCluster: InClusterPaths(directory: directory.path + "/none"),
            context: testCase.context
        )
        #expect(configuration.server.absoluteString == testCase.server)
        #expect(configuration.authentication == testCase.authentication)
        #expect(configuration.insecureSkipTLSVerify == testCase.insecure)
        if testCase.context == nil { return }
        let explicit = try ClientConfiguration.fromKubeconfig(paths: paths, context: testCase.context)
        #expect(explicit.server.absoluteString == testCase.server)
        #expect(explicit.authentication == testCase.authentication)
    }

    @Test("Merged entries keep the first file's entry whole, not field by field")
    func wholeEntries() throws {
        let merged = try Kubeconfig(yaml: Self.first).merging(Kubeconfig(yaml: Self.second))
        #expect(merged.clusters.map(\.name) == ["shared", "only-first", "only-second"])
        #expect(merged.clusters[0].cluster.insecureSkipTLSVerify == nil)
        #expect(merged.users.first { $0.name == "shared-user" }?.user.username == nil)
        #expect(merged.contexts.map(\.name) == ["first-context", "second-context"])
        #expect(merged.currentContext == "first-context")
    }

    @Test("When no listed file exists the error lists them")
    func noneExist() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Kubeconfig.load(paths: ["/nonexistent/a", "/nonexistent/b"])
        }
        #expect(error.code == .fileNotFound)
        #expect(error.message.contains("/nonexistent/a, /nonexistent/b"))
    }
}
