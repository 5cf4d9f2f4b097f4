/// Per-item exponential failure backoff: `base * 2^failures`, capped at `cap`.
///
/// The same rule as client-go's `ItemExponentialFailureRateLimiter`, which controller-runtime uses with 5 ms and
/// 1000 s: the first failure waits 5 ms, the next 10 ms, and so on until the cap; ``forget(_:)`` after a success
/// starts over. A pure value: the ``WorkQueue`` that owns it keeps it consistent.
public struct ItemExponentialBackoff<Item: Hashable & Sendable>: Sendable {
    /// The delay after the first failure.
    public var base: Duration
    /// The longest delay.
    public var cap: Duration
    private var failures: [Item: Int] = [:]

    /// Makes a backoff with controller-runtime's defaults.
    public init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000)) {
        self.base = base
        self.cap = cap
    }

    /// Records one more failure of `item` and returns how long to wait before retrying it.
    public mutating func nextDelay(for item: Item) -> Duration {
        let exponent = failures[item, default: 0]
        failures[item] = exponent + 1
        // 2^exponent overflows long before the cap matters; stop doubling once the cap is reached.
        var delay = base
        for _ in 0..<exponent {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }

    /// Forgets the failures of `item`, so its next failure waits `base` again.
    public mutating func forget(_ item: Item) {
        failures[item] = nil
    }

    /// How many failures of `item` are remembered.
    public func numRequeues(_ item: Item) -> Int {
        failures[item, default: 0]
    }
}
