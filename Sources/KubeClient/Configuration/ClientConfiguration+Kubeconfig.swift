import Foundation

extension ClientConfiguration {
    /// Resolves one context of a kubeconfig, as kubectl does.
    ///
    /// The cluster gives the server, CA (`certificate-authority-data` wins over `certificate-authority`),
    /// `insecure-skip-tls-verify` and `tls-server-name`; the user gives the client certificate and key (`-data`
    /// wins over the file), and one credential, chosen in this order: `token`, `tokenFile`, `exec`,
    /// `username`/`password`. File paths must already be absolute (``Kubeconfig/load(path:)`` resolves them).
    ///
    /// - Parameters:
    ///   - kubeconfig: The (merged) kubeconfig.
    ///   - context: The context to use (kubectl's `--context`); `nil` for `current-context`.
    /// - Throws: ``ConfigurationError`` naming the missing context, cluster, user, server or file.
    public init(kubeconfig: Kubeconfig, context: String? = nil) throws {
        guard let contextName = context ?? kubeconfig.currentContext else {
            throw ConfigurationError(
                .contextNotFound,
                "no context given and current-context is not set; contexts: \(Self.names(kubeconfig.contexts.map(\.name)))"
            )
        }
        guard let namedContext = kubeconfig.contexts.first(where: { $0.name == contextName }) else {
            throw ConfigurationError(
                .contextNotFound,
                "context \"\(contextName)\" not found; contexts: \(Self.names(kubeconfig.contexts.map(\.name)))"
            )
        }
        let contextValue = namedContext.context
        guard let cluster = kubeconfig.clusters.first(where: { $0.name == contextValue.cluster })?.cluster else {
            throw ConfigurationError(
                .clusterNotFound,
                "cluster \"\(contextValue.cluster)\" of context \"\(contextName)\" not found; clusters: "
                    + Self.names(kubeconfig.clusters.map(\.name))
            )
        }
        guard let serverText = cluster.server, !serverText.isEmpty else {
            throw ConfigurationError(.invalidServer, "cluster \"\(contextValue.cluster)\" has no server")
        }
        guard let server = URL(string: serverText), let scheme = server.scheme?.lowercased(),
            scheme == "https" || scheme == "http", server.host != nil
        else {
            throw ConfigurationError(
                .invalidServer,
                "server \"\(serverText)\" of cluster \"\(contextValue.cluster)\" is not an http(s) URL"
            )
        }
        if let proxy = cluster.proxyURL, !proxy.isEmpty {
            throw ConfigurationError(
                .unsupported,
                "cluster \"\(contextValue.cluster)\" sets proxy-url, which this client does not support"
            )
        }

        self.init(server: server, namespace: contextValue.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
        certificateAuthorityPEM = try Self.pem(
            data: cluster.certificateAuthorityData,
            file: cluster.certificateAuthority,
            what: "certificate-authority of cluster \"\(contextValue.cluster)\""
        )
        insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        tlsServerName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }

        guard let userName = contextValue.user, !userName.isEmpty else { return }
        guard let user = kubeconfig.users.first(where: { $0.name == userName })?.user else {
            throw ConfigurationError(
                .userNotFound,
                "user \"\(userName)\" of context \"\(contextName)\" not found; users: "
                    + Self.names(kubeconfig.users.map(\.name))
            )
        }
        clientCertificatePEM = try Self.pem(
            data: user.clientCertificateData,
            file: user.clientCertificate,
            what: "client-certificate of user \"\(userName)\""
        )
        clientKeyPEM = try Self.pem(
            data: user.clientKeyData,
            file: user.clientKey,
            what: "client-key of user \"\(userName)\""
        )
        if (clientCertificatePEM == nil) != (clientKeyPEM == nil) {
            throw ConfigurationError(
                .invalidCertificate,
                "user \"\(userName)\" sets a client certificate without a key or a key without a certificate"
            )
        }
        if let token = user.token, !token.isEmpty {
            authentication = .bearerToken(token)
        } else if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            authentication = .tokenFile(tokenFile)
        } else if let exec = user.exec {
            authentication = .exec(exec)
        } else if let username = user.username, !username.isEmpty {
            authentication = .basic(username: username, password: user.password ?? "")
        }
    }

    /// Loads the kubeconfig files (merged like `KUBECONFIG`) and resolves a context.
    ///
    /// - Parameters:
    ///   - paths: Kubeconfig files in precedence order.
    ///   - context: The context to use; `nil` for the merged `current-context`.
    /// - Throws: ``ConfigurationError``.
    public static func fromKubeconfig(paths: [String], context: String? = nil) throws -> ClientConfiguration {
        try ClientConfiguration(kubeconfig: Kubeconfig.load(paths: paths), context: context)
    }

    /// Loads one kubeconfig file and resolves a context.
    ///
    /// - Parameters:
    ///   - path: The kubeconfig file.
    ///   - context: The context to use; `nil` for its `current-context`.
    /// - Throws: ``ConfigurationError``.
    public static func fromKubeconfig(path: String, context: String? = nil) throws -> ClientConfiguration {
        try ClientConfiguration(kubeconfig: Kubeconfig.load(path: path), context: context)
    }

    private static func names(_ names: [String]) -> String {
        names.isEmpty ? "(none)" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// PEM text from base64 `data` or, failing that, from `file`.
    static func pem(data: String?, file: String?, what: String) throws -> String? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw ConfigurationError(.invalidCertificate, "\(what): the -data value is not valid base64")
            }
            return String(decoding: decoded, as: UTF8.self)
        }
        if let file, !file.isEmpty {
            do {
                return try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ConfigurationError(.fileNotFound, "\(what): cannot read \(file): \(error.localizedDescription)")
            }
        }
        return nil
    }
}
