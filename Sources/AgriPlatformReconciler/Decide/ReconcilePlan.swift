import AgriPlatformAPI
import AgriPlatformRollout
import KubeCore

/// What one reconcile will do, decided from an observation without any I/O: the second step
/// (observe → **decide** → act).
struct ReconcilePlan: Sendable {
    /// Why nothing may be touched: the spec failed validation or could not be rendered.
    var specProblems: SpecProblems?
    /// Whether the platform is paused (nothing is applied or deleted, status is still written).
    var isPaused: Bool
    /// Every object the spec renders, in apply order (empty when the spec is invalid).
    var desired: [DynamicObject]
    /// The desired objects an apply would change: missing, drifted, or changed in the spec. Empty while paused.
    var applies: [DynamicObject]
    /// The keys of every desired object whose observed object does not hold exactly our fields, paused or not:
    /// the status reads it, so each desired object is compared once per reconcile.
    var outOfDate: Set<ChildKey>
    /// Owned children no longer desired. Never PersistentVolumeClaims: the reconciler does not own those.
    var deletions: [ObservedChild]
    /// Desired objects we must not touch because another controller owns an object of that name.
    var conflicts: [ChildFailure]
    /// What was decided about datastores: statuses, Secrets to generate, objects held back, refused scale-downs.
    var datastores: DatastoreDecision?
    /// What each service's release decided: its rollout status, the shape rendered, one-off actions.
    var releases = ReleaseDecisions()
    /// One-off release actions to carry out, with the rendered stable Deployment each restore starts from.
    var releaseActions: [PlannedReleaseAction] = []

    /// Generated Secrets to create before anything is applied (none while paused or invalid).
    var secretsToCreate: [String] { isPaused ? [] : datastores?.secretsToCreate ?? [] }

    /// Whether the plan changes any child object.
    var changesChildren: Bool {
        !applies.isEmpty || !deletions.isEmpty || !secretsToCreate.isEmpty
            || releaseActions.contains { $0.changesChildren }
    }
}

/// Every problem that stops a spec from being applied, with the condition reason that reports them.
struct SpecProblems: Sendable, Hashable {
    /// `ValidationFailed` or `RenderFailed`.
    var reason: ConditionReason
    /// One line per problem: `spec.services[0].image: must not be empty`.
    var problems: [String]

    /// The condition and Event message: every problem, then what to do.
    var message: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "The spec has \(count); nothing was changed. Fix the spec and apply it again: "
            + problems.joined(separator: "; ")
    }
}

/// A child object that could not be brought to its desired state, and why.
struct ChildFailure: Sendable, Hashable {
    /// Which object.
    var key: ChildKey
    /// `ApplyFailed` or `NameConflict`.
    var reason: ConditionReason
    /// What went wrong and what to do, naming the object.
    var message: String
}

/// A release action of one service, ready for the act step.
struct PlannedReleaseAction: Sendable, Hashable {
    /// The service.
    var service: String
    /// The action.
    var action: ReleaseAction
    /// For a restore: the stable Deployment as rendered, whose pod template the restore replaces.
    var deployment: DynamicObject?

    /// Whether carrying it out changes a child object (an Event does not).
    var changesChildren: Bool {
        if case .event = action { return false }
        return true
    }
}
