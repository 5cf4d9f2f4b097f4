import Foundation

/// A token bucket over wall time: `burst` tokens, refilled one per `refillInterval`, as client-go's
/// `flowcontrol.NewTokenBucketRateLimiter` that the events spam filter uses.
///
/// Time that goes backwards refills nothing, so a wall-clock step back cannot mint tokens.
struct TokenBucket: Sendable, Hashable {
    private(set) var tokens: Double
    private var last: Date
    let burst: Int
    let refillInterval: Duration

    /// A full bucket at `now`.
    init(burst: Int, refillInterval: Duration, now: Date) {
        self.burst = burst
        self.refillInterval = refillInterval
        self.tokens = Double(burst)
        self.last = now
    }

    /// Takes a token if one is available at `now`.
    /// - Returns: Whether a token was taken.
    mutating func take(now: Date) -> Bool {
        let elapsed = now.timeIntervalSince(last)
        if elapsed > 0 {
            let interval = refillInterval.seconds
            tokens = interval > 0 ? min(Double(burst), tokens + elapsed / interval) : Double(burst)
            last = now
        }
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
