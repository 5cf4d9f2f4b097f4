/// What one run of a fault scenario found: whether the platforms converged after the fault cleared, and every
/// broken invariant.
public struct RunOutcome: Sendable, Hashable {
    /// Every platform reached `Ready=True` at its generation (and every release finished) after the fault cleared.
    public var converged: Bool
    /// Data-bearing objects (PVCs, generated-credentials Secrets) lost or recreated (their UID changed).
    public var dataLost: Int
    /// DELETE requests by the operator that were not an expected prune.
    public var wrongDeletes: Int
    /// Releases that rolled back (or promoted a revision twice) although nothing was wrong with them.
    public var wrongRollbacks: Int
    /// Any other broken invariant (a step repeated or skipped, two writers at once, …), one sentence each.
    public var violations: [String]

    /// A run.
    public init(
        converged: Bool,
        dataLost: Int = 0,
        wrongDeletes: Int = 0,
        wrongRollbacks: Int = 0,
        violations: [String] = []
    ) {
        self.converged = converged
        self.dataLost = dataLost
        self.wrongDeletes = wrongDeletes
        self.wrongRollbacks = wrongRollbacks
        self.violations = violations
    }

    /// A run that failed before its checks: it did not converge, and says why.
    public static func failed(_ reason: String) -> RunOutcome {
        RunOutcome(converged: false, violations: [reason])
    }

    /// Whether the run is fully green.
    public var isGreen: Bool {
        converged && dataLost == 0 && wrongDeletes == 0 && wrongRollbacks == 0 && violations.isEmpty
    }
}
