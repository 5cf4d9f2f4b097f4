import AgriPlatformAPI
import KubeClient
import KubeCore
import KubeTestServer

/// Scenario 1: API server trouble during reconciles and releases.
///
/// Each run creates three platforms (two rolling services; a service with an operated Redis; a canary), waits until
/// they are Ready, starts releases and a scale-up, then lets the fault act on the operator's requests for a window
/// (3 s in CI, 6 s full), clears it, and checks that every platform converges to Ready at its generation with its
/// releases finished, that the operator deleted nothing but expected prunes, that no release rolled back, and that
/// no PVC or generated Secret was lost or recreated.
enum APIFaultScenarios {
    /// A fault and what it does while its window lasts; it may return violations it found itself.
    struct Injection: Sendable {
        let name: String
        let during: @Sendable (FaultWorld, Duration) async throws -> [String]
        var after: @Sendable (FaultWorld) async throws -> [String] = { _ in [] }
    }

    static let operatorAgent = FaultWorld.operatorAgent
    /// Many more requests than a window sees: a storm lasts until cleared.
    static let storm = 1_000_000

    static var all: [FaultScenario] {
        injections.map { injection in
            FaultScenario(injection.name, runs: { $0 == .ci ? 1 : 3 }) { _, size, _ in
                await run(injection, window: size == .ci ? .seconds(3) : .seconds(6))
            }
        } + [
            FaultScenario(conflictStorm.name, runs: { $0 == .ci ? 1 : 3 }) { _, size, _ in
                await run(conflictStorm, window: size == .ci ? .seconds(3) : .seconds(6))
            }
        ]
    }

    /// 409s on the operator's PATCHes all through the window while a competing writer keeps triggering reconciles.
    /// Each failed reconcile counts one more failure in the work queue's per-item backoff (5 ms doubling to 1000 s);
    /// this row found that the backoff could push a platform paused on a timed canary step past its pause, for
    /// minutes. The work queue now never backs a failure off beyond a pending recheck (``KubeRuntime/WorkQueue``).
    static let conflictStorm = Injection(
        name: "409 storm, competing writer",
        during: { world, window in
            let competitor = try CompetingWriter(world: world)
            try await every(.milliseconds(250), for: window) {
                world.server.faults.inject(.conflict, count: 5, verb: "patch", userAgentPrefix: operatorAgent)
                try await competitor.write(2)
            }
            return []
        },
        after: { world in try await CompetingWriter(world: world).checkNoFight() }
    )

    /// Repeats `body` every `period` until `window` has passed.
    static func every(_ period: Duration, for window: Duration, _ body: () async throws -> Void) async throws {
        let clock = ContinuousClock()
        let end = clock.now + window
        while clock.now < end {
            try await body()
            try await Task.sleep(for: period)
        }
    }

    static var injections: [Injection] {
        [
            Injection(name: "watch drops") { world, window in
                try await every(.milliseconds(300), for: window) { await world.server.faults.dropAllWatches() }
                return []
            },
            Injection(name: "silent watch stall") { world, window in
                world.server.faults.stallWatches()
                try await Task.sleep(for: window)
                world.server.faults.resumeWatches()
                return []
            },
            Injection(name: "410 Expired watches") { world, window in
                try await every(.seconds(1), for: window) {
                    await world.server.faults.compactHistory()
                    world.server.faults.expireNextWatch(count: 30)
                    await world.server.faults.dropAllWatches()
                }
                return []
            },
            Injection(name: "429 bursts with Retry-After") { world, window in
                try await every(.milliseconds(500), for: window) {
                    world.server.faults.inject(
                        .tooManyRequests(retryAfterSeconds: 1),
                        count: 25,
                        userAgentPrefix: operatorAgent
                    )
                }
                return []
            },
            Injection(name: "500 storm") { world, window in
                world.server.faults.inject(.internalError, count: storm, userAgentPrefix: operatorAgent)
                try await Task.sleep(for: window)
                return []
            },
            Injection(name: "503 storm") { world, window in
                world.server.faults.inject(.serviceUnavailable, count: storm, userAgentPrefix: operatorAgent)
                try await Task.sleep(for: window)
                return []
            },
            Injection(name: "504 timeouts") { world, window in
                try await every(.milliseconds(500), for: window) {
                    world.server.faults.inject(.timeout, count: 25, userAgentPrefix: operatorAgent)
                }
                return []
            },
            Injection(name: "slow responses (200 ms)") { world, window in
                world.server.faults.inject(.latency(.milliseconds(200)), count: storm, userAgentPrefix: operatorAgent)
                try await Task.sleep(for: window)
                return []
            },
            Injection(
                name: "409 burst, competing writer",
                during: { world, window in
                    let competitor = try CompetingWriter(world: world)
                    world.server.faults.inject(.conflict, count: 10, verb: "patch", userAgentPrefix: operatorAgent)
                    try await every(.milliseconds(250), for: window) { try await competitor.write(2) }
                    return []
                },
                after: { world in try await CompetingWriter(world: world).checkNoFight() }
            ),
        ]
    }

    static func run(_ injection: Injection, window: Duration) async -> RunOutcome {
        do {
            return try await FaultWorld.with { world in
                let running = try await world.startOperator()
                let observer = ClusterObserver(client: world.client)
                observer.start()
                let names = ["web", "data", "release"]
                try await world.create(Platforms.web())
                try await world.create(Platforms.data())
                try await world.create(Platforms.canary("release", steps: [.setWeight(50), .pause(seconds: 2)]))
                try await world.waitUntilSettled(names)
                try await Platforms.release(world, "release")
                try await Platforms.release(world, "web")
                try await world.update("data") { $0.spec.services[0].replicas = 3 }
                var extra = try await injection.during(world, window)
                world.server.faults.clear()
                var converged = true
                do {
                    try await world.waitUntilSettled(names, timeout: .seconds(120))
                    extra += try await injection.after(world)
                } catch {
                    converged = false
                    extra.append("\(error)")
                }
                await running.kill()
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
