import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Exec credential plugins")
struct ExecCredentialProviderTests {
    static let v1 = "client.authentication.k8s.io/v1"
    static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// A plugin that counts its runs, saves its `KUBERNETES_EXEC_INFO`, and prints `token-<run>` with the expiry
    /// found in the `expiry` file, as the `API_VERSION` its configured env names.
    static let script = """
        #!/bin/sh
        dir="$(dirname "$0")"
        n=$(cat "$dir/count" 2>/dev/null || echo 0)
        n=$((n+1))
        echo "$n" > "$dir/count"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info"
        printf '%s' "$*" > "$dir/args"
        if [ -f "$dir/fail" ]; then echo "plugin says no" >&2; exit 3; fi
        exp=""
        if [ -f "$dir/expiry" ]; then exp=",\\"expirationTimestamp\\":\\"$(cat "$dir/expiry")\\""; fi
        echo "{\\"apiVersion\\":\\"$API_VERSION\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"token-$n\\"$exp}}"
        """

    struct Plugin {
        let directory: TemporaryDirectory
        let command: String

        init() throws {
            directory = try TemporaryDirectory()
            command = try directory.write("plugin.sh", ExecCredentialProviderTests.script, executable: true)
        }

        var runs: Int {
            let text = (try? String(contentsOfFile: directory.path + "/count", encoding: .utf8)) ?? "0"
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        var execInfo: JSONValue? {
            (try? Data(contentsOf: URL(fileURLWithPath: directory.path + "/exec-info"))).flatMap {
                try? JSONValue(parsing: $0)
            }
        }

        func config(
            apiVersion: String,
            mode: ExecConfig.InteractiveMode? = .never,
            clusterInfo: Bool = false
        )
            -> ExecConfig
        {
            ExecConfig(
                apiVersion: apiVersion,
                command: command,
                args: ["get-token", "--cluster", "dev"],
                env: [.init(name: "API_VERSION", value: apiVersion)],
                installHint: "install the plugin",
                provideClusterInfo: clusterInfo,
                interactiveMode: mode
            )
        }

        func setExpiry(_ date: Date) throws {
            try directory.write("expiry", Time.format(date, fractionalDigits: 0))
        }
    }

    static let cluster = ExecClusterInfo(
        {
            var configuration = ClientConfiguration(
                server: URL(string: "https://dev.example:6443")!,
                certificateAuthorityPEM: "CA"
            )
            configuration.tlsServerName = "kubernetes"
            return configuration
        }()
    )

    @Test("The plugin runs once and its token is cached", arguments: [v1, v1beta1])
    func caching(apiVersion: String) async throws {
        let plugin = try Plugin()
        let provider = ExecCredentialProvider(
            config: plugin.config(apiVersion: apiVersion, clusterInfo: true),
            cluster: Self.cluster
        )
        #expect(try await provider.credentials().authorization == "Bearer token-1")
        #expect(try await provider.credentials().authorization == "Bearer token-1")
        #expect(plugin.runs == 1)

        let info = try #require(plugin.execInfo)
        #expect(info["apiVersion"] == .string(apiVersion))
        #expect(info["kind"] == "ExecCredential")
        #expect(info[path: ["spec", "interactive"]] == false)
        #expect(info[path: ["spec", "cluster", "server"]] == "https://dev.example:6443")
        #expect(info[path: ["spec", "cluster", "tls-server-name"]] == "kubernetes")
        #expect(
            info[path: ["spec", "cluster", "certificate-authority-data"]]
                == .string(Data("CA".utf8).base64EncodedString())
        )
        let arguments = try String(contentsOfFile: plugin.directory.path + "/args", encoding: .utf8)
        #expect(arguments == "get-token --cluster dev")
    }

    @Test("Cluster info is withheld unless provideClusterInfo is set")
    func noClusterInfo() async throws {
        let plugin = try Plugin()
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: Self.v1), cluster: Self.cluster)
        _ = try await provider.credentials()
        #expect(plugin.execInfo?[path: ["spec", "cluster"]] == nil)
    }

    @Test("The credential is refreshed a little before it expires", arguments: [v1, v1beta1])
    func expiryRefresh(apiVersion: String) async throws {
        let plugin = try Plugin()
        let clock = ManualWallClock()
        try plugin.setExpiry(clock.now.addingTimeInterval(60))
        let provider = ExecCredentialProvider(
            config: plugin.config(apiVersion: apiVersion),
            cluster: nil,
            refreshLeeway: .seconds(10),
            now: clock.function
        )
        #expect(try await provider.credentials().authorization == "Bearer token-1")
        clock.advance(by: 49)
        #expect(try await provider.credentials().authorization == "Bearer token-1")
        clock.advance(by: 2)
        try plugin.setExpiry(clock.now.addingTimeInterval(60))
        #expect(try await provider.credentials().authorization == "Bearer token-2")
        #expect(plugin.runs == 2)
    }

    @Test("Concurrent requests share one plugin run")
    func concurrentRequests() async throws {
        let plugin = try Plugin()
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: Self.v1), cluster: nil)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.credentials().authorization } }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(tokens == ["Bearer token-1"])
        #expect(plugin.runs == 1)
    }

    @Test("A 401 invalidates the credential, re-runs the plugin and retries once, for reads and writes")
    func invalidateOn401() async throws {
        let plugin = try Plugin()
        let unauthorized = ScriptedTransport.Reply.json(
            401,
            #"{"kind":"Status","status":"Failure","reason":"Unauthorized","code":401}"#
        )
        let transport = ScriptedTransport(
            [
                unauthorized, .json(200, #"{"major":"1","minor":"31","gitVersion":"v1.31.0"}"#), unauthorized,
                .json(201, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"team"}}"#),
            ]
        )
        let client = makeClient(transport, authentication: .exec(plugin.config(apiVersion: Self.v1)))
        let version = try await client.serverVersion()
        #expect(version.gitVersion == "v1.31.0")
        let created = try await client.create(ConfigMap(metadata: ObjectMeta(name: "a")))
        #expect(created.name == "a")
        #expect(plugin.runs == 3)
        #expect(
            transport.requests.map { $0.header("Authorization") }
                == ["Bearer token-1", "Bearer token-2", "Bearer token-2", "Bearer token-3"]
        )
        #expect(transport.requests.map(\.method) == [.get, .get, .post, .post])
    }

    @Test("A second 401 in a row is returned as unauthorized, without a third attempt")
    func repeated401() async throws {
        let plugin = try Plugin()
        let transport = ScriptedTransport(
            [],
            fallback: .json(401, #"{"kind":"Status","reason":"Unauthorized","code":401}"#)
        )
        let client = makeClient(transport, authentication: .exec(plugin.config(apiVersion: Self.v1)))
        await #expect {
            _ = try await client.get(ConfigMap.self, name: "a")
        } throws: { error in
            (error as? KubeError)?.code == .unauthorized
        }
        #expect(transport.requests.count == 2)
        #expect(plugin.runs == 2)
    }

    @Test("A static token gets no retry after a 401")
    func static401() async throws {
        let transport = ScriptedTransport([], fallback: .json(401, "{}"))
        let client = makeClient(transport)
        await #expect(throws: KubeError.self) { _ = try await client.send(.raw("/version")) }
        #expect(transport.requests.count == 1)
    }

    @Test("A failing plugin's exit status and stderr are reported")
    func failingPlugin() async throws {
        let plugin = try Plugin()
        try plugin.directory.write("fail", "")
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: Self.v1), cluster: nil)
        let error = try await #require(throws: ConfigurationError.self) { try await provider.credentials() }
        #expect(error.code == .execPluginFailed)
        #expect(error.message.contains("status 3"))
        #expect(error.message.contains("plugin says no"))
    }

    @Test("A missing command shows the install hint")
    func missingCommand() async throws {
        let config = ExecConfig(
            command: "no-such-plugin-\(UUID())",
            installHint: "brew install it",
            interactiveMode: .never
        )
        let provider = ExecCredentialProvider(config: config, cluster: nil)
        let error = try await #require(throws: ConfigurationError.self) { try await provider.credentials() }
        #expect(error.code == .execPluginFailed)
        #expect(error.message.contains("brew install it"))
    }

    @Test(
        "Plugin settings this client cannot honour are refused",
        arguments: [
            (v1, nil, ConfigurationError.Code.invalidKubeconfig),
            (v1, .always, .unsupported),
            ("client.authentication.k8s.io/v1alpha1", .never, .unsupported),
        ] as [(String, ExecConfig.InteractiveMode?, ConfigurationError.Code)]
    )
    func refusedSettings(
        apiVersion: String,
        mode: ExecConfig.InteractiveMode?,
        code: ConfigurationError.Code
    ) async throws {
        let plugin = try Plugin()
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: apiVersion, mode: mode), cluster: nil)
        let error = try await #require(throws: ConfigurationError.self) { try await provider.credentials() }
        #expect(error.code == code)
        #expect(plugin.runs == 0)
    }

    @Test("v1beta1 without interactiveMode defaults to IfAvailable and runs")
    func v1beta1DefaultMode() async throws {
        let plugin = try Plugin()
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: Self.v1beta1, mode: nil), cluster: nil)
        #expect(try await provider.credentials().authorization == "Bearer token-1")
    }

    struct OutputCase: Sendable, CustomTestStringConvertible {
        var output: String
        var valid: Bool
        var testDescription: String { output }
    }

    @Test(
        "Plugin output is validated",
        arguments: [
            OutputCase(
                output: #"{"apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t"}}"#,
                valid: true
            ),
            OutputCase(
                output:
                    #"{"apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"C","clientKeyData":"K"}}"#,
                valid: true
            ),
            OutputCase(
                output: #"{"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t"}}"#,
                valid: false
            ),
            OutputCase(output: #"{"apiVersion":"client.authentication.k8s.io/v1","status":{}}"#, valid: false),
            OutputCase(output: #"{"apiVersion":"client.authentication.k8s.io/v1"}"#, valid: false),
            OutputCase(
                output: #"{"apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"C"}}"#,
                valid: false
            ),
            OutputCase(
                output:
                    #"{"apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t","expirationTimestamp":"soon"}}"#,
                valid: false
            ),
            OutputCase(output: "not json", valid: false),
        ]
    )
    func outputValidation(testCase: OutputCase) {
        let config = ExecConfig(apiVersion: Self.v1, command: "p", interactiveMode: .never)
        let result = Result { try ExecCredentialProvider.parse(Data(testCase.output.utf8), config: config) }
        switch result {
        case .success: #expect(testCase.valid)
        case .failure(let error):
            #expect(!testCase.valid)
            #expect((error as? ConfigurationError)?.code == .execPluginFailed)
        }
    }

    @Test("A client certificate from the plugin is returned with its key")
    func clientCertificate() throws {
        let config = ExecConfig(apiVersion: Self.v1, command: "p", interactiveMode: .never)
        let output = #"""
            {"apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2030-01-01T00:00:00Z"}}
            """#
        let (credentials, expiry) = try ExecCredentialProvider.parse(Data(output.utf8), config: config)
        #expect(credentials.authorization == nil)
        #expect(credentials.clientCertificatePEM == "CERT")
        #expect(credentials.clientKeyPEM == "KEY")
        #expect(expiry == Time.parse("2030-01-01T00:00:00Z"))
    }
}
