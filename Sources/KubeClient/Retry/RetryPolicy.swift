public import KubeCore

/// When and how long to wait before sending a failed request again: a pure value, so every decision is
/// unit-testable; the client supplies the randomness and does the sleeping.
///
/// Reads (`GET`: get, list, watch establishment, discovery) are idempotent, so they are retried on `429`, `500`,
/// `502`, `503`, `504` and on connection loss. Writes are never retried blindly: a `500` or `504` may arrive after
/// the write was persisted, and a lost connection says nothing about whether it was. The one exception is `429`
/// *with* a retry delay (`Retry-After` or `details.retryAfterSeconds`): API Priority and Fairness and the
/// max-in-flight filter reject with that answer *before* the request is processed, so sending it again cannot
/// apply it twice. client-go's `checkWait` goes further and retries any verb on any 5xx that carries
/// `Retry-After`; this policy does not, because a `504 Timeout` carries it too and "the request may still be
/// processing" is exactly what a non-idempotent create must not repeat. (The single retry after a `401` with
/// refreshed credentials is not this policy's business: a 401 means nothing was done.)
///
/// The delay is exponential with full jitter, `random(0...min(maxDelay, baseDelay × 2^(attempt-1)))`, but never
/// shorter than the server's retry delay. A server delay longer than ``maxRetryAfter`` is not waited out: the
/// error is returned with its ``KubeError/retryAfter`` so the caller (a work queue) can requeue instead.
///
/// See <https://github.com/kubernetes/client-go/blob/master/rest/request.go> (`checkWait`, `IsRetryableError`)
/// and <https://kubernetes.io/docs/concepts/cluster-administration/flow-control/>.
public struct RetryPolicy: Sendable, Hashable {
    /// The outcome of one attempt.
    public enum Outcome: Sendable, Hashable {
        /// The server answered with this HTTP status and, possibly, a retry delay.
        case response(statusCode: Int, retryAfter: Duration?)
        /// No response: the connection could not be made, broke, or timed out.
        case connectionFailure
    }

    /// What to do next.
    public enum Decision: Sendable, Hashable {
        /// Wait this long, then send the request again.
        case retry(after: Duration)
        /// Return the outcome to the caller.
        case giveUp
    }

    /// The most attempts per request, the first included; `1` disables retries.
    public var maxAttempts: Int
    /// The backoff cap before jitter for the first retry.
    public var baseDelay: Duration
    /// The largest backoff cap.
    public var maxDelay: Duration
    /// The longest server-requested delay the client waits out itself.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: Attempts per request including the first (default 5).
    ///   - baseDelay: The first backoff cap (default 200 ms).
    ///   - maxDelay: The backoff cap (default 10 s).
    ///   - maxRetryAfter: The longest `Retry-After` waited out (default 60 s).
    public init(
        maxAttempts: Int = 5,
        baseDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Decides whether to retry after an attempt.
    ///
    /// - Parameters:
    ///   - outcome: What the attempt produced.
    ///   - method: The HTTP method; `GET` counts as a read.
    ///   - attempt: The number of the attempt that just finished, starting at 1.
    ///   - random: A number in `0..<1` for jitter (inject a constant in tests).
    /// - Returns: ``Decision/retry(after:)`` with the delay, or ``Decision/giveUp``.
    public func decide(
        after outcome: Outcome,
        method: KubeRequest.Method,
        attempt: Int,
        random: Double
    ) -> Decision {
        guard attempt < maxAttempts else { return .giveUp }
        let isRead = method == .get
        let serverDelay: Duration?
        switch outcome {
        case .connectionFailure:
            guard isRead else { return .giveUp }
            serverDelay = nil
        case .response(let statusCode, let retryAfter):
            switch statusCode {
            case 429:
                guard isRead || retryAfter != nil else { return .giveUp }
            case 500, 502, 503, 504:
                guard isRead else { return .giveUp }
            default:
                return .giveUp
            }
            serverDelay = retryAfter
        }
        if let serverDelay, serverDelay > maxRetryAfter { return .giveUp }
        let backoff = jitteredBackoff(attempt: attempt, random: random)
        return .retry(after: max(backoff, serverDelay ?? .zero))
    }

    /// `random × min(maxDelay, baseDelay × 2^(attempt-1))`.
    func jitteredBackoff(attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let cap = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = min(max(random, 0), 1)
        return cap * fraction
    }
}
