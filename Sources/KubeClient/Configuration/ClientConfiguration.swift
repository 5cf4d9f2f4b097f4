public import Foundation

/// Everything the client needs to talk to one API server: where it is, how to trust it, who to be, and transport
/// settings. The resolved form of a kubeconfig context or of a pod's in-cluster environment (kube-rs `Config`,
/// client-go `rest.Config`).
///
/// Build it directly (`ClientConfiguration(server:certificateAuthorityPEM:token:)`, handy for tests), from a
/// kubeconfig (``init(kubeconfig:context:)``, ``fromKubeconfig(paths:context:)``), from the pod environment
/// (``inCluster(environment:paths:)``), or let ``infer(environment:homeDirectory:inCluster:context:)`` pick.
///
/// See <https://kubernetes.io/docs/tasks/access-application-cluster/access-cluster/>.
public struct ClientConfiguration: Sendable {
    /// The API server's base URL, e.g. `https://10.96.0.1:443`. A path (for a proxy prefix) is kept.
    public var server: URL
    /// PEM CA certificates to trust; `nil` trusts the system roots.
    public var certificateAuthorityPEM: String?
    /// Skip verifying the server's certificate. For local experiments only.
    public var insecureSkipTLSVerify: Bool
    /// Verify the server certificate against this name instead of the URL's host (kubeconfig `tls-server-name`).
    public var tlsServerName: String?
    /// A PEM client certificate (chain) for mutual TLS.
    public var clientCertificatePEM: String?
    /// The PEM private key (RSA or EC) of ``clientCertificatePEM``.
    public var clientKeyPEM: String?
    /// The per-request credential.
    public var authentication: Authentication
    /// The namespace used by object verbs when neither the call nor the object names one (the context's namespace,
    /// the pod's namespace, or `default`).
    public var namespace: String
    /// The `User-Agent` header.
    public var userAgent: String
    /// The whole-request deadline for everything but watches (whose lifetime the server bounds).
    public var requestTimeout: Duration
    /// The TCP and TLS connection timeout.
    public var connectTimeout: Duration
    /// When to retry; see ``RetryPolicy``.
    public var retryPolicy: RetryPolicy
    /// HTTP/1.1 connections kept per host. Each HTTP/1.1 watch holds one connection for its lifetime, so this is
    /// generous; over HTTP/2 (negotiated by ALPN when the server offers it) requests share connections as streams.
    public var maxConnectionsPerHost: Int
    /// The largest non-watch response body accepted, in bytes.
    public var maxResponseBodySize: Int
    /// Negotiate HTTP/2 by ALPN when the server offers it (the default); `false` forces HTTP/1.1.
    ///
    /// Over HTTP/2 every request and watch is a stream of a shared connection, and AsyncHTTPClient queues requests
    /// beyond the server's `SETTINGS_MAX_CONCURRENT_STREAMS` (the API server's `--http2-max-streams-per-connection`,
    /// Go's default 250) until a stream frees up. A process holding more long-lived watches than that should set
    /// this to `false`, so each watch gets its own HTTP/1.1 connection up to ``maxConnectionsPerHost``.
    public var prefersHTTP2: Bool

    /// The client's version, in the default ``userAgent``.
    public static let clientVersion = "0.1.0"
    /// `agri-operator/<version> (linux) kube-client`.
    public static let defaultUserAgent = "agri-operator/\(clientVersion) (linux) kube-client"

    /// Creates a configuration from parts: the usual way for tests, which know the URL, CA and token.
    ///
    /// - Parameters:
    ///   - server: The API server URL.
    ///   - certificateAuthorityPEM: CA certificates to trust, as PEM; `nil` for the system roots.
    ///   - token: A bearer token; `nil` for ``Authentication/none`` (use ``authentication`` for others).
    ///   - namespace: The default namespace.
    public init(
        server: URL,
        certificateAuthorityPEM: String? = nil,
        token: String? = nil,
        namespace: String = "default"
    ) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = false
        self.tlsServerName = nil
        self.clientCertificatePEM = nil
        self.clientKeyPEM = nil
        self.authentication = token.map(Authentication.bearerToken) ?? .none
        self.namespace = namespace
        self.userAgent = Self.defaultUserAgent
        self.requestTimeout = .seconds(300)
        self.connectTimeout = .seconds(30)
        self.retryPolicy = RetryPolicy()
        self.maxConnectionsPerHost = 256
        self.maxResponseBodySize = 512 << 20
        self.prefersHTTP2 = true
    }

    /// Picks a configuration the way kube-rs `Config::infer` does: the kubeconfig files in `KUBECONFIG` (merged),
    /// else `~/.kube/config`, else the in-cluster environment.
    ///
    /// - Parameters:
    ///   - environment: The process environment (injectable for tests).
    ///   - homeDirectory: The home directory holding `.kube/config`; `nil` uses `HOME` from `environment`.
    ///   - inCluster: The service account file locations.
    ///   - context: A kubeconfig context to use instead of `current-context` (kubectl's `--context`).
    /// - Throws: ``ConfigurationError``: the kubeconfig's own error when one exists but is unusable, else
    ///   ``ConfigurationError/Code/noConfiguration`` listing what was tried.
    public static func infer(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        inCluster: InClusterPaths = InClusterPaths(),
        context: String? = nil
    ) throws -> ClientConfiguration {
        var tried: [String] = []
        if let paths = kubeconfigPaths(environment: environment, homeDirectory: homeDirectory) {
            if paths.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
                return try fromKubeconfig(paths: paths, context: context)
            }
            tried.append("kubeconfig \(paths.joined(separator: ":")) (not found)")
        }
        do {
            return try Self.inCluster(environment: environment, paths: inCluster)
        } catch let error as ConfigurationError where error.code == .notInCluster {
            tried.append("in-cluster (\(error.message))")
        }
        throw ConfigurationError(
            .noConfiguration,
            "no Kubernetes configuration found; tried " + tried.joined(separator: "; ")
        )
    }

    /// The kubeconfig files to read: `KUBECONFIG` split on `:` (empty entries dropped), else `~/.kube/config`.
    static func kubeconfigPaths(environment: [String: String], homeDirectory: String?) -> [String]? {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            if !paths.isEmpty { return paths }
        }
        guard let home = homeDirectory ?? environment["HOME"], !home.isEmpty else { return nil }
        return [URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path]
    }
}
