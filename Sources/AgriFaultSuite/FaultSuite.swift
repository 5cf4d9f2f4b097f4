import Foundation

/// Runs the fault scenarios one after another and returns the summary table's rows.
///
/// ```swift
/// let rows = await FaultSuite.run(size: .ci, filter: "watch") { print($0) }
/// print(SummaryTable.render(rows))
/// ```
public enum FaultSuite: Sendable {
    /// Runs every scenario whose name contains `filter` (case-insensitive), in order; without a filter, the default
    /// set (every scenario but those showing a known issue).
    ///
    /// - Parameters:
    ///   - size: ``FaultSuiteSize/ci`` or ``FaultSuiteSize/full``.
    ///   - filter: A part of a scenario's name.
    ///   - seed: Chooses the CI kill points.
    ///   - progress: Called with a line after each run.
    /// - Returns: One row per scenario run.
    public static func run(
        size: FaultSuiteSize,
        filter: String? = nil,
        seed: UInt64 = 0,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async -> [ScenarioRow] {
        var rows: [ScenarioRow] = []
        for scenario in scenarios(matching: filter) {
            let clock = ContinuousClock()
            let start = clock.now
            let outcomes = await scenario.body(size, seed, progress)
            rows.append(ScenarioRow(fault: scenario.name, outcomes: outcomes, duration: clock.now - start))
        }
        return rows
    }

    /// The names of the scenarios `filter` selects.
    public static func scenarioNames(matching filter: String? = nil) -> [String] {
        scenarios(matching: filter).map(\.name)
    }

    static func scenarios(matching filter: String?) -> [FaultScenario] {
        guard let filter, !filter.isEmpty else { return FaultScenario.all.filter(\.isDefault) }
        return FaultScenario.all.filter { $0.name.localizedCaseInsensitiveContains(filter) }
    }
}
