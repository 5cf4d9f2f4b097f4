import Foundation
public import KubeCore
import NIOSSL
import Synchronization

/// An in-process Kubernetes API server on loopback, for tests and the zero-cluster playground.
///
/// It speaks the real REST API closely enough for our client and for real `kubectl`: TLS with a CA generated at
/// start, bearer-token (and optionally client-certificate) authentication, discovery, CRUD with optimistic
/// concurrency, patches and server-side apply, watches with bookmarks and 410 Expired, label and field
/// selectors, paging, status and scale subresources, finalizers, garbage collection, CustomResourceDefinitions
/// and Table output. See <https://kubernetes.io/docs/reference/using-api/api-concepts/>.
///
/// ```swift
/// let server = try await KubeTestServer.start()
/// try server.writeKubeconfig(to: "/tmp/kubeconfig")   // KUBECONFIG=/tmp/kubeconfig kubectl get ns
/// defer { Task { try await server.shutdown() } }
/// ```
///
/// Not modelled: authorization (every authenticated user may do everything), admission webhooks, conversion
/// webhooks (custom resource versions share one stored form), graceful pod termination, YAML apply bodies, and
/// consistent snapshots for continued lists (later pages show the current state after the last key), and protobuf
/// request bodies other than kubectl's generators for Namespace, ConfigMap, Secret and ServiceAccount (so
/// `kubectl create deployment` fails with 415; `kubectl apply -f` sends JSON and works).
public final class KubeTestServer: Sendable {
    /// How a server is started.
    public struct Configuration: Sendable {
        /// Serve HTTPS (the default) or plain HTTP.
        public var tls: Bool
        /// The bearer token clients must send; `nil` accepts requests without credentials.
        public var bearerToken: String?
        /// Also accept verified TLS client certificates (issued by ``KubeTestServer/makeClientCertificate(user:groups:)``).
        public var clientCertificateAuth: Bool
        /// How many events are kept for resuming watches; older resourceVersions get 410 Expired.
        public var watchHistoryLimit: Int
        /// How many undelivered events one watch may buffer before it is closed.
        public var watchBufferSize: Int
        /// How often watches that asked for bookmarks receive one.
        public var bookmarkInterval: Duration
        /// Offer HTTP/2 through ALPN (HTTP/1.1 is always available).
        public var http2: Bool
        public var host: String
        /// `0` picks a free port.
        public var port: Int
        /// Simulate the workload controllers and the kubelet (see ``WorkloadSimulation``); `nil` (the default)
        /// stores objects without anything running.
        public var simulation: WorkloadSimulation.Configuration?

        public init(
            tls: Bool = true,
            bearerToken: String? = Configuration.randomToken(),
            clientCertificateAuth: Bool = false,
            watchHistoryLimit: Int = 1000,
            watchBufferSize: Int = 10_000,
            bookmarkInterval: Duration = .seconds(1),
            http2: Bool = true,
            host: String = "127.0.0.1",
            port: Int = 0,
            simulation: WorkloadSimulation.Configuration? = nil
        ) {
            self.tls = tls
            self.bearerToken = bearerToken
            self.clientCertificateAuth = clientCertificateAuth
            self.watchHistoryLimit = watchHistoryLimit
            self.watchBufferSize = watchBufferSize
            self.bookmarkInterval = bookmarkInterval
            self.http2 = http2
            self.host = host
            self.port = port
            self.simulation = simulation
        }

        /// A random 32-character token.
        public static func randomToken() -> String {
            UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }
    }

    /// A client certificate and key, PEM, for TLS client authentication.
    public struct ClientCertificate: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String
    }

    /// The configuration the server was started with.
    public let configuration: Configuration
    /// `https://127.0.0.1:PORT` (or `http://` without TLS).
    public let url: String
    /// The PEM of the CA that signed the server certificate (empty without TLS).
    public let caCertificatePEM: String
    /// Failure injection for tests.
    public let faults: FaultInjector
    /// Every request answered, with counters.
    public let requestLog: RequestLog
    /// The workload simulation and its hooks, when ``Configuration/simulation`` is set.
    public let simulation: WorkloadSimulation?

    /// The storage, for in-package tools (benchmarks) that write without HTTP.
    package let store: ObjectStore
    let api: APIServer
    private let http: HTTPServer
    private let authority: CertificateAuthority?

    private init(
        configuration: Configuration,
        url: String,
        authority: CertificateAuthority?,
        store: ObjectStore,
        api: APIServer,
        http: HTTPServer,
        simulation: WorkloadSimulation?
    ) {
        self.configuration = configuration
        self.url = url
        self.authority = authority
        self.caCertificatePEM = authority?.certificatePEM ?? ""
        self.store = store
        self.api = api
        self.http = http
        self.faults = api.faults
        self.requestLog = api.requestLog
        self.simulation = simulation
    }

    /// Starts a server; it serves until ``shutdown()``.
    /// - Throws: When the certificates cannot be generated or the port cannot be bound.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> KubeTestServer {
        let store = ObjectStore(
            historyLimit: configuration.watchHistoryLimit,
            watchBufferSize: configuration.watchBufferSize
        )
        var authority: CertificateAuthority?
        var tls: TLSConfiguration?
        if configuration.tls {
            let ca = try CertificateAuthority()
            let identity = try ca.makeServerIdentity()
            var settings = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map {
                    .certificate($0)
                },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem))
            )
            if configuration.clientCertificateAuth {
                settings.certificateVerification = .optionalVerification
                settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.certificatePEM.utf8)))
            }
            authority = ca
            tls = settings
        }
        let faults = FaultInjector(store: store)
        let log = RequestLog()
        let authenticator = Authenticator(
            bearerToken: configuration.bearerToken,
            acceptsClientCertificates: configuration.clientCertificateAuth
        )
        // The server address is known only after binding; discovery reads it through this box.
        let address = AddressBox()
        let api = APIServer(
            store: store,
            faults: faults,
            requestLog: log,
            authenticator: authenticator,
            bookmarkInterval: configuration.bookmarkInterval,
            serverAddress: address
        )
        let http = try await HTTPServer.start(
            host: configuration.host,
            port: configuration.port,
            tls: tls,
            http2: configuration.http2 && tls != nil
        ) { request in
            await api.respond(to: request)
        }
        let hostPart = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        address.value = "\(hostPart):\(http.port)"
        let url = "\(configuration.tls ? "https" : "http")://\(hostPart):\(http.port)"
        let simulation = configuration.simulation.map { WorkloadSimulation(configuration: $0, store: store) }
        await simulation?.start()
        return KubeTestServer(
            configuration: configuration,
            url: url,
            authority: authority,
            store: store,
            api: api,
            http: http,
            simulation: simulation
        )
    }

    /// Stops the workload simulation (awaiting its task), stops listening and closes every connection and watch.
    public func shutdown() async throws {
        await simulation?.stop()
        await store.dropAllWatches()
        try await http.shutdown()
    }

    /// A kubeconfig for this server (context `kube-test-server`, cluster CA embedded, bearer token or client
    /// certificate).
    /// - Parameters:
    ///   - namespace: The context's default namespace.
    ///   - clientCertificate: Authenticate with this certificate instead of the bearer token.
    public func kubeconfigYAML(namespace: String = "default", clientCertificate: ClientCertificate? = nil) -> String {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        var user = ""
        if let clientCertificate {
            user = """
                    client-certificate-data: \(base64(clientCertificate.certificatePEM))
                    client-key-data: \(base64(clientCertificate.privateKeyPEM))
                """
        } else if let token = configuration.bearerToken {
            user = "    token: \(token)"
        } else {
            user = "    username: anonymous"
        }
        let ca = caCertificatePEM.isEmpty ? "" : "\n    certificate-authority-data: \(base64(caCertificatePEM))"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kube-test-server
              cluster:
                server: \(url)\(ca)
            users:
            - name: kube-test-server
              user:
            \(user)
            contexts:
            - name: kube-test-server
              context:
                cluster: kube-test-server
                user: kube-test-server
                namespace: \(namespace)
            current-context: kube-test-server

            """
    }

    /// Writes ``kubeconfigYAML(namespace:clientCertificate:)`` to a file.
    public func writeKubeconfig(
        to path: String,
        namespace: String = "default",
        clientCertificate: ClientCertificate? = nil
    ) throws {
        try kubeconfigYAML(namespace: namespace, clientCertificate: clientCertificate)
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Issues a client certificate signed by the server's CA (CN = user, O = first group), for
    /// ``Configuration/clientCertificateAuth``.
    /// - Throws: When TLS is off or signing fails.
    public func makeClientCertificate(
        user: String = "test-user",
        groups: [String] = ["system:masters"]
    ) throws
        -> ClientCertificate
    {
        guard let authority else { throw Status(message: "TLS is disabled", reason: "BadRequest", code: 400) }
        let identity = try authority.makeClientIdentity(user: user, groups: groups)
        return ClientCertificate(certificatePEM: identity.certificatePEM, privateKeyPEM: identity.privateKeyPEM)
    }

    /// Stores objects as if they were created through the API (namespaces first), with validation.
    ///
    /// Each object's `apiVersion` and `kind` pick its resource; the resource must be served.
    /// - Returns: The stored objects.
    /// - Throws: ``KubeCore/Status`` describing the first rejected object.
    @discardableResult
    public func seed(_ objects: [JSONValue]) async throws -> [JSONValue] {
        let ordered =
            objects.filter { $0["kind"]?.stringValue == "Namespace" }
            + objects.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" }
            + objects.filter { !["Namespace", "CustomResourceDefinition"].contains($0["kind"]?.stringValue ?? "") }
        var stored: [JSONValue] = []
        for object in ordered {
            let gvk = GroupVersionKind(
                apiVersion: object["apiVersion"]?.stringValue ?? "",
                kind: object["kind"]?.stringValue ?? ""
            )
            guard
                let type = await store.registry.types.first(where: {
                    $0.group == gvk.group && $0.version == gvk.version && $0.kind == gvk.kind
                })
            else {
                throw Status(message: "no resource serves \(gvk)", reason: "NotFound", code: 404)
            }
            var object = object
            if type.namespaced, ObjectRules.namespace(of: object).isEmpty {
                object[path: ["metadata", "namespace"]] = "default"
            }
            let causes = ObjectValidation.validate(object, type: type)
            if !causes.isEmpty {
                throw APIError.invalid(
                    kind: type.kind,
                    group: type.group,
                    name: ObjectRules.name(of: object),
                    causes: causes
                )
                .status
            }
            do {
                stored.append(try await store.create(type, object: object))
            } catch {
                throw error.status
            }
        }
        return stored
    }

    /// The current global revision (the resourceVersion of the latest write).
    public var currentResourceVersion: String {
        get async { String(await store.revision) }
    }

    /// The number of open watch streams.
    public var openWatchCount: Int {
        get async { await store.openWatchCount }
    }
}

/// The bound address, set once after binding and read by discovery.
final class AddressBox: Sendable {
    private let storage = Mutex("")
    var value: String {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
