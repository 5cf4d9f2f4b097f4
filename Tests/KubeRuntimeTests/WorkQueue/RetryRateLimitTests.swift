import KubeRuntime
import PropertyBased
import Testing

@Suite("Overall retry limit")
struct RetryRateLimitTests {
    @Test("The burst goes at once; each retry beyond it waits one more refill interval")
    func burstThenRate() {
        var limit = RetryRateLimit(perSecond: 10, burst: 3)
        let now = Duration.seconds(100)
        #expect((0..<3).map { _ in limit.reserve(now: now) } == [.zero, .zero, .zero])
        #expect(limit.reserve(now: now) == .milliseconds(100))
        #expect(limit.reserve(now: now) == .milliseconds(200))
        #expect(limit.reserve(now: now) == .milliseconds(300))
    }

    @Test("Time refills the bucket, up to the burst and no further")
    func refill() {
        var limit = RetryRateLimit(perSecond: 10, burst: 2)
        _ = limit.reserve(now: .zero)
        _ = limit.reserve(now: .zero)
        #expect(limit.reserve(now: .zero) == .milliseconds(100), "in debt by one token")
        // 250 ms later: 2.5 tokens refilled, 1.5 left after the debt.
        #expect(limit.reserve(now: .milliseconds(250)) == .zero)
        #expect(limit.reserve(now: .milliseconds(250)) == .milliseconds(50))
        // An hour of quiet refills the burst, not 36 000 tokens.
        let later = Duration.seconds(3_600)
        #expect(limit.reserve(now: later) == .zero)
        #expect(limit.reserve(now: later) == .zero)
        #expect(limit.reserve(now: later) == .milliseconds(100))
    }

    @Test("A time earlier than the last refills nothing")
    func timeGoingBack() {
        var limit = RetryRateLimit(perSecond: 1, burst: 1)
        #expect(limit.reserve(now: .seconds(10)) == .zero)
        #expect(limit.reserve(now: .seconds(5)) == .seconds(1))
        #expect(limit.reserve(now: .seconds(10)) == .seconds(2))
    }

    @Test("An infinite rate lets every retry go; rates and bursts out of range are raised, never trapped on")
    func outOfRange() {
        var unlimited = RetryRateLimit(perSecond: .infinity, burst: 1)
        #expect((0..<1_000).allSatisfy { _ in unlimited.reserve(now: .seconds(1)) == .zero })
        for rate in [0, -5, .nan, 1e-9] as [Double] {
            var limit = RetryRateLimit(perSecond: rate, burst: 0)
            #expect(limit.perSecond == RetryRateLimit.minimumPerSecond)
            #expect(limit.burst == 1)
            #expect(limit.reserve(now: .zero) == .zero)
            #expect(limit.reserve(now: .zero) == .seconds(1_000))
        }
        // A debt far beyond any real queue still gives its exact delay (231 days).
        var slow = RetryRateLimit(perSecond: RetryRateLimit.minimumPerSecond, burst: 1)
        var last = Duration.zero
        for _ in 0..<20_000 { last = slow.reserve(now: .zero) }
        #expect(last == .seconds(19_999_000))
    }

    @Test("controller-runtime's default: 10 a second after a burst of 100")
    func defaults() {
        let limit = RetryRateLimit()
        #expect(limit.perSecond == 10)
        #expect(limit.burst == 100)
    }

    /// For any retries at any times: the retries the limit lets go in a window of time never number more than the
    /// burst plus what the rate refills in that window.
    @Test("Retries released in any window never exceed the burst plus the rate times the window")
    func neverAboveTheRate() async {
        let steps = zip(Gen.int(in: 0...400), Gen.int(in: 1...6)).array(of: 1...30)
        await propertyCheck(count: 200, input: steps) { steps in
            var limit = RetryRateLimit(perSecond: 20, burst: 5)
            var now = Duration.zero
            var released: [Double] = []
            var negativeDelays = 0
            for (gap, count) in steps {
                now += .milliseconds(gap)
                for _ in 0..<count {
                    let delay = limit.reserve(now: now)
                    if delay < .zero { negativeDelays += 1 }
                    released.append(Self.seconds(now + delay))
                }
            }
            released.sort()
            // Counted with plain arithmetic and checked once per case: an expectation per pair would make this test
            // hold a thread of the shared pool for long enough to starve the suites running beside it.
            var worst: (count: Int, allowed: Int)?
            for first in released.indices {
                for last in first..<released.count {
                    // A microsecond of slack for the rounding of each delay up to a whole nanosecond.
                    let allowed = 5 + Int(((released[last] - released[first]) * 20 + 1e-6).rounded(.down))
                    if last - first + 1 > allowed, worst == nil { worst = (last - first + 1, allowed) }
                }
            }
            #expect(negativeDelays == 0)
            #expect(worst == nil, "\(worst.map { "\($0.count) retries where \($0.allowed) may go" } ?? "")")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
