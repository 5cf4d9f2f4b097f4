import AgriPlatformAPI
import KubeClient
import KubeCore
import KubeTestServer

/// Scenarios 3 and 4: two operators sharing a Lease (3 s lease, 2 s renew deadline), a canary release running.
///
/// - Failover: the leader is killed mid-release (after its 2nd, 5th, 8th … acting write of the release); the other
///   must take over and finish it, and from the request log the two identities' acting writes never overlap in
///   time and hand over once.
/// - Partition: the leader's requests all fail (``KubeTestServer/FaultInjector/partition(userAgentPrefix:)``) for
///   longer than the lease; the other takes over; then the partition heals. The old leader's last acting write
///   must come before the new leader first took the Lease (it stopped at its renew deadline, before the lease
///   expired), and after healing it never writes while not leader.
enum LeaderScenarios {
    static let leaseName = "agri-operator"
    static let first = "agri-operator-a"
    static let second = "agri-operator-b"

    static var all: [FaultScenario] {
        [
            FaultScenario("leader killed mid-release", runs: { $0 == .ci ? 1 : 4 }) { index, _, _ in
                await failover(killAfter: 2 + 3 * index)
            },
            FaultScenario("leader partitioned longer than the lease", runs: { $0 == .ci ? 1 : 3 }) { index, _, _ in
                await partition(after: 1 + 2 * index)
            },
        ]
    }

    static func holder(_ world: FaultWorld) async throws -> String? {
        try await world.client.get(Lease.self, name: leaseName, namespace: FaultWorld.namespace).spec?.holderIdentity
    }

    /// Starts two operators, the first as leader, and a settled canary platform.
    static func start(_ world: FaultWorld) async throws -> (OperatorInstance, OperatorInstance) {
        let a = try await world.startOperator(userAgent: first, leaseName: leaseName)
        try await world.poll("\(first) holds the Lease", timeout: .seconds(30)) { try await holder(world) == first }
        let b = try await world.startOperator(userAgent: second, leaseName: leaseName)
        try await world.create(
            Platforms.canary(
                "shop",
                steps: [.setWeight(25), .pause(seconds: 1), .setWeight(50), .pause(seconds: 2)]
            )
        )
        try await world.waitUntilSettled(["shop"])
        return (a, b)
    }

    static func failover(killAfter: Int) async -> RunOutcome {
        do {
            return try await FaultWorld.with { world in
                let observer = ClusterObserver(client: world.client)
                observer.start()
                let (a, b) = try await start(world)
                let begin = world.lastSequence
                try await Platforms.release(world, "shop")
                try await world.poll("\(first) made \(killAfter) writes", timeout: .seconds(60)) {
                    world.actingWrites(by: first, after: begin) >= killAfter
                }
                await a.kill()
                var extra: [String] = []
                var converged = true
                do {
                    try await world.waitUntilSettled(["shop"], timeout: .seconds(120))
                } catch {
                    converged = false
                    extra.append("\(error)")
                }
                await b.kill()
                extra += writerChecks(world.requests)
                if RequestLogChecks.actingWrites(in: world.requests, by: second, after: begin).isEmpty {
                    extra.append("\(second) never wrote: the release finished before the kill")
                }
                let record = await observer.stop()
                return await RunChecks(world: world, record: record).outcome(
                    converged: converged,
                    everyVersionSeen: true,
                    extra: extra
                )
            }
        } catch {
            return .failed("\(error)")
        }
    }

    /// Two writers never in flight together, and a single hand-over.
    static func writerChecks(_ log: [LoggedRequest]) -> [String] {
        var problems: [String] = []
        let overlaps = RequestLogChecks.overlappingWrites(in: log, first: first, second: second)
        if let (a, b) = overlaps.first {
            problems.append("\(overlaps.count) overlapping writes, e.g. \(a.description) and \(b.description)")
        }
        let handovers = RequestLogChecks.handovers(in: log, agents: [first, second])
        if handovers > 1 { problems.append("the acting writer changed \(handovers) times") }
        return problems
    }

    static func partition(after writes: Int) async -> RunOutcome {
        do {
            return try await FaultWorld.with { world in
                let observer = ClusterObserver(client: world.client)
                observer.start()
                let (a, b) = try await start(world)
                let begin = world.lastSequence
                try await Platforms.release(world, "shop")
                try await world.poll("\(first) made \(writes) writes", timeout: .seconds(60)) {
                    world.actingWrites(by: first, after: begin) >= writes
                }
                await world.server.faults.partition(userAgentPrefix: first)
                var extra: [String] = []
                try await world.poll("\(second) takes the Lease", timeout: .seconds(30)) {
                    try await holder(world) == second
                }
                try await Task.sleep(for: .seconds(1))
                world.server.faults.heal(userAgentPrefix: first)
                let healed = world.lastSequence
                var converged = true
                do {
                    try await world.waitUntilSettled(["shop"], timeout: .seconds(120))
                    // Give the healed old leader time to misbehave: two lease durations.
                    try await Task.sleep(for: .seconds(6))
                } catch {
                    converged = false
                    extra.append("\(error)")
                }
                await a.kill()
                await b.kill()
                let log = world.requests
                switch RequestLogChecks.stoppedBeforeTakeover(in: log, old: first, new: second) {
                case .none: extra.append("\(second) never took the Lease")
                case .some(false): extra.append("\(first) still wrote after \(second) took the Lease")
                case .some(true): break
                }
                let stale = RequestLogChecks.actingWrites(in: log, by: first, after: healed)
                if let write = stale.first {
                    extra.append(
                        "\(first) wrote \(stale.count) times after the partition healed, e.g. \(write.description)"
                    )
                }
                extra += writerChecks(log.filter(\.succeeded))
                let record = await observer.stop()
                return await RunChecks(world: world, record: record).outcome(
                    converged: converged,
                    everyVersionSeen: false,
                    extra: extra
                )
            }
        } catch {
            return .failed("\(error)")
        }
    }
}
