/// An overall limit on retries, shared by every item of a ``WorkQueue``: `perSecond` retries a second after a burst of
/// `burst`.
///
/// client-go's `BucketRateLimiter` over `golang.org/x/time/rate`, which controller-runtime's default rate limiter
/// combines with the per-item backoff (``ItemExponentialBackoff``) at 10 a second and a burst of 100; a retry waits
/// for whichever of the two is later. The per-item backoff alone lets a thousand primaries that fail together (an
/// API server refusing every request, say) retry a thousand at a time, 5 ms, 10 ms, 20 ms… after each failure; this
/// limit spreads them out, so the retries do not add to what made them fail.
///
/// Like `rate.Limiter.Reserve`, every retry takes a token at once and waits until that token would have been
/// refilled: the bucket may go into debt, and the delays grow by `1 / perSecond` for each retry beyond the burst.
/// Nothing is given back when an item succeeds (`Forget` does nothing in client-go's bucket either). A pure value; the
/// queue that owns it keeps it consistent.
public struct RetryRateLimit: Sendable, Hashable {
    /// Retries a second once the burst is spent.
    public let perSecond: Double
    /// Retries allowed at once.
    public let burst: Int
    /// Tokens available at `last`; negative when retries already reserved tokens not refilled yet.
    private var tokens: Double
    /// When `tokens` was last brought up to date, on the queue's clock; `nil` until the first retry.
    private var last: Duration?

    /// A limit of `perSecond` retries a second after a burst of `burst`; controller-runtime's by default.
    /// - Precondition: `perSecond` is positive and `burst` is at least 1.
    public init(perSecond: Double = 10, burst: Int = 100) {
        precondition(perSecond > 0 && perSecond.isFinite, "a retry rate must be positive")
        precondition(burst >= 1, "a retry burst must allow at least one retry")
        self.perSecond = perSecond
        self.burst = burst
        self.tokens = Double(burst)
    }

    /// Reserves one retry at `now` and returns how long it must wait for its token (zero while the burst lasts).
    ///
    /// `now` is the queue's monotonic time; a `now` earlier than the last one refills nothing.
    public mutating func reserve(now: Duration) -> Duration {
        if let last, now > last {
            tokens = min(Double(burst), tokens + (now - last).seconds * perSecond)
        }
        last = max(last ?? now, now)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .nanoseconds(Int64((-tokens / perSecond * 1e9).rounded(.up)))
    }
}
