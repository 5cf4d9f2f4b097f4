import KubeRuntime
import ServiceLifecycle

/// Gives freed memory back to the system (``ProcessMemory/returnFreeMemory()``) once the caches have synced — the
/// initial lists are the operator's largest burst of decoding — and then every `interval`, until shutdown.
///
/// Without it glibc keeps the sync's high-water mark as RSS for the life of the process: a restarted operator with
/// 300 platforms held 185 MiB of RSS for a 30 MiB live heap (docs/benchmarks.md).
struct FreeMemoryReturner: Service {
    let manager: ControllerManager
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await ProcessMemory.returnFreeMemory(every: interval) { await manager.waitUntilCachesSynced() }
        }
    }
}
