/// One line of the summary table: every run of one fault.
public struct ScenarioRow: Sendable, Hashable {
    /// The fault, as the table names it.
    public var fault: String
    /// How many runs.
    public var runs: Int
    /// How many runs converged.
    public var converged: Int
    /// Data-bearing objects lost or recreated, over all runs (must be 0).
    public var dataLost: Int
    /// Unexpected deletes plus wrong rollbacks or double promotions, over all runs (must be 0).
    public var wrongDeletesOrRollbacks: Int
    /// Other broken invariants, each prefixed with its run number.
    public var violations: [String]
    /// The wall-clock time of all runs.
    public var duration: Duration

    /// A row.
    public init(
        fault: String,
        runs: Int,
        converged: Int,
        dataLost: Int,
        wrongDeletesOrRollbacks: Int,
        violations: [String],
        duration: Duration
    ) {
        self.fault = fault
        self.runs = runs
        self.converged = converged
        self.dataLost = dataLost
        self.wrongDeletesOrRollbacks = wrongDeletesOrRollbacks
        self.violations = violations
        self.duration = duration
    }

    /// The row for `outcomes`, one per run, in run order.
    public init(fault: String, outcomes: [RunOutcome], duration: Duration) {
        self.init(
            fault: fault,
            runs: outcomes.count,
            converged: outcomes.filter(\.converged).count,
            dataLost: outcomes.map(\.dataLost).reduce(0, +),
            wrongDeletesOrRollbacks: outcomes.map { $0.wrongDeletes + $0.wrongRollbacks }.reduce(0, +),
            violations: outcomes.enumerated().flatMap { run, outcome in
                outcome.violations.map { "run \(run + 1): \($0)" }
            },
            duration: duration
        )
    }

    /// Whether every run converged and nothing was lost, wrongly deleted, rolled back or otherwise broken.
    public var isGreen: Bool {
        runs > 0 && converged == runs && dataLost == 0 && wrongDeletesOrRollbacks == 0 && violations.isEmpty
    }
}
