/// The outcome of running one probe's checks (``HealthChecks/run(_:excluding:)``).
public struct HealthReport: Sendable, Hashable {
    /// One check's outcome.
    public struct Entry: Sendable, Hashable {
        /// The check's name.
        public var name: String
        /// Its outcome; passing when excluded.
        public var status: HealthChecks.Status
        /// Whether the check was skipped on request.
        public var isExcluded: Bool

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - name: The check's name.
        ///   - status: Its outcome.
        ///   - isExcluded: Whether it was skipped.
        public init(name: String, status: HealthChecks.Status, isExcluded: Bool = false) {
            self.name = name
            self.status = status
            self.isExcluded = isExcluded
        }
    }

    /// Every check's outcome, sorted by name.
    public var entries: [Entry]
    /// Names asked to be excluded that match no check, sorted.
    public var unknownExclusions: [String]

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - entries: Every check's outcome.
    ///   - unknownExclusions: Names asked to be excluded that match no check.
    public init(entries: [Entry], unknownExclusions: [String] = []) {
        self.entries = entries
        self.unknownExclusions = unknownExclusions
    }

    /// Whether every check passed.
    public var isHealthy: Bool { entries.allSatisfy(\.status.isHealthy) }

    /// The names of the failing checks.
    public var failingNames: [String] { entries.filter { !$0.status.isHealthy }.map(\.name) }
}
