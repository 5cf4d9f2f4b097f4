import Foundation

/// `KubeBenchmarks operator-scale`: the reconciler benchmark of issue 10 at several sizes, to show how cost grows.
///
/// Runs ``OperatorBenchmark/measure(platforms:skipFloor:)`` for each size in `KUBE_BENCH_SCALE_SIZES` (default
/// `10,100,1000`), each on a fresh API server with fresh operator processes, prints one table row per size and the
/// growth between sizes (1.00 is linear), the memory per platform, and — with `KUBE_BENCH_PLOT=path.svg` — writes a
/// chart of time and memory against the number of platforms.
enum OperatorScaleBenchmark {
    static func run() async throws {
        let sizes = (ProcessInfo.processInfo.environment["KUBE_BENCH_SCALE_SIZES"] ?? "10,100,1000")
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        guard sizes.count >= 2 else {
            KubeBenchmarks.emit("KUBE_BENCH_SCALE_SIZES needs at least two sizes")
            exit(2)
        }
        KubeBenchmarks.emit("Machine: \(Meter.machine())")
        var results: [OperatorBenchmark.Measurement] = []
        for size in sizes {
            let result = try await OperatorBenchmark.measure(platforms: size, skipFloor: OperatorBenchmark.skipFloor)
            KubeBenchmarks.emit(String(format: "measured %d platforms: Ready after %.1f s", size, result.converged))
            results.append(result)
        }
        KubeBenchmarks.emit("")
        for line in table(results) { KubeBenchmarks.emit(line) }
        if let path = ProcessInfo.processInfo.environment["KUBE_BENCH_PLOT"] {
            try chart(results).write(toFile: path, atomically: true, encoding: .utf8)
            KubeBenchmarks.emit("")
            KubeBenchmarks.emit("chart written to \(path)")
        }
    }

    /// The Markdown rows for docs/benchmarks.md.
    static func table(_ results: [OperatorBenchmark.Measurement]) -> [String] {
        var lines = [
            "| platforms (children) | floor | operator: create → all Ready | ratio | no-op resync writes "
                + "| converging operator: peak RSS / live heap | restarted: discovery / synced / first reconcile / all reconciled "
                + "| restarted: peak RSS / RSS / live heap | restart writes |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for result in results {
            let floor = result.floor.map { String(format: "%.1f s", $0) } ?? "—"
            let ratio = result.floor.map { String(format: "%.2f×", result.converged / $0) } ?? "—"
            lines.append(
                "| \(result.platforms) (\(result.children)) | \(floor) | "
                    + String(format: "%.1f s", result.converged) + " | \(ratio) | \(result.noopWrites.count) "
                    + "(\(result.noopReconciles) reconciles) | \(RuntimeBenchmarks.mebibytes(result.memory.peak)) / "
                    + "\(RuntimeBenchmarks.mebibytes(result.memory.liveHeap)) | "
                    + String(
                        format: "%.2f s / %.2f s / %.2f s / %.1f s",
                        result.restart.built,
                        result.restart.synced,
                        result.restart.firstReconcile,
                        result.restart.allReconciled
                    )
                    + " | \(RuntimeBenchmarks.mebibytes(result.restart.memory.peak)) / "
                    + "\(RuntimeBenchmarks.mebibytes(result.restart.memory.current)) / "
                    + "\(RuntimeBenchmarks.mebibytes(result.restart.memory.liveHeap)) | \(result.restart.writes) |"
            )
        }
        lines.append("")
        lines.append("| growth from → to | platforms × | operator time × | per platform (1.00 = linear) |")
        lines.append("|---|---|---|---|")
        for (small, large) in zip(results, results.dropFirst()) {
            let size = Double(large.platforms) / Double(small.platforms)
            let time = large.converged / small.converged
            lines.append(
                "| \(small.platforms) → \(large.platforms) | "
                    + String(format: "%.0f× | %.1f× | %.2f |", size, time, time / size)
            )
        }
        if let first = results.first, let last = results.last {
            let platforms = Double(last.platforms - first.platforms)
            let heap = Double(last.restart.memory.liveHeap - first.restart.memory.liveHeap) / platforms
            let rss = Double(last.restart.memory.current - first.restart.memory.current) / platforms
            lines.append("")
            lines.append(
                String(
                    format: "Memory per managed platform (restarted operator, %d → %d platforms): "
                        + "live heap %.1f KB, RSS %.1f KB (target ≤ 50 KB).",
                    first.platforms,
                    last.platforms,
                    heap / 1000,
                    rss / 1000
                )
            )
            lines.append(
                String(
                    format: "Restarted operator with %d platforms: first reconcile after %.2f s, having used %.2f"
                        + " CPU-seconds (its own start-up cost; the API server shares the same cores).",
                    last.platforms,
                    last.restart.firstReconcile,
                    last.restart.cpuAtFirstReconcile
                )
            )
            let memory = last.restart.memory
            lines.append(
                "Restarted operator with \(last.platforms) platforms: "
                    + "RSS \(RuntimeBenchmarks.mebibytes(memory.current))"
                    + " = \(RuntimeBenchmarks.mebibytes(memory.fileBacked)) mapped from files (executable, Swift"
                    + " runtime, Foundation) + \(RuntimeBenchmarks.mebibytes(memory.current - memory.fileBacked))"
                    + " anonymous (live heap \(RuntimeBenchmarks.mebibytes(memory.liveHeap)), free memory malloc"
                    + " keeps \(RuntimeBenchmarks.mebibytes(memory.heldFree))); after malloc_trim, as the operator"
                    + " trims every minute: RSS \(RuntimeBenchmarks.mebibytes(memory.afterTrim))."
            )
        }
        return lines
    }

    /// Two log-log panels: seconds until Ready (operator and floor), and the operator's memory.
    static func chart(_ results: [OperatorBenchmark.Measurement]) -> String {
        let mebibyte = 1_048_576.0
        func points(_ value: (OperatorBenchmark.Measurement) -> Double?) -> [(Double, Double)] {
            results.compactMap { result in value(result).map { (Double(result.platforms), $0) } }
        }
        let time = SVGLineChart(
            title: "Create → every platform Ready",
            yUnit: "s",
            series: [
                .init(name: "operator", color: "#1f77b4", points: points { $0.converged }),
                .init(name: "floor (SSA of the rendered objects)", color: "#7f7f7f", points: points { $0.floor }),
            ]
        )
        let memory = SVGLineChart(
            title: "Operator memory",
            yUnit: "MiB",
            series: [
                .init(
                    name: "peak RSS while converging",
                    color: "#d62728",
                    points: points { Double($0.memory.peak) / mebibyte }
                ),
                .init(
                    name: "restarted: RSS",
                    color: "#ff7f0e",
                    points: points { Double($0.restart.memory.current) / mebibyte }
                ),
                .init(
                    name: "restarted: live heap",
                    color: "#2ca02c",
                    points: points { Double($0.restart.memory.liveHeap) / mebibyte }
                ),
            ]
        )
        return SVGLineChart.document(panels: [time, memory])
    }
}
