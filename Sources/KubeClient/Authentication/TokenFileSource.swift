package import Foundation

/// A bearer token read from a file and re-read when the cached copy is older than the refresh interval, like
/// client-go's `cachingTokenSource` over a file: projected service account tokens rotate (the kubelet rewrites the
/// file when 80% of the token's lifetime has passed), so a token read once at start-up eventually stops working.
///
/// If a re-read fails while a token is cached, the cached token is kept (the file may be mid-rewrite).
///
/// See <https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-token-volume>.
package actor TokenFileSource {
    package let path: String
    package let refreshInterval: Duration
    private let now: @Sendable () -> Date
    private var cached: (token: String, readAt: Date)?
    private var generation = 0

    package init(
        path: String,
        refreshInterval: Duration = .seconds(60),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.now = now
    }

    /// The current token and the generation (read count) it came from.
    ///
    /// - Throws: ``ConfigurationError/Code/credentialsUnavailable`` when the file cannot be read and no token is
    ///   cached, or the file is empty.
    package func token() throws -> (String, Int) {
        let current = now()
        if let cached, current.timeIntervalSince(cached.readAt) < refreshInterval.timeInterval {
            return (cached.token, generation)
        }
        do {
            let token = try String(contentsOfFile: path, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw ConfigurationError(.credentialsUnavailable, "token file \(path) is empty")
            }
            generation += 1
            cached = (token, current)
            return (token, generation)
        } catch {
            if let cached { return (cached.token, generation) }
            if let error = error as? ConfigurationError { throw error }
            throw ConfigurationError(
                .credentialsUnavailable,
                "cannot read token file \(path): \(error.localizedDescription)"
            )
        }
    }

    /// Forgets the token of `generation` so the next call re-reads the file.
    package func invalidate(generation: Int) {
        if generation == self.generation { cached = nil }
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
