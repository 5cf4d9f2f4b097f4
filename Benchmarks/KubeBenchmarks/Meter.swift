import Foundation

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

    /// The process's current resident set size in bytes (`VmRSS`).
    static func residentBytes() -> Int? { statusField("VmRSS") }

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
