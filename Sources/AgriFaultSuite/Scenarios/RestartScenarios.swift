import AgriPlatformAPI
import KubeClient
import KubeCore

/// Scenario 2: the operator killed (tasks cancelled, no graceful shutdown) in the middle of a release of each
/// strategy and of a datastore's formation, then restarted.
///
/// Kill points are counted in the operator's own acting writes since the release (or the platform's creation)
/// began: run 1 is a baseline without a kill that counts the writes `W` the whole thing takes; `--size full` then
/// kills after the 1st, 2nd, …, `W`th write (every step: each step's progress is a status write), `--size ci`
/// after three of them spread over `1...W` (chosen with the seed). The kill lands after the observer sees the
/// write (polled every 5 ms), so neighbouring kill points can land on the same step.
///
/// Checked after the restart: the platform converges with its release finished; the step index never goes back
/// and never jumps (the observer watches every stored version); no revision becomes stable twice and a
/// blue-green preview is promoted once; no PVC or generated Secret is lost or recreated; no unexpected delete.
enum RestartScenarios {
    struct Subject: Sendable {
        let name: String
        /// Creates what exists before the clock starts (`nil`: nothing, the creation is the subject).
        let prepare: (@Sendable (FaultWorld) async throws -> Void)?
        /// Starts the thing the kill interrupts.
        let begin: @Sendable (FaultWorld) async throws -> Void
    }

    static var subjects: [Subject] {
        [
            Subject(
                name: "rolling with migration Job",
                prepare: { try await $0.create(Platforms.rollingWithMigration("shop")) },
                begin: { try await Platforms.release($0, "shop") }
            ),
            Subject(
                name: "canary, 4 steps",
                prepare: {
                    try await $0.create(
                        Platforms.canary(
                            "shop",
                            steps: [.setWeight(25), .pause(seconds: 1), .setWeight(50), .pause(seconds: 1)]
                        )
                    )
                },
                begin: { try await Platforms.release($0, "shop") }
            ),
            Subject(
                name: "blue-green, preview and promotion",
                prepare: { try await $0.create(Platforms.blueGreen("shop")) },
                begin: { try await Platforms.release($0, "shop") }
            ),
            Subject(
                name: "datastore formation (PostgreSQL, Redis)",
                prepare: nil,
                begin: { try await $0.create(Platforms.datastores("shop")) }
            ),
        ]
    }

    static var all: [FaultScenario] {
        subjects.map { subject in
            FaultScenario("killed during \(subject.name)") { size, seed, progress in
                let baseline = await run(subject, killAfter: nil)
                progress(
                    "killed during \(subject.name): baseline \(baseline.outcome.isGreen ? "ok" : "FAIL \(baseline.outcome.violations)"), \(baseline.writes) writes"
                )
                var outcomes = [baseline.outcome]
                for point in killPoints(writes: baseline.writes, size: size, seed: seed) {
                    let killed = await run(subject, killAfter: point)
                    progress(
                        "killed during \(subject.name) after write \(point): \(killed.outcome.isGreen ? "ok" : "FAIL \(killed.outcome.violations)")"
                    )
                    outcomes.append(killed.outcome)
                }
                return outcomes
            }
        }
    }

    /// The kill points for a release of `writes` writes: all of them at full size, three spread ones in CI.
    static func killPoints(writes: Int, size: FaultSuiteSize, seed: UInt64) -> [Int] {
        guard writes > 0 else { return [1] }
        if size == .full { return Array(1...writes) }
        let offset = Int(seed % 3)
        return Set([1 + offset, max(1, writes / 2 - 1 + offset), max(1, writes - 2 + offset)].map { min($0, writes) })
            .sorted()
    }

    /// One run: prepare, start an operator, begin, kill after `killAfter` acting writes (none: a baseline),
    /// restart, and check.
    static func run(_ subject: Subject, killAfter: Int?) async -> (outcome: RunOutcome, writes: Int) {
        do {
            return try await FaultWorld.with { world in
                let observer = ClusterObserver(client: world.client)
                observer.start()
                var running = try await world.startOperator()
                if let prepare = subject.prepare {
                    try await prepare(world)
                    try await world.waitUntilSettled(["shop"])
                }
                let start = world.lastSequence
                try await subject.begin(world)
                var extra: [String] = []
                if let killAfter {
                    try await world.poll("the operator made \(killAfter) writes", timeout: .seconds(60)) {
                        if world.actingWrites(after: start) >= killAfter { return true }
                        // The release may finish in fewer writes than the baseline: then kill it settled.
                        return try await world.isSettled("shop") && world.actingWrites(after: start) > 0
                    }
                    await running.kill()
                    running = try await world.startOperator()
                }
                var converged = true
                do {
                    try await world.waitUntilSettled(["shop"], timeout: .seconds(120))
                } catch {
                    converged = false
                    extra.append("\(error)")
                }
                await running.kill()
                let writes = world.actingWrites(after: start)
                let record = await observer.stop()
                let outcome = await RunChecks(world: world, record: record).outcome(
                    converged: converged,
                    everyVersionSeen: true,
                    extra: extra
                )
                return (outcome, writes)
            }
        } catch {
            return (.failed("\(error)"), 0)
        }
    }
}
