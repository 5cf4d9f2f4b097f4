/// One row of the fault suite: a fault, how many runs each size makes, and one run's body.
public struct FaultScenario: Sendable {
    /// The fault, as the table names it.
    public let name: String
    /// Whether a run without `--filter` includes it; scenarios that show a known, reported issue are not.
    public let isDefault: Bool
    /// Runs the scenario at `size` with `seed`, one outcome per run, calling `progress` after each run.
    let body:
        @Sendable (_ size: FaultSuiteSize, _ seed: UInt64, _ progress: @Sendable (String) -> Void) async -> [RunOutcome]

    init(
        _ name: String,
        isDefault: Bool = true,
        body: @escaping @Sendable (FaultSuiteSize, UInt64, @Sendable (String) -> Void) async -> [RunOutcome]
    ) {
        self.name = name
        self.isDefault = isDefault
        self.body = body
    }

    /// A scenario of `runs(size)` independent runs, each calling `run` with its index.
    init(
        _ name: String,
        runs: @escaping @Sendable (FaultSuiteSize) -> Int,
        isDefault: Bool = true,
        run: @escaping @Sendable (_ index: Int, _ size: FaultSuiteSize, _ seed: UInt64) async -> RunOutcome
    ) {
        self.init(name, isDefault: isDefault) { size, seed, progress in
            var outcomes: [RunOutcome] = []
            for index in 0..<runs(size) {
                let outcome = await run(index, size, seed)
                progress("\(name) run \(index + 1): \(outcome.isGreen ? "ok" : "FAIL \(outcome.violations)")")
                outcomes.append(outcome)
            }
            return outcomes
        }
    }

    /// Every scenario, in the order the suite runs them.
    public static var all: [FaultScenario] {
        APIFaultScenarios.all + RestartScenarios.all + LeaderScenarios.all
    }
}
