import Foundation
import KubeRuntime
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

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

    #if canImport(Glibc)
    @Test("The mmap threshold decides which blocks get a mapping of their own")
    func mmapThreshold() throws {
        try #require(ProcessInfo.processInfo.environment["MALLOC_MMAP_THRESHOLD_"] == nil)
        defer { ProcessMemory.fixMmapThreshold() }
        // glibc marks a mapped block in the size word before it (bit 1, IS_MMAPPED).
        func isMapped(_ bytes: Int) -> Bool {
            let block = malloc(bytes)!
            defer { free(block) }
            return block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self) & 2 != 0
        }
        // Whatever the threshold was before, a parameter other than M_MMAP_THRESHOLD would fail one of the two. The
        // second block is larger than the first: malloc serves a request from a free chunk before it considers a
        // mapping, and the freed first block is not always returned to the system when other tests allocate in the
        // same arena meanwhile.
        #expect(ProcessMemory.fixMmapThreshold(4 << 20))
        #expect(!isMapped(1 << 20))
        #expect(ProcessMemory.fixMmapThreshold())
        #expect(isMapped(3 << 20))
    }
    #endif

    #if canImport(Glibc)
    @Test("Tuning the allocator says what it set, for the start-up log")
    func tuneAllocatorDescribesSettings() throws {
        let environment = ProcessInfo.processInfo.environment
        try #require(environment["MALLOC_ARENA_MAX"] == nil && environment["MALLOC_MMAP_THRESHOLD_"] == nil)
        let arenas = ProcessMemory.arenaCount(processors: sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect(ProcessMemory.tuneAllocator() == "at most \(arenas) arenas, mmap threshold 131072 bytes")
    }
    #endif
}
