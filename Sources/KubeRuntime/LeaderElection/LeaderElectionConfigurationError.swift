/// Why a ``LeaderElectionStateMachine/Configuration`` was rejected.
public enum LeaderElectionConfigurationError: Error, Hashable, Sendable {
    /// The identity is empty.
    case emptyIdentity
    /// A duration is zero or negative.
    case nonPositiveDuration
    /// `leaseDuration` must be longer than `renewDeadline`.
    case leaseDurationNotAboveRenewDeadline
    /// `renewDeadline` must be longer than `1.2 × retryPeriod` (client-go's `JitterFactor`).
    case renewDeadlineNotAboveRetryPeriod
}
