package import Foundation

/// What one request authenticates with: an `Authorization` header value and, from an exec plugin, a client
/// certificate. Never logged.
package struct Credentials: Sendable, Hashable {
    /// The `Authorization` header value (`Bearer …`, `Basic …`), if any.
    package var authorization: String?
    /// A PEM client certificate that overrides the configured one (from an exec plugin).
    package var clientCertificatePEM: String?
    /// Its PEM private key.
    package var clientKeyPEM: String?
    /// Which fetch produced these; an invalidation after a `401` only drops the credential it saw, so concurrent
    /// failures refresh once.
    package var generation: Int

    package init(
        authorization: String? = nil,
        clientCertificatePEM: String? = nil,
        clientKeyPEM: String? = nil,
        generation: Int = 0
    ) {
        self.authorization = authorization
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.generation = generation
    }

    /// `Bearer <token>`.
    package static func bearer(_ token: String, generation: Int = 0) -> Credentials {
        Credentials(authorization: "Bearer \(token)", generation: generation)
    }
}

/// Supplies ``Credentials`` for each request from an ``Authentication``, caching refreshable ones.
package struct CredentialProvider: Sendable {
    private enum Source: Sendable {
        case fixed(Credentials)
        case tokenFile(TokenFileSource)
        case exec(ExecCredentialProvider)
    }

    private let source: Source

    /// Creates the provider for a configuration.
    ///
    /// - Parameters:
    ///   - configuration: The client configuration (its authentication and, for exec plugins, cluster info).
    ///   - now: The wall clock, injectable for tests.
    package init(configuration: ClientConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        switch configuration.authentication.method {
        case .none:
            source = .fixed(Credentials())
        case .bearerToken(let token):
            source = .fixed(.bearer(token))
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            source = .fixed(Credentials(authorization: "Basic \(encoded)"))
        case .tokenFile(let path, let interval):
            source = .tokenFile(TokenFileSource(path: path, refreshInterval: interval, now: now))
        case .exec(let config):
            source = .exec(
                ExecCredentialProvider(config: config, cluster: ExecClusterInfo(configuration), now: now)
            )
        }
    }

    /// The credentials for the next request.
    ///
    /// - Throws: ``ConfigurationError`` when a token file cannot be read or an exec plugin fails.
    package func current() async throws -> Credentials {
        switch source {
        case .fixed(let credentials): return credentials
        case .tokenFile(let tokens):
            let (token, generation) = try await tokens.token()
            return .bearer(token, generation: generation)
        case .exec(let plugin): return try await plugin.credentials()
        }
    }

    /// Drops `credentials` after the server rejected them with `401`, so the next ``current()`` refreshes.
    ///
    /// - Returns: Whether the credential is refreshable (so one retry is worthwhile).
    package func invalidate(_ credentials: Credentials) async -> Bool {
        switch source {
        case .fixed: return false
        case .tokenFile(let tokens):
            await tokens.invalidate(generation: credentials.generation)
            return true
        case .exec(let plugin):
            await plugin.invalidate(generation: credentials.generation)
            return true
        }
    }
}
