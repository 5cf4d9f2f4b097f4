import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timing and peak memory of a benchmark body, read from the kernel.
enum Meter {
    /// Runs `body` `iterations` times after `warmup` runs and returns the best per-run duration in seconds (the
    /// minimum is the least noisy estimate on a shared machine) and the median.
    static func time(
        iterations: Int,
        warmup: Int = 1,
        _ body: () throws -> Void
    ) rethrows -> (best: Double, median: Double) {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            try body()
            samples.append((ContinuousClock.now - start).seconds)
        }
        samples.sort()
        return (samples[0], samples[samples.count / 2])
    }

    /// The process's peak resident set size in bytes (`VmHWM` in `/proc/self/status`), or `nil` off Linux.
    static func peakResidentBytes() -> Int? { statusField("VmHWM") }

    /// User plus system CPU time this process has used, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
        return user + system
    }

    /// The process's current resident set size in bytes (`VmRSS`).
    static func residentBytes() -> Int? { statusField("VmRSS") }

    /// The part of the resident set mapped from files (`RssFile`): executable and library pages.
    static func fileBackedResidentBytes() -> Int? { statusField("RssFile") }

    /// The bytes the process's heap holds in live allocations, from glibc's `malloc_info`: what the arenas took
    /// from the system minus their free chunks, plus mmapped chunks. Unlike RSS it does not count freed memory that
    /// malloc keeps (fragmented pages, per-thread arenas). `nil` off glibc.
    static func liveHeapBytes() -> Int? {
        mallocTotals().map { $0.live }
    }

    /// The bytes glibc's arenas hold free (their free chunks, fast and regular): taken from the system, resident
    /// where touched, not in use. `nil` off glibc.
    static func heldFreeBytes() -> Int? {
        mallocTotals().map { $0.free }
    }

    /// The process-wide totals of glibc's `malloc_info`: live bytes (arenas minus free chunks, plus mmapped chunks)
    /// and free bytes in the arenas.
    private static func mallocTotals() -> (live: Int, free: Int)? {
        #if canImport(Glibc)
        // `malloc_info` is declared in <malloc.h>, which the Glibc module does not export; glibc always has it.
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        guard let symbol = dlsym(nil, "malloc_info") else { return nil }
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return nil }
        _ = unsafeBitCast(symbol, to: MallocInfo.self)(0, stream)
        fclose(stream)
        guard let buffer else { return nil }
        defer { free(buffer) }
        let lines = String(cString: buffer).split(separator: "\n")
        // The last occurrences are the process-wide totals that follow the per-arena `<heap>` elements.
        func last(_ prefix: String) -> Int? {
            guard let line = lines.last(where: { $0.contains(prefix) }),
                let range = line.range(of: "size=\"")
            else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        guard let current = last("<system type=\"current\""), let fast = last("<total type=\"fast\""),
            let rest = last("<total type=\"rest\""), let mmapped = last("<total type=\"mmap\"")
        else { return nil }
        return (live: current - fast - rest + mmapped, free: fast + rest)
        #else
        return nil
        #endif
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// A one-line description of the machine: CPU model, core count, memory, OS and Swift version.
    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory / (1024 * 1024 * 1024)
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB, "
            + "\(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
