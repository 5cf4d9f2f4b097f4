import Foundation
public import KubeClient
import KubeCore
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Runs leader election on a `coordination.k8s.io/v1` Lease: the thin I/O owner of a
/// ``LeaderElectionStateMachine``.
///
/// Run it as a `ServiceLifecycle.Service` (or call ``run()`` in a task). Watch ``isLeader`` or consume
/// ``leadershipChanges`` and do the leader's work only while leading. Every request is abandoned when it runs past
/// the renew deadline, so leadership is given up (``isLeader`` becomes `false`) before the lease can expire for
/// other candidates even when the API server hangs.
///
/// On graceful shutdown or cancellation, a leader first stops leading and then, when `releaseOnCancel` is set
/// (client-go's `ReleaseOnCancel`), releases the lease (holder cleared, duration 1 s) so that a successor takes over
/// at once instead of after the lease duration.
///
/// Reports the `leader_election_master_status{name}` gauge (1 while leading, else 0) like client-go, `name` being
/// the Lease's name. Run it once: ``leadershipChanges`` finishes when ``run()`` returns.
///
/// Not modelled: client-go's `leader_election_slowpath_total` metric, coordinated leader election (`strategy`,
/// `preferredHolder`), and client-go's jitter on the retry period.
public final class LeaderElector: ServiceLifecycle.Service, Sendable {
    /// The election's timing and identity.
    public let configuration: LeaderElectionStateMachine.Configuration
    /// The Lease's name.
    public let leaseName: String
    /// The Lease's namespace.
    public let leaseNamespace: String
    /// Whether the lease is released on shutdown.
    public let releaseOnCancel: Bool
    /// Leadership changes: `true` when leadership is gained, `false` when lost; finishes when ``run()`` returns.
    /// Single consumer.
    public let leadershipChanges: AsyncStream<Bool>

    private let client: KubeClient
    private let clock: any Clock<Duration>
    private let logger: Logger
    private let leading = Mutex(false)
    private let changes: AsyncStream<Bool>.Continuation
    private let masterStatus: Gauge

    /// Creates an elector.
    ///
    /// - Parameters:
    ///   - client: The API client.
    ///   - leaseName: The Lease's name.
    ///   - leaseNamespace: The Lease's namespace.
    ///   - configuration: Identity and timing.
    ///   - releaseOnCancel: Release the lease on shutdown (default `true`).
    ///   - clock: The monotonic clock for expiry and retries.
    ///   - logger: The logger.
    public init(
        client: KubeClient,
        leaseName: String,
        leaseNamespace: String,
        configuration: LeaderElectionStateMachine.Configuration,
        releaseOnCancel: Bool = true,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "leader-election")
    ) {
        self.client = client
        self.leaseName = leaseName
        self.leaseNamespace = leaseNamespace
        self.configuration = configuration
        self.releaseOnCancel = releaseOnCancel
        self.clock = clock
        self.logger = logger
        (leadershipChanges, changes) = AsyncStream.makeStream(of: Bool.self)
        masterStatus = Gauge(label: "leader_election_master_status", dimensions: [("name", leaseName)])
    }

    /// Whether this candidate currently leads.
    public var isLeader: Bool { leading.withLock { $0 } }

    /// Runs the election until graceful shutdown or cancellation, then releases the lease if leading (and
    /// `releaseOnCancel`). Returns without throwing.
    public func run() async throws {
        let elapsed = ElapsedClock(clock)
        masterStatus.record(0)
        let final = await cancelWhenGracefulShutdown { await self.electionLoop(elapsed: elapsed) }
        var machine = final.machine
        let action = machine.shutdownRequested(now: elapsed.now, wallTime: Date())
        setLeading(false)
        if case .release(let record, let resourceVersion) = action, releaseOnCancel, var lease = final.lease {
            lease.spec = record.spec
            lease.metadata.resourceVersion = resourceVersion
            let client = self.client
            let identity = configuration.identity
            // A fresh task: the current one may be cancelled, which would abort the request.
            let released = await Task { () -> Bool in
                do {
                    _ = try await client.update(lease)
                    return true
                } catch let error as KubeError where error.code == .conflict {
                    // A renewal the cancelled loop sent may have landed without its answer being read, so our
                    // resourceVersion is one behind. Release the current lease if it is still ours.
                    guard
                        var current = try? await client.get(
                            Lease.self,
                            name: lease.name,
                            namespace: lease.namespace
                        ),
                        current.spec?.holderIdentity == identity
                    else { return false }
                    current.spec = record.spec
                    return (try? await client.update(current)) != nil
                } catch {
                    return false
                }
            }.value
            logger.info("leader election: lease released", metadata: ["released": "\(released)"])
        }
        changes.finish()
    }

    private struct LoopResult: Sendable {
        var machine: LeaderElectionStateMachine
        var lease: Lease?
    }

    private struct DeadlineExceeded: Error {}

    private func electionLoop(elapsed: ElapsedClock) async -> LoopResult {
        var machine = LeaderElectionStateMachine(configuration: configuration)
        var lease: Lease?
        var action = machine.tick(now: elapsed.now)
        while !Task.isCancelled {
            switch action {
            case .readLease:
                do {
                    let read = try await withDeadline(machine, elapsed) { [self] () -> Lease? in
                        do {
                            return try await client.get(Lease.self, name: leaseName, namespace: leaseNamespace)
                        } catch let error as KubeError where error.code == .notFound {
                            return nil
                        }
                    }
                    lease = read
                    action = machine.leaseObserved(read.map(LeaseRecord.init), now: elapsed.now, wallTime: Date())
                } catch {
                    if Task.isCancelled { return LoopResult(machine: machine, lease: lease) }
                    logger.debug("leader election: read failed", metadata: ["error": "\(error)"])
                    action = machine.readFailed(now: elapsed.now)
                }
            case .create(let record), .update(let record, _):
                var object =
                    lease
                    ?? Lease(metadata: ObjectMeta(name: leaseName, namespace: leaseNamespace))
                object.spec = record.spec
                let isCreate: Bool
                if case .update(_, let resourceVersion) = action {
                    object.metadata.resourceVersion = resourceVersion
                    isCreate = false
                } else {
                    isCreate = true
                }
                let toWrite = object
                do {
                    let stored = try await withDeadline(machine, elapsed) { [client] in
                        isCreate ? try await client.create(toWrite) : try await client.update(toWrite)
                    }
                    lease = stored
                    action = machine.writeSucceeded(LeaseRecord(stored), now: elapsed.now)
                } catch {
                    if Task.isCancelled { return LoopResult(machine: machine, lease: lease) }
                    let code = (error as? KubeError)?.code
                    logger.debug("leader election: write failed", metadata: ["error": "\(error)"])
                    action = machine.writeFailed(
                        conflict: code == .conflict || code == .alreadyExists,
                        now: elapsed.now
                    )
                }
            case .startedLeading:
                logger.info("leader election: started leading", metadata: ["identity": "\(configuration.identity)"])
                setLeading(true)
                action = machine.tick(now: elapsed.now)
            case .stoppedLeading:
                logger.info("leader election: stopped leading", metadata: ["identity": "\(configuration.identity)"])
                setLeading(false)
                action = machine.tick(now: elapsed.now)
            case .sleep(let duration):
                do {
                    try await elapsed.sleep(until: elapsed.now + duration)
                } catch {
                    return LoopResult(machine: machine, lease: lease)
                }
                action = machine.tick(now: elapsed.now)
            case .release, .finished:
                return LoopResult(machine: machine, lease: lease)
            case .none:
                // Not reached when every action's outcome is reported; never spin if it is.
                do {
                    try await elapsed.sleep(until: elapsed.now + configuration.retryPeriod)
                } catch {
                    return LoopResult(machine: machine, lease: lease)
                }
                action = machine.tick(now: elapsed.now)
            }
        }
        return LoopResult(machine: machine, lease: lease)
    }

    /// Runs `body`, abandoning it at the renew deadline while leading (or after `renewDeadline` otherwise).
    private func withDeadline<T: Sendable>(
        _ machine: LeaderElectionStateMachine,
        _ elapsed: ElapsedClock,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let deadline = machine.renewDeadline ?? (elapsed.now + configuration.renewDeadline)
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await elapsed.sleep(until: deadline)
                throw DeadlineExceeded()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw DeadlineExceeded() }
            return first
        }
    }

    private func setLeading(_ value: Bool) {
        let changed = leading.withLock { leading in
            defer { leading = value }
            return leading != value
        }
        guard changed else { return }
        masterStatus.record(value ? 1 : 0)
        changes.yield(value)
    }
}
