import AgriPlatformAPI
public import Foundation
import KubeCore

/// The text `kubectl agri get` prints: one row per service, then, for each service with something to explain, its
/// message, failure, pause and latest analysis measurements.
///
/// ```
/// PLATFORM   SERVICE   STRATEGY   PHASE         STEP   WEIGHT   READY   CANDIDATE   STABLE     DESIRED    MIGRATION
/// shop       api       Canary     Progressing   2/4    20%      4/4     1           3f2a9c1b   91cc04de   Succeeded
///
/// shop/api: canary at 20 %, step 2/4: pausing 60s
///   CHECK       RESULT   VALUE   LIMIT   AGE
///   errorRate   Passed   1.2     > 5     12s
/// ```
///
/// Revisions are cut to their first 8 digits (enough to tell them apart and to pass to `undo --to-revision`).
/// Pure: the time comes in as `now`.
public struct RolloutTable: Sendable, Hashable {
    /// Adds the columns STARTED (age of the release), FAILED (revision and reason) and IMAGE, and the measurements'
    /// messages.
    public var wide: Bool
    /// Adds a leading NAMESPACE column (`-A`).
    public var showsNamespace: Bool

    /// How many digits of a revision are shown.
    public static let revisionDigits = 8

    /// Creates a table layout.
    public init(wide: Bool = false, showsNamespace: Bool = false) {
        self.wide = wide
        self.showsNamespace = showsNamespace
    }

    /// The table and the details of `rollouts`, ending with a newline; empty when there are none.
    public func render(_ rollouts: [ServiceRollout], now: Date) -> String {
        guard !rollouts.isEmpty else { return "" }
        var header = ["PLATFORM", "SERVICE", "STRATEGY", "PHASE", "STEP", "WEIGHT", "READY", "CANDIDATE"]
        header += ["STABLE", "DESIRED", "MIGRATION"]
        if wide { header += ["STARTED", "FAILED", "IMAGE"] }
        if showsNamespace { header.insert("NAMESPACE", at: 0) }
        var table = TextTable(header: header)
        for rollout in rollouts { table.append(cells(rollout, now: now)) }
        var text = table.rendered()
        for rollout in rollouts {
            if let details = details(rollout, now: now) { text += "\n" + details }
        }
        return text
    }

    /// The cells of one row, in header order.
    package func cells(_ rollout: ServiceRollout, now: Date) -> [String] {
        let status = rollout.rollout
        var cells = [rollout.platform, rollout.service, rollout.strategy.rawValue, status?.phase?.rawValue ?? "-"]
        cells.append(Self.step(rollout))
        cells.append(status?.canaryWeight.map { "\($0)%" } ?? "-")
        cells.append(rollout.replicas.map { "\(rollout.readyReplicas ?? 0)/\($0)" } ?? "-")
        cells.append(status?.candidateReplicas.map(String.init) ?? "-")
        cells.append(Self.short(status?.stableRevision))
        cells.append(Self.short(rollout.desiredRevision))
        cells.append(status?.migration?.state ?? "-")
        if wide {
            cells.append(status?.startedAt.map { HumanDuration.text(now.timeIntervalSince($0.date)) } ?? "-")
            cells.append(Self.failure(status))
            cells.append(rollout.image)
        }
        if showsNamespace { cells.insert(rollout.namespace, at: 0) }
        return cells
    }

    /// The lines under the table for one service, or `nil` when there is nothing to say beyond its row.
    package func details(_ rollout: ServiceRollout, now: Date) -> String? {
        guard let status = rollout.rollout else { return nil }
        var lines: [String] = []
        if status.pausedByUser == true { lines.append("  paused by a user: `kubectl agri resume` continues") }
        if status.failedRevision != nil {
            lines.append(
                "  failed: \(Self.failure(status)); released again only when the spec changes or after "
                    + "`kubectl agri retry`"
            )
        }
        if let migration = status.migration, let message = migration.message {
            lines.append("  migration \(migration.job) \(migration.state): \(message)")
        }
        let measurements = status.analysis?.measurements ?? []
        if !measurements.isEmpty {
            var header = ["CHECK", "RESULT", "VALUE", "LIMIT", "AGE"]
            if wide { header.append("MESSAGE") }
            var table = TextTable(header: header)
            for measurement in measurements {
                var row = [
                    measurement.name, measurement.result.rawValue, measurement.value.map(Self.number) ?? "-",
                    measurement.threshold ?? "-", HumanDuration.text(now.timeIntervalSince(measurement.time.date)),
                ]
                if wide { row.append(measurement.message ?? "") }
                table.append(row)
            }
            lines.append(table.rendered(indent: "  ").dropLast().description)
        }
        guard status.message != nil || !lines.isEmpty else { return nil }
        let name =
            showsNamespace
            ? "\(rollout.namespace)/\(rollout.platform)/\(rollout.service)"
            : "\(rollout.platform)/\(rollout.service)"
        let title = "\(name): \(status.message ?? status.phase?.rawValue ?? "no release recorded")"
        return ([title] + lines).joined(separator: "\n") + "\n"
    }

    /// The canary step as `k/n`, `-` for other strategies.
    package static func step(_ rollout: ServiceRollout) -> String {
        guard rollout.strategy == .canary, let steps = rollout.steps else { return "-" }
        let index = Int(rollout.rollout?.currentStepIndex ?? 0)
        return "\(min(max(index, 0), steps))/\(steps)"
    }

    /// The first ``revisionDigits`` characters of `revision`, or `-`.
    package static func short(_ revision: String?) -> String {
        guard let revision, !revision.isEmpty else { return "-" }
        return String(revision.prefix(revisionDigits))
    }

    /// A measured value with about three significant digits and no exponent: `7.2`, `0.0123`, `1235`.
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = min(max(2 - magnitude, 0), 6)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    private static func failure(_ status: RolloutStatus?) -> String {
        guard let failed = status?.failedRevision else { return "-" }
        return status?.failureReason.map { "\(short(failed)) (\($0))" } ?? short(failed)
    }
}
