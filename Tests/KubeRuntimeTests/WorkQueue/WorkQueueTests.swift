import KubeRuntime
import Synchronization
import Testing

@Suite("Work queue", .timeLimit(.minutes(1)))
struct WorkQueueTests {
    let clock = TestClock()

    func makeQueue() -> WorkQueue<String> {
        WorkQueue(clock: clock)
    }

    @Test("An item added several times while waiting is queued once")
    func dedup() async {
        let queue = makeQueue()
        await queue.add("a")
        await queue.add("a")
        await queue.add("b")
        await queue.add("a")
        #expect(await queue.len == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(await queue.len == 0)
    }

    @Test("An item re-added while processing is not handed out again until it is done, then once more")
    func processingWhileDirty() async {
        let queue = makeQueue()
        await queue.add("a")
        let first = await queue.get()
        #expect(first == "a")
        await queue.add("a")
        await queue.add("a")
        #expect(await queue.len == 0)
        await queue.done("a")
        #expect(await queue.len == 1)
        #expect(await queue.get() == "a")
        await queue.done("a")
        #expect(await queue.len == 0)
    }

    @Test("A delayed item becomes ready only when its delay has passed")
    func delayedAdd() async {
        let queue = makeQueue()
        await queue.add("a", after: .seconds(10))
        #expect(await queue.len == 0)
        await clock.advance(by: .seconds(9))
        #expect(await queue.len == 0)
        await clock.advance(by: .seconds(1))
        #expect(await queue.len == 1)
    }

    @Test("Of two delays for one item the earliest wins", arguments: [(10, 3), (3, 10)])
    func earliestWins(first: Int, second: Int) async {
        let queue = makeQueue()
        await queue.add("a", after: .seconds(first))
        await queue.add("a", after: .seconds(second))
        await clock.advance(by: .seconds(min(first, second) - 1))
        #expect(await queue.len == 0)
        await clock.advance(by: .seconds(1))
        #expect(await queue.len == 1)
        #expect(await queue.get() == "a")
        await queue.done("a")
        await clock.advance(by: .seconds(max(first, second)))
        #expect(await queue.len == 0, "the later delay was dropped")
    }

    @Test("A worker waiting in get is woken by the delay loop when a delayed item is due")
    func delayLoopWakesWorkers() async throws {
        let queue = makeQueue()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await queue.run() }
            await queue.add("a", after: .seconds(5))
            await clock.waitForSleepers(1)
            // An earlier deadline interrupts the loop's sleep.
            await queue.add("b", after: .seconds(2))
            async let received = queue.get()
            await clock.advance(by: .seconds(2))
            #expect(await received == "b")
            await clock.advance(by: .seconds(3))
            #expect(await queue.get() == "a")
            await queue.shutDown()
            try await group.waitForAll()
        }
    }

    @Test("Rate-limited adds back off 5 ms, 10 ms, 20 ms, and forget starts over")
    func rateLimited() async {
        let queue = makeQueue()
        for expected in [5, 10, 20] {
            await queue.addRateLimited("a")
            await clock.advance(by: .milliseconds(expected - 1))
            #expect(await queue.len == 0)
            await clock.advance(by: .milliseconds(1))
            #expect(await queue.len == 1)
            _ = await queue.get()
            await queue.done("a")
        }
        #expect(await queue.numRequeues("a") == 3)
        await queue.forget("a")
        #expect(await queue.numRequeues("a") == 0)
        await queue.addRateLimited("a")
        await clock.advance(by: .milliseconds(5))
        #expect(await queue.len == 1)
    }

    @Test("A run of failures never delays an item past the recheck a successful pass asked for")
    func backoffKeepsRecheck() async {
        let queue = makeQueue()
        // A pass asked to look again in 30 s (a paused rollout step); an event then triggers a pass at once.
        await queue.add("a", after: .seconds(30))
        await queue.add("a")
        var elapsed = Duration.zero
        // Every pass fails. Retries come at 5 ms, 10 ms, … 10.24 s (20.475 s in all); the 13th backoff, 20.48 s,
        // would end at 40.955 s, past the recheck, so the item is due at 30 s instead.
        for failure in 1...13 {
            #expect(await queue.get() == "a")
            await queue.done("a")
            await queue.addRateLimited("a")
            let backoff = Duration.milliseconds(5 * (1 << (failure - 1)))
            let due = min(backoff, .seconds(30) - elapsed)
            await clock.advance(by: due - .milliseconds(1))
            #expect(await queue.len == 0, "not before \(elapsed + due)")
            await clock.advance(by: .milliseconds(1))
            #expect(await queue.len == 1, "due at \(elapsed + due)")
            elapsed += due
        }
        #expect(elapsed == .seconds(30))
        #expect(await queue.get() == "a")
        await queue.done("a")
        // Failing again at its recheck, the item keeps the retry its 13th failure set, at 40.955 s.
        await queue.addRateLimited("a")
        #expect(await queue.numRequeues("a") == 13)
        await clock.advance(by: .milliseconds(10_954))
        #expect(await queue.len == 0)
        await clock.advance(by: .milliseconds(1))
        #expect(await queue.len == 1)
    }

    @Test("Failures of passes that events start before the retry is due neither move the retry nor grow the backoff")
    func eventDrivenFailuresKeepBackoff() async {
        let queue = makeQueue()
        await queue.addRateLimited("a")  // first failure: retry in 5 ms
        await queue.addRateLimited("a")  // a second failure at once: the 5 ms retry stands
        #expect(await queue.numRequeues("a") == 1)
        for _ in 0..<50 {
            // An event starts a pass before the retry is due, and it fails too.
            await queue.add("a")
            #expect(await queue.get() == "a")
            await queue.done("a")
            await queue.addRateLimited("a")
        }
        #expect(await queue.numRequeues("a") == 1)
        await clock.advance(by: .milliseconds(5))
        #expect(await queue.get() == "a")
        await queue.done("a")
        // The retry itself failed: now the backoff doubles.
        await queue.addRateLimited("a")
        #expect(await queue.numRequeues("a") == 2)
        await clock.advance(by: .milliseconds(9))
        #expect(await queue.len == 0)
        await clock.advance(by: .milliseconds(1))
        #expect(await queue.len == 1)
    }

    @Test("Items failing together wait for the overall retry limit once its burst is spent")
    func overallRetryLimit() async {
        let queue = WorkQueue<String>(clock: clock, retryLimit: RetryRateLimit(perSecond: 10, burst: 2))
        for item in ["a", "b", "c", "d"] { await queue.addRateLimited(item) }
        // a and b: their own 5 ms backoff; c and d: the limit's 100 ms and 200 ms, later than their backoff.
        await clock.advance(by: .milliseconds(5))
        #expect(await queue.len == 2)
        await clock.advance(by: .milliseconds(94))
        #expect(await queue.len == 2)
        await clock.advance(by: .milliseconds(1))
        #expect(await queue.len == 3)
        await clock.advance(by: .milliseconds(100))
        #expect(await queue.len == 4)
        #expect(await queue.numRequeues("c") == 1, "the limit delays; it does not count failures")
    }

    @Test("An item's own backoff wins when it is later than the overall limit's delay")
    func backoffLaterThanLimit() async {
        let queue = WorkQueue<String>(clock: clock, retryLimit: RetryRateLimit(perSecond: 1_000, burst: 1))
        for expected in [5, 10, 20, 40] {
            await queue.addRateLimited("a")
            await clock.advance(by: .milliseconds(expected - 1))
            #expect(await queue.len == 0)
            await clock.advance(by: .milliseconds(1))
            #expect(await queue.get() == "a")
            await queue.done("a")
        }
    }

    @Test("A failure whose retry stands takes nothing from the overall limit")
    func standingRetryTakesNoToken() async {
        let queue = WorkQueue<String>(clock: clock, retryLimit: RetryRateLimit(perSecond: 10, burst: 1))
        await queue.addRateLimited("a")  // takes the only token: due in 5 ms
        for _ in 0..<20 {
            await queue.add("a")
            #expect(await queue.get() == "a")
            await queue.done("a")
            await queue.addRateLimited("a")  // the 5 ms retry stands
        }
        // b's failure is the second reservation: it waits 100 ms, not 2.1 s.
        await queue.addRateLimited("b")
        await clock.advance(by: .milliseconds(99))
        #expect(await queue.get() == "a")
        await queue.done("a")
        #expect(await queue.len == 0)
        await clock.advance(by: .milliseconds(1))
        #expect(await queue.get() == "b")
    }

    @Test("get returns nil after shutdown, and adds are ignored")
    func shutdown() async {
        let queue = makeQueue()
        await queue.add("a")
        await queue.shutDown()
        #expect(await queue.get() == nil)
        await queue.add("b")
        #expect(await queue.len == 0)
    }

    @Test("Shutdown wakes workers suspended in get")
    func shutdownWakesWaiters() async {
        let queue = makeQueue()
        await withTaskGroup(of: String?.self) { group in
            for _ in 0..<3 { group.addTask { await queue.get() } }
            await settle()
            await queue.shutDown()
            for await result in group { #expect(result == nil) }
        }
    }

    @Test("A cancelled get returns nil and does not swallow a later item")
    func cancelledGet() async {
        let queue = makeQueue()
        let waiter = Task { await queue.get() }
        await settle()
        waiter.cancel()
        #expect(await waiter.value == nil)
        await queue.add("a")
        #expect(await queue.len == 1)
        #expect(await queue.get() == "a")
    }

    @Test("Shutdown with drain waits until the item being processed is done")
    func drain() async throws {
        let queue = makeQueue()
        await queue.add("a")
        let item = try #require(await queue.get())
        let log = Log()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await queue.shutDownWithDrain()
                log.append("drained")
            }
            while !(await queue.isShuttingDown) { await Task.yield() }
            await settle()
            log.append("done")
            await queue.done(item)
        }
        #expect(log.entries == ["done", "drained"])
    }

    @Test("N workers never process one item twice at once, and every add is seen", arguments: [1, 2, 4])
    func boundedWorkers(workers: Int) async {
        let queue = makeQueue()
        struct Observed {
            var active: Set<String> = []
            var maxActive = 0
            var overlaps = 0
            var processed: [String: Int] = [:]
        }
        let observed = Locked(Observed())
        let items = (0..<8).map { "item-\($0)" }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    while let item = await queue.get() {
                        observed.withLock { state in
                            if !state.active.insert(item).inserted { state.overlaps += 1 }
                            state.maxActive = max(state.maxActive, state.active.count)
                        }
                        for _ in 0..<5 { await Task.yield() }
                        observed.withLock { state in
                            state.active.remove(item)
                            state.processed[item, default: 0] += 1
                        }
                        await queue.done(item)
                    }
                }
            }
            for round in 0..<3 {
                for item in items { await queue.add(item) }
                if round < 2 { await Task.yield() }
            }
            // Wait until everything added has been processed.
            while await queue.len > 0 || observed.withLock({ !$0.active.isEmpty }) { await Task.yield() }
            await queue.shutDownWithDrain()
        }
        let result = observed.withLock { $0 }
        #expect(result.overlaps == 0)
        #expect(result.maxActive <= workers)
        #expect(Set(result.processed.keys) == Set(items))
    }
}
