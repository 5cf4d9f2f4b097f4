/// How the client proves who it is on each request (besides a TLS client certificate, which is part of
/// ``ClientConfiguration``).
///
/// Token files and exec plugins are *refreshable*: the client re-reads or re-runs them as they expire, and after
/// a `401 Unauthorized` it drops the cached credential and retries the request once.
///
/// See <https://kubernetes.io/docs/reference/access-authn-authz/authentication/>.
public struct Authentication: Sendable, Hashable, CustomStringConvertible {
    enum Method: Sendable, Hashable {
        case none
        case bearerToken(String)
        case tokenFile(path: String, refreshInterval: Duration)
        case basic(username: String, password: String)
        case exec(ExecConfig)
    }

    let method: Method

    private init(_ method: Method) { self.method = method }

    /// No `Authorization` header (anonymous, or a client certificate only).
    public static let none = Authentication(.none)

    /// A fixed bearer token: `Authorization: Bearer <token>`.
    public static func bearerToken(_ token: String) -> Authentication { Authentication(.bearerToken(token)) }

    /// A bearer token read from a file and re-read when the cached copy is older than `refreshInterval`, as
    /// client-go's cached file token source does for rotating service account tokens (the kubelet refreshes
    /// projected tokens well before they expire). After a `401` the file is re-read at once.
    ///
    /// - Parameters:
    ///   - path: The token file.
    ///   - refreshInterval: The longest time a read token is used without re-reading (default one minute).
    public static func tokenFile(_ path: String, refreshInterval: Duration = .seconds(60)) -> Authentication {
        Authentication(.tokenFile(path: path, refreshInterval: refreshInterval))
    }

    /// HTTP basic authentication: `Authorization: Basic base64(username:password)`.
    public static func basic(username: String, password: String) -> Authentication {
        Authentication(.basic(username: username, password: password))
    }

    /// A credential plugin, run when no unexpired credential is cached.
    ///
    /// See ``ExecConfig``.
    public static func exec(_ config: ExecConfig) -> Authentication { Authentication(.exec(config)) }

    /// Whether the credential can be refreshed, so a `401` is worth one retry.
    public var isRefreshable: Bool {
        switch method {
        case .tokenFile, .exec: return true
        case .none, .bearerToken, .basic: return false
        }
    }

    /// The method's name and non-secret parameters; never a token or password.
    public var description: String {
        switch method {
        case .none: return "none"
        case .bearerToken: return "bearerToken(<redacted>)"
        case .tokenFile(let path, _): return "tokenFile(\(path))"
        case .basic(let username, _): return "basic(\(username), <redacted>)"
        case .exec(let config): return "exec(\(config.command))"
        }
    }
}
