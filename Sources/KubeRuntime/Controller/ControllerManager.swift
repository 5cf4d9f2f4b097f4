public import Logging
public import ServiceLifecycle
import Synchronization

/// Runs several controllers, their caches and an optional ``LeaderElector``, like controller-runtime's manager
/// (kept thin: it only starts, gates and stops).
///
/// - The caches (watchers) of every controller run all the time, so a new leader starts with warm caches.
/// - Without an elector the workers run from the start. With one, the workers of every controller start when the
///   elector reports `startedLeading` and are stopped (cancelled, then awaited) when it reports `stoppedLeading`;
///   each request is also checked against ``LeaderElector/isLeader`` before it is reconciled, so no reconcile
///   starts while not leading.
/// - Readiness: ``cachesSynced`` / ``waitUntilCachesSynced()`` (for `/readyz`); liveness: ``isRunning``
///   (for `/healthz`). Serving them over HTTP is the executable's job.
///
/// Shutdown order on a graceful shutdown: the workers stop taking work and drain their reconciles, then the elector
/// is stopped (it releases the lease if its `releaseOnCancel` is set), while the watchers close. On cancellation
/// (e.g. a crash test) everything is cancelled at once and the elector releases only if `releaseOnCancel` is set.
/// The elector runs in a task of its own that the manager stores, cancels and awaits, so that the graceful shutdown
/// reaches it only after the drain. The manager is the single consumer of the elector's
/// ``LeaderElector/leadershipChanges``; run the elector only through the manager.
public final class ControllerManager: ServiceLifecycle.Service, Sendable {
    /// The controllers run.
    public let controllers: [any ManagedController]
    /// The elector gating the workers, if any.
    public let leaderElector: LeaderElector?

    private let logger: Logger
    private let running = Mutex(false)

    /// Makes a manager; nothing runs until ``run()``.
    /// - Parameters:
    ///   - controllers: The controllers to run.
    ///   - leaderElector: Reconcile only while this elector leads; `nil` to reconcile always.
    ///   - logger: The logger.
    public init(
        controllers: [any ManagedController],
        leaderElector: LeaderElector? = nil,
        logger: Logger = Logger(label: "kube-runtime.manager")
    ) {
        self.controllers = controllers
        self.leaderElector = leaderElector
        self.logger = logger
    }

    /// Whether every controller's caches have been listed once: the readiness signal.
    public var cachesSynced: Bool { controllers.allSatisfy(\.cachesSynced) }

    /// Returns once every controller's caches have been listed once, or when the calling task is cancelled.
    public func waitUntilCachesSynced() async {
        for controller in controllers { await controller.waitUntilCachesSynced() }
    }

    /// Whether ``run()`` is running: the liveness signal.
    public var isRunning: Bool { running.withLock { $0 } }

    /// Whether the workers may reconcile: leading, or no elector.
    public var isLeader: Bool { leaderElector?.isLeader ?? true }

    /// Runs the caches, the election and the workers until graceful shutdown or cancellation.
    public func run() async throws {
        running.withLock { $0 = true }
        defer { running.withLock { $0 = false } }
        await withTaskGroup(of: Void.self) { group in
            for controller in controllers {
                group.addTask {
                    do { try await controller.runCaches() } catch {
                        self.logger.error("caches stopped", metadata: ["controller": "\(controller.name)"])
                    }
                }
            }
            if let leaderElector {
                await runWithElection(leaderElector)
            } else {
                await runWorkers(while: { true })
            }
            group.cancelAll()
        }
    }

    // MARK: - Internals

    private func runWorkers(while isLeading: @escaping @Sendable () -> Bool) async {
        await withTaskGroup(of: Void.self) { group in
            for controller in controllers {
                group.addTask { await controller.runWorkers(while: isLeading) }
            }
        }
    }

    private enum Finished: Sendable {
        case leadership
        case gracefulShutdown
    }

    private func runWithElection(_ elector: LeaderElector) async {
        // No graceful-shutdown context reaches this task: the manager cancels it after the workers drained.
        let electorTask = Task.detached { try? await elector.run() }
        let term = LeadershipTerm()
        await withTaskCancellationHandler {
            await withTaskGroup(of: Finished.self) { group in
                group.addTask {
                    for await leading in elector.leadershipChanges {
                        if leading {
                            self.logger.info("started leading; starting workers")
                            term.start { await self.runWorkers(while: { elector.isLeader }) }
                        } else {
                            self.logger.info("stopped leading; stopping workers")
                            await term.stop()
                        }
                    }
                    await term.stop()
                    return .leadership
                }
                group.addTask {
                    do { try await gracefulShutdown() } catch { return .gracefulShutdown }
                    // The workers see the graceful shutdown themselves and drain; release the lease after them.
                    await term.finish()
                    electorTask.cancel()
                    return .gracefulShutdown
                }
                while let finished = await group.next() {
                    if finished == .leadership { group.cancelAll() }
                }
            }
        } onCancel: {
            electorTask.cancel()
        }
        await electorTask.value
    }
}

/// The workers of one leadership term: a task the manager starts on `startedLeading` and cancels and awaits on
/// `stoppedLeading`. The mutex protects the current task.
private final class LeadershipTerm: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts `body` unless a term is running. The task inherits the caller's task-locals, so a graceful shutdown
    /// reaches it.
    func start(_ body: @escaping @Sendable () async -> Void) {
        task.withLock { task in
            if task == nil { task = Task { await body() } }
        }
    }

    /// Cancels the running term and waits for it to end.
    func stop() async {
        guard let running = task.withLock({ $0.take() }) else { return }
        running.cancel()
        await running.value
    }

    /// Waits for the running term to end by itself (e.g. after a graceful shutdown drained it).
    func finish() async {
        guard let running = task.withLock({ $0 }) else { return }
        await running.value
    }
}
