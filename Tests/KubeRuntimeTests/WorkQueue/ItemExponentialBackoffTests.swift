import KubeRuntime
import Testing

@Suite("Per-item exponential backoff")
struct ItemExponentialBackoffTests {
    @Test("Delays start at 5 ms and double with each failure")
    func doubling() {
        var backoff = ItemExponentialBackoff<String>()
        let delays = (0..<5).map { _ in backoff.nextDelay(for: "a") }
        #expect(
            delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80)]
        )
        #expect(backoff.numRequeues("a") == 5)
    }

    @Test("Delays are capped at 1000 s, even after very many failures")
    func cap() {
        var backoff = ItemExponentialBackoff<String>()
        var last = Duration.zero
        for _ in 0..<200 { last = backoff.nextDelay(for: "a") }
        #expect(last == .seconds(1000))
        // 5 ms * 2^17 = 655.36 s is the last delay below the cap; the 19th failure reaches it.
        var fresh = ItemExponentialBackoff<String>()
        let delays = (0..<19).map { _ in fresh.nextDelay(for: "b") }
        #expect(delays[17] == .milliseconds(655_360))
        #expect(delays[18] == .seconds(1000))
    }

    @Test("Forget resets one item's backoff and leaves the others alone")
    func forget() {
        var backoff = ItemExponentialBackoff<String>()
        _ = backoff.nextDelay(for: "a")
        _ = backoff.nextDelay(for: "a")
        _ = backoff.nextDelay(for: "b")
        backoff.forget("a")
        #expect(backoff.numRequeues("a") == 0)
        #expect(backoff.nextDelay(for: "a") == .milliseconds(5))
        #expect(backoff.nextDelay(for: "b") == .milliseconds(10))
    }
}
