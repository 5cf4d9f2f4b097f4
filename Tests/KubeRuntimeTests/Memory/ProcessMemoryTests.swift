import KubeRuntime
import Synchronization
import Testing

@Suite("Process memory", .timeLimit(.minutes(1)))
struct ProcessMemoryTests {
    @Test("Returning free memory periodically waits for the burst first and ends when its task is cancelled")
    func periodicReturnEndsOnCancel() async {
        let burstDone = Atomic<Bool>(false)
        let task = Task {
            await ProcessMemory.returnFreeMemory(every: .seconds(3600)) {
                burstDone.store(true, ordering: .sequentiallyConsistent)
            }
        }
        while !burstDone.load(ordering: .sequentiallyConsistent) { await Task.yield() }
        task.cancel()
        // Returns only because the loop ends on cancellation (the interval is an hour; the suite's limit a minute).
        await task.value
        let waitedForBurst = burstDone.load(ordering: .sequentiallyConsistent)
        #expect(waitedForBurst)
    }

    @Test(
        "The default arena limit is two per processor, between two and eight",
        arguments: [(1, 2), (2, 4), (3, 6), (4, 8), (64, 8), (0, 2), (-1, 2)] as [(Int, Int32)]
    )
    func arenaCount(processors: Int, arenas: Int32) {
        #expect(ProcessMemory.arenaCount(processors: processors) == arenas)
    }
}
