public import AgriPlatformAPI
public import AgriPlatformRender

/// What the rollout state machine decided for one service: its next status, how to render its workloads, and
/// the few things that are not a desired object.
public struct ReleaseDecision: Sendable, Hashable {
    /// The service's next rollout status.
    public var status: RolloutStatus
    /// How the renderer renders the service's workloads now.
    public var shape: ReleaseShape
    /// One-off actions for the reconciler to carry out.
    public var actions: [ReleaseAction]
    /// Seconds after which the service must be looked at again even if nothing changes (a timed pause ends, a
    /// measurement is due, the scale-down delay runs out, the progress deadline passes); `nil` when only a change
    /// can move the release.
    public var recheckAfter: Double?

    /// Creates a decision.
    public init(status: RolloutStatus, shape: ReleaseShape, actions: [ReleaseAction] = [], recheckAfter: Double? = nil)
    {
        self.status = status
        self.shape = shape
        self.actions = actions
        self.recheckAfter = recheckAfter
    }
}

/// A one-off action of a release.
public enum ReleaseAction: Sendable, Hashable {
    /// Put revision `revision`'s pod template back into the stable Deployment (a rollback of a rolling update,
    /// or `undo`): the template comes from the Deployment's ReplicaSet of that revision, as `kubectl rollout undo`
    /// does. While the spec still names the revision that was rolled back, the machine holds the stable Deployment
    /// (``ReleaseShape/appliesStable`` is `false`) so the restored template stays.
    case restoreStable(revision: String)
    /// Delete the failed migration Job `job` so that it is created and runs again (`kubectl agri retry` after a
    /// failed migration).
    case rerunMigration(job: String)
    /// Record an Event on the platform.
    case event(ReleaseEvent)
}

/// An Event about a release.
public struct ReleaseEvent: Sendable, Hashable {
    /// Whether it is a warning.
    public var isWarning: Bool
    /// The reason: `ReleaseStarted`, `StepCompleted`, `Promoted`, `ReleaseCompleted`, `RolledBack`, `Aborted`,
    /// `AnalysisFailed`, `MigrationFailed`, `CommandHandled`, `CommandRejected`, ….
    public var reason: String
    /// The service it is about.
    public var service: String
    /// What happened and why, naming revisions and measurements.
    public var note: String

    /// Creates an Event.
    public init(isWarning: Bool, reason: String, service: String, note: String) {
        self.isWarning = isWarning
        self.reason = reason
        self.service = service
        self.note = note
    }
}
