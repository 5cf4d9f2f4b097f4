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
/// Nothing is given back when an item succeeds (`Forget` does nothing in client-go's bucket either). One difference:
/// a time earlier than the last one refills nothing and moves nothing back (Go moves its mark back; on the queue's
/// monotonic clock it never happens). A pure value; the queue that owns it keeps it consistent.
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
    ///
    /// `perSecond: .infinity` lets every retry go at once (only the per-item backoff applies). Out-of-range values
    /// are raised to the nearest allowed, as ``ControllerBuilder/maxConcurrentReconciles(_:)`` does with its count:
    /// a rate below ``minimumPerSecond`` (or not a number) to it, a burst below 1 to 1.
    public init(perSecond: Double = 10, burst: Int = 100) {
        self.perSecond = perSecond >= Self.minimumPerSecond ? perSecond : Self.minimumPerSecond
        self.burst = max(1, burst)
        self.tokens = Double(self.burst)
    }

    /// The lowest rate: one retry in a little under 17 minutes, the per-item backoff's own longest delay (1000 s).
    public static let minimumPerSecond = 0.001

    /// Reserves one retry at `now` and returns how long it must wait for its token (zero while the burst lasts).
    ///
    /// `now` is the queue's monotonic time; a `now` earlier than the last one refills nothing.
    public mutating func reserve(now: Duration) -> Duration {
        guard perSecond.isFinite else { return .zero }
        if let last, now > last {
            tokens = min(Double(burst), tokens + (now - last).seconds * perSecond)
        }
        last = max(last ?? now, now)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        // Capped where `Duration` would overflow (292 years): only a debt of billions of retries gets there.
        return .nanoseconds(Int64(min((-tokens / perSecond * 1e9).rounded(.up), 9.2e18)))
    }
}
