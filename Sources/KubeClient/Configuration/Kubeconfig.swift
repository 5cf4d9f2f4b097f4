import Foundation
import Yams

/// The contents of a kubeconfig file (`clientcmd/api/v1.Config`): named clusters, users and contexts, and the
/// current context. `preferences` and `extensions` are read and ignored.
///
/// Load one file with ``load(path:)``, or several the way kubectl merges `KUBECONFIG` with
/// ``load(paths:)``, then turn a context into a ``ClientConfiguration`` with
/// ``ClientConfiguration/init(kubeconfig:context:)``. Relative file paths are resolved against the directory of the
/// file that named them when the file is loaded.
///
/// See <https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/> and
/// <https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/>.
public struct Kubeconfig: Codable, Sendable, Hashable {
    /// Clusters by name.
    public var clusters: [NamedCluster]
    /// Users (`AuthInfo`s) by name.
    public var users: [NamedAuthInfo]
    /// Contexts by name.
    public var contexts: [NamedContext]
    /// The context used when none is given.
    public var currentContext: String?

    /// Creates a kubeconfig.
    public init(
        clusters: [NamedCluster] = [],
        users: [NamedAuthInfo] = [],
        contexts: [NamedContext] = [],
        currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    private enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    /// Decodes a kubeconfig, treating absent lists as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try container.decodeIfPresent([NamedAuthInfo].self, forKey: .users) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        let current = try container.decodeIfPresent(String.self, forKey: .currentContext)
        currentContext = current?.isEmpty == true ? nil : current
    }

    /// A cluster and its name.
    public struct NamedCluster: Codable, Sendable, Hashable {
        /// The name contexts refer to.
        public var name: String
        /// The cluster settings.
        public var cluster: Cluster
        /// Creates a named cluster.
        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }
    }

    /// How to reach and trust an API server.
    public struct Cluster: Codable, Sendable, Hashable {
        /// The API server URL, e.g. `https://10.0.0.1:6443`.
        public var server: String?
        /// A PEM file of CA certificates to trust.
        public var certificateAuthority: String?
        /// Base64 of PEM CA certificates to trust; wins over ``certificateAuthority``.
        public var certificateAuthorityData: String?
        /// Skip verifying the server certificate (never in production).
        public var insecureSkipTLSVerify: Bool?
        /// The name to verify the server certificate against instead of the URL's host.
        public var tlsServerName: String?
        /// A proxy URL. Not supported by this client; read so the error can say so.
        public var proxyURL: String?

        /// Creates a cluster entry.
        public init(
            server: String? = nil,
            certificateAuthority: String? = nil,
            certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool? = nil,
            tlsServerName: String? = nil,
            proxyURL: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
        }

        private enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// A user (credentials) and its name.
    public struct NamedAuthInfo: Codable, Sendable, Hashable {
        /// The name contexts refer to.
        public var name: String
        /// The credentials.
        public var user: AuthInfo
        /// Creates a named user.
        public init(name: String, user: AuthInfo) {
            self.name = name
            self.user = user
        }
    }

    /// Credentials for an API server.
    ///
    /// Impersonation (`as`, `as-groups`) and the deprecated `auth-provider` are not supported.
    public struct AuthInfo: Codable, Sendable, Hashable {
        /// A PEM client certificate file.
        public var clientCertificate: String?
        /// Base64 of a PEM client certificate; wins over ``clientCertificate``.
        public var clientCertificateData: String?
        /// A PEM private key file (RSA or EC).
        public var clientKey: String?
        /// Base64 of a PEM private key; wins over ``clientKey``.
        public var clientKeyData: String?
        /// A bearer token.
        public var token: String?
        /// A file holding a bearer token, re-read as it rotates; ``token`` wins when both are set.
        public var tokenFile: String?
        /// Basic authentication user name.
        public var username: String?
        /// Basic authentication password.
        public var password: String?
        /// A credential plugin to run.
        public var exec: ExecConfig?

        /// Creates a user entry.
        public init(
            clientCertificate: String? = nil,
            clientCertificateData: String? = nil,
            clientKey: String? = nil,
            clientKeyData: String? = nil,
            token: String? = nil,
            tokenFile: String? = nil,
            username: String? = nil,
            password: String? = nil,
            exec: ExecConfig? = nil
        ) {
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.exec = exec
        }

        private enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile, username, password, exec
        }
    }

    /// A context and its name.
    public struct NamedContext: Codable, Sendable, Hashable {
        /// The name `current-context` and `--context` refer to.
        public var name: String
        /// The context settings.
        public var context: Context
        /// Creates a named context.
        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }

    /// A cluster, a user and a default namespace.
    public struct Context: Codable, Sendable, Hashable {
        /// The name of the cluster entry.
        public var cluster: String
        /// The name of the user entry; `nil` for no credentials.
        public var user: String?
        /// The namespace used when a request names none; `default` when absent.
        public var namespace: String?
        /// Creates a context.
        public init(cluster: String, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }
}

extension Kubeconfig {
    /// Parses kubeconfig YAML (or JSON). An empty document is an empty kubeconfig, as kubectl treats it.
    ///
    /// - Parameter yaml: The file contents.
    /// - Throws: ``ConfigurationError`` with code ``ConfigurationError/Code/invalidKubeconfig``.
    public init(yaml: String) throws {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            self.init()
            return
        }
        do {
            self = try YAMLDecoder().decode(Kubeconfig.self, from: yaml)
        } catch {
            throw ConfigurationError(.invalidKubeconfig, "the kubeconfig is not valid: \(error)")
        }
    }

    /// Loads one kubeconfig file, resolving its relative paths against the file's directory.
    ///
    /// - Parameter path: The file path.
    /// - Throws: ``ConfigurationError`` when the file is missing, unreadable or invalid.
    public static func load(path: String) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                .fileNotFound,
                "cannot read kubeconfig file \(path): \(error.localizedDescription)"
            )
        }
        do {
            var config = try Kubeconfig(yaml: text)
            config.resolvePaths(relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent().path)
            return config
        } catch let error as ConfigurationError {
            throw ConfigurationError(error.code, "\(path): \(error.message)")
        }
    }

    /// Loads and merges several kubeconfig files as kubectl merges `KUBECONFIG`: files that do not exist are
    /// skipped; a cluster, user or context name defined in several files keeps the *first* file's entry whole; the
    /// current context is the first one set.
    ///
    /// See <https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files>.
    ///
    /// - Parameter paths: The files in precedence order.
    /// - Throws: ``ConfigurationError`` when none of the files exists or one is invalid.
    public static func load(paths: [String]) throws -> Kubeconfig {
        let existing = paths.filter { !$0.isEmpty && FileManager.default.fileExists(atPath: $0) }
        guard !existing.isEmpty else {
            throw ConfigurationError(
                .fileNotFound,
                "none of the kubeconfig files exists: \(paths.filter { !$0.isEmpty }.joined(separator: ", "))"
            )
        }
        return try existing.map(load(path:)).reduce(Kubeconfig()) { $0.merging($1) }
    }

    /// This kubeconfig with `other`'s entries added where this one lacks them (this one takes precedence).
    ///
    /// - Parameter other: A kubeconfig of lower precedence.
    /// - Returns: The merged kubeconfig.
    public func merging(_ other: Kubeconfig) -> Kubeconfig {
        func merge<Entry>(_ first: [Entry], _ second: [Entry], name: (Entry) -> String) -> [Entry] {
            var seen = Set(first.map(name))
            var result = first
            for entry in second where seen.insert(name(entry)).inserted {
                result.append(entry)
            }
            return result
        }
        return Kubeconfig(
            clusters: merge(clusters, other.clusters, name: \.name),
            users: merge(users, other.users, name: \.name),
            contexts: merge(contexts, other.contexts, name: \.name),
            currentContext: currentContext ?? other.currentContext
        )
    }

    /// Makes relative file references absolute against `directory`, as client-go's `ResolveLocalPaths` does: CA,
    /// client certificate and key, token file, and an exec command that contains a `/`.
    mutating func resolvePaths(relativeTo directory: String) {
        func resolve(_ path: String?) -> String? {
            guard let path, !path.isEmpty, !path.hasPrefix("/") else { return path }
            return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
        }
        for index in clusters.indices {
            clusters[index].cluster.certificateAuthority = resolve(clusters[index].cluster.certificateAuthority)
        }
        for index in users.indices {
            users[index].user.clientCertificate = resolve(users[index].user.clientCertificate)
            users[index].user.clientKey = resolve(users[index].user.clientKey)
            users[index].user.tokenFile = resolve(users[index].user.tokenFile)
            if let command = users[index].user.exec?.command, command.contains("/") {
                users[index].user.exec?.command = resolve(command) ?? command
            }
        }
    }
}
