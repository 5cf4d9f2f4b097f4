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
}
