#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator tuned for a long-running controller, whose heap is a steady cache plus bursts of decoding (the
/// initial lists of every watched kind, relists after a 410, event storms).
///
/// glibc keeps memory freed after such a burst for reuse: its RSS stays at the burst's high-water mark although the
/// live heap is a fraction of it (measured in docs/benchmarks.md). Two remedies, both no-ops on other C libraries:
/// ``tuneAllocator()`` once at start, and ``returnFreeMemory()`` after a burst, e.g. once the caches have synced,
/// and periodically. Go's runtime returns freed memory to the system by itself; glibc only does so when asked.
public enum ProcessMemory {
    /// Caps glibc's malloc arenas (`mallopt(M_ARENA_MAX, count)`) unless the environment sets `MALLOC_ARENA_MAX`.
    ///
    /// glibc gives each thread that allocates under contention an arena of its own (up to eight per core) and keeps
    /// memory freed in an arena for reuse by that arena, so decoding bursts on many threads left RSS several times the
    /// live heap. The default, ``arenaCount(processors:)``, gives each of the threads that decode under load (the
    /// cooperative pool's and the event loops', one per core each) an arena, up to eight. It counts the online
    /// processors, not a container's CPU quota, so on a large node it is eight; set `MALLOC_ARENA_MAX` to choose.
    /// Call it first thing in `main`, before threads allocate.
    /// - Parameter count: The most arenas; `nil` for ``arenaCount(processors:)`` of the online processors.
    /// - Returns: Whether the limit was set.
    @discardableResult
    public static func capMallocArenas(_ count: Int32? = nil) -> Bool {
        #if canImport(Glibc)
        let limit = count ?? arenaCount(processors: sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        // M_ARENA_MAX
        return mallopt(-8, limit, unlessEnvironmentSets: "MALLOC_ARENA_MAX")
        #else
        return false
        #endif
    }

    /// Fixes glibc's mmap threshold (`mallopt(M_MMAP_THRESHOLD, bytes)`) unless the environment sets
    /// `MALLOC_MMAP_THRESHOLD_`.
    ///
    /// glibc starts at 128 KiB and raises the threshold to the size of each mapped block freed (up to 32 MiB), so
    /// after the first large list response every later one — hundreds of kilobytes to megabytes each — comes from the
    /// arenas, where it fragments them and stays after it is freed. Setting the threshold turns that adjustment off:
    /// every block of `bytes` or more gets a mapping of its own, unmapped when freed. A restart over 1 000 platforms
    /// peaked 5–9 MiB lower and kept 4–21 MiB less free memory, for about 6 % more start-up time (docs/benchmarks.md).
    /// Call it first thing in `main`, before threads allocate.
    /// - Parameter bytes: The size from which blocks are mapped on their own.
    /// - Returns: Whether the threshold was set.
    @discardableResult
    public static func fixMmapThreshold(_ bytes: Int32 = 128 * 1024) -> Bool {
        #if canImport(Glibc)
        // M_MMAP_THRESHOLD
        return mallopt(-3, bytes, unlessEnvironmentSets: "MALLOC_MMAP_THRESHOLD_")
        #else
        return false
        #endif
    }

    /// ``capMallocArenas(_:)`` and ``fixMmapThreshold(_:)`` with their defaults: glibc's allocator set up for a
    /// controller. Call it first thing in `main`, before threads allocate.
    /// - Returns: What was set, for the start-up log, e.g. `at most 4 arenas, mmap threshold 131072 bytes`; a setting
    ///   the environment made is named as such.
    @discardableResult
    public static func tuneAllocator() -> String {
        #if canImport(Glibc)
        let arenas = arenaCount(processors: sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let threshold: Int32 = 128 * 1024
        return [
            getenv("MALLOC_ARENA_MAX") != nil
                ? "arenas from MALLOC_ARENA_MAX"
                : capMallocArenas(arenas) ? "at most \(arenas) arenas" : "glibc's default arenas",
            getenv("MALLOC_MMAP_THRESHOLD_") != nil
                ? "mmap threshold from MALLOC_MMAP_THRESHOLD_"
                : fixMmapThreshold(threshold) ? "mmap threshold \(threshold) bytes" : "glibc's moving mmap threshold",
        ].joined(separator: ", ")
        #else
        return "the C library's defaults"
        #endif
    }

    #if canImport(Glibc)
    /// `mallopt(parameter, value)`, unless `variable` is set (glibc then took the value from the environment).
    private static func mallopt(_ parameter: Int32, _ value: Int32, unlessEnvironmentSets variable: String) -> Bool {
        // `mallopt` and its parameters are declared in <malloc.h>, which the Glibc module does not export.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard getenv(variable) == nil, let symbol = dlsym(nil, "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(parameter, value) == 1
    }
    #endif

    /// The default arena limit: two per processor (Swift's cooperative pool and NIO's event loops each run a thread
    /// per processor, and both allocate while lists are decoded), at least two and at most eight.
    ///
    /// Fewer arenas than allocating threads make them queue on arena locks: with two arenas on two cores a restarted
    /// operator spent a quarter of its start-up in malloc's locks and futex calls, and reached its first reconcile at
    /// 1 000 platforms in 1.06 s instead of 0.87 s; four kept 9 MiB more at the peak (docs/benchmarks.md). Past
    /// eight, more arenas hold more freed memory for little gain on a controller's few busy threads.
    public static func arenaCount(processors: Int) -> Int32 {
        Int32(min(8, max(2, 2 * processors)))
    }

    /// Waits for `burst` (e.g. the caches' first sync), then gives freed memory back to the system and again every
    /// `interval`, until the calling task is cancelled.
    /// - Parameters:
    ///   - interval: How long between two returns after the first.
    ///   - burst: What to wait for before the first; it should return when the task is cancelled.
    public static func returnFreeMemory(every interval: Duration, after burst: () async -> Void) async {
        await burst()
        while !Task.isCancelled {
            returnFreeMemory()
            try? await Task.sleep(for: interval)
        }
    }

    /// Gives the pages of freed memory back to the system (`malloc_trim(0)`), in every arena; costs a walk of the
    /// free lists (milliseconds for a heap of 100 MB), so call it after bursts, not per request.
    /// - Returns: Whether any memory was released.
    @discardableResult
    public static func returnFreeMemory() -> Bool {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return false }
        return unsafeBitCast(symbol, to: MallocTrim.self)(0) == 1
        #else
        return false
        #endif
    }
}
