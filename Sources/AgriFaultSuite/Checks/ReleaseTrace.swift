/// The state of one service's release in one stored version of its platform, as an observer saw it.
public struct ReleaseSnapshot: Sendable, Hashable {
    /// The revision being released (`status.services[].rollout.desiredRevision`).
    public var desiredRevision: String?
    /// The revision serving (`stableRevision`).
    public var stableRevision: String?
    /// The phase (`Progressing`, `Paused`, `Healthy`, `RolledBack`, …).
    public var phase: String?
    /// The canary step index.
    public var stepIndex: Int?
    /// Set when a release failed.
    public var failedRevision: String?
    /// When blue-green promoted the preview (`promotedAt`), as its string form.
    public var promotedAt: String?

    /// A snapshot.
    public init(
        desiredRevision: String?,
        stableRevision: String?,
        phase: String?,
        stepIndex: Int? = nil,
        failedRevision: String? = nil,
        promotedAt: String? = nil
    ) {
        self.desiredRevision = desiredRevision
        self.stableRevision = stableRevision
        self.phase = phase
        self.stepIndex = stepIndex
        self.failedRevision = failedRevision
        self.promotedAt = promotedAt
    }
}

/// Invariants over the sequence of release snapshots an observer recorded: pure functions.
///
/// An observer that reads every stored version (a watch without drops) sees every step; one that polls, or whose
/// watch was dropped, may miss versions, so only ``repeatedSteps(_:)`` and ``rollbacks(_:)`` hold for it.
public enum ReleaseTrace: Sendable {
    /// Consecutive distinct snapshots only: stored versions that changed nothing about the release are dropped.
    public static func distinct(_ snapshots: [ReleaseSnapshot]) -> [ReleaseSnapshot] {
        snapshots.reduce(into: []) { result, snapshot in
            if result.last != snapshot { result.append(snapshot) }
        }
    }

    /// A sentence for each time the step index went back for the same desired revision: a step done again.
    public static func repeatedSteps(_ snapshots: [ReleaseSnapshot]) -> [String] {
        var problems: [String] = []
        var last: [String: Int] = [:]
        for snapshot in snapshots {
            guard let revision = snapshot.desiredRevision, let index = snapshot.stepIndex else { continue }
            if let previous = last[revision], index < previous {
                problems.append("revision \(revision): step index went back from \(previous) to \(index)")
            }
            last[revision] = max(last[revision] ?? index, index)
        }
        return problems
    }

    /// A sentence for each time the step index jumped by more than one for the same desired revision: a step not
    /// observed (meaningful only for an observer that saw every version).
    ///
    /// The state machine completes in one reconcile every step whose condition already holds (with 2 stable pods,
    /// weights 50 and 75 both mean 2 canary pods), so a jump is a skipped step only when each step needs its own
    /// reconcile: the scenarios use steps that do (a pause, or more canary pods than the step before).
    public static func skippedSteps(_ snapshots: [ReleaseSnapshot]) -> [String] {
        var problems: [String] = []
        var last: [String: Int] = [:]
        for snapshot in snapshots {
            guard let revision = snapshot.desiredRevision, let index = snapshot.stepIndex else { continue }
            let previous = last[revision] ?? 0
            if index > previous + 1 {
                problems.append("revision \(revision): step index jumped from \(previous) to \(index)")
            }
            last[revision] = max(previous, index)
        }
        return problems
    }

    /// A sentence for each rollback or failure seen (phase `RolledBack`, `Aborted` or `Degraded`, or a
    /// `failedRevision`).
    public static func rollbacks(_ snapshots: [ReleaseSnapshot]) -> [String] {
        var seen = Set<String>()
        var problems: [String] = []
        for snapshot in snapshots {
            let failed = snapshot.failedRevision.map { "failedRevision \($0)" }
            let phase = ["RolledBack", "Aborted", "Degraded"].contains(snapshot.phase ?? "") ? snapshot.phase : nil
            for problem in [failed, phase.map { "phase \($0)" }].compactMap(\.self) where seen.insert(problem).inserted
            {
                problems.append("release reported \(problem)")
            }
        }
        return problems
    }

    /// A sentence for each revision that became the stable revision more than once (promoted twice).
    public static func doublePromotions(_ snapshots: [ReleaseSnapshot]) -> [String] {
        var counts: [String: Int] = [:]
        var previous: String?
        for snapshot in snapshots {
            if let stable = snapshot.stableRevision, stable != previous { counts[stable, default: 0] += 1 }
            previous = snapshot.stableRevision ?? previous
        }
        return counts.keys.sorted().compactMap { revision in
            (counts[revision] ?? 0) > 1 ? "revision \(revision) was promoted \(counts[revision] ?? 0) times" : nil
        }
    }

    /// How many times `revision` became the stable revision (promotions), counting from the first snapshot.
    public static func promotions(of revision: String, in snapshots: [ReleaseSnapshot]) -> Int {
        var count = 0
        var previous = snapshots.first?.stableRevision
        for snapshot in snapshots.dropFirst() {
            if snapshot.stableRevision == revision, previous != revision { count += 1 }
            previous = snapshot.stableRevision
        }
        return count
    }

    /// How many distinct `promotedAt` times the snapshots show: a blue-green preview promoted once has one.
    public static func blueGreenPromotions(_ snapshots: [ReleaseSnapshot]) -> Int {
        Set(snapshots.compactMap(\.promotedAt)).count
    }
}
