public import AgriPlatformAPI
import AgriPlatformRender
public import Foundation
import KubeCore

/// The rollout state machine: `(previous status, observation, now) → (next status, shape, actions)`, for one
/// service. Pure: no I/O, no clock, no randomness; the same inputs always give the same decision.
///
/// Everything a release must remember lives in the returned ``RolloutStatus`` (which step, since when, what was
/// measured, which revision failed, which command was handled), so an operator that restarts at any moment and
/// calls ``decide(previous:observation:now:)`` again with the last written status resumes exactly where it was: no
/// step repeated or skipped, no second promotion. Deciding twice from the same observation gives the same status
/// the second time (the machine runs every transition the observation allows in one call).
///
/// One call walks these gates in order; the first that holds decides:
///
/// 1. **Commands**: a new value of the command annotation is handled once (``RolloutCommand``).
/// 2. **Steady**: the spec's revision is the stable one: render as is, phase `Healthy`.
/// 3. **Failed**: the spec's revision failed or was aborted: keep the stable revision (put it back into the stable
///    Deployment if the release had changed it), phase `RolledBack`, until the spec changes or `retry`.
/// 4. **Dependencies**: a release that has not started waits for every `dependsOn` service to finish its own.
/// 5. **Migration**: the revision's migration Job must succeed before any new pod runs.
/// 6. **Strategy**: Rolling, Canary or BlueGreen (each in its own file), all judged by the analysis (built-in
///    health checks of the new pods plus Prometheus measurements) and by the circuit breaker.
public enum ReleaseMachine {
    /// Decides the next step of one service's release.
    /// - Parameters:
    ///   - previous: The service's rollout status as last written (`nil` before the first reconcile).
    ///   - observation: What the reconciler observed.
    ///   - now: The current time.
    /// - Returns: The next status, the shape to render and one-off actions.
    public static func decide(
        previous: RolloutStatus?,
        observation: ReleaseObservation,
        now: Date
    ) -> ReleaseDecision {
        var run = ReleaseRun(previous: previous, observation: observation, now: now)
        run.run()
        run.finish()
        return ReleaseDecision(status: run.status, shape: run.shape, actions: run.actions, recheckAfter: run.recheck)
    }

    /// How often a release in progress is looked at even when nothing changes, in seconds: built-in health checks
    /// measure durations (a pod unready for five minutes) that no watch event announces.
    public static let releaseRecheckSeconds: Double = 15

    /// How long a canary split by an Ingress or Gateway API keeps its pods after an abort, in seconds, so the
    /// traffic has left them before they go (Argo Rollouts' `abortScaleDownDelaySeconds`).
    public static let abortScaleDownDelaySeconds: Double = 30

    /// The circuit breaker's threshold: the spec's `failureThreshold`, else half the desired pods rounded up,
    /// clamped to 3…200 (the ECS deployment circuit breaker's rule).
    public static func failureThreshold(_ rollout: Rollout?, desiredReplicas: Int32) -> Int32 {
        if let threshold = rollout?.rolling?.failureThreshold { return threshold }
        return min(max((desiredReplicas + 1) / 2, 3), 200)
    }
}

/// One decision in progress: the working state ``ReleaseMachine`` threads through its gates.
struct ReleaseRun {
    let observation: ReleaseObservation
    let now: Date
    /// `now` truncated to whole seconds, as status times are stored.
    let time: Time
    let rollout: Rollout?
    let strategy: RolloutStrategyType
    var status: RolloutStatus
    var shape = ReleaseShape.steady
    var actions: [ReleaseAction] = []
    var recheck: Double?
    /// A promote or promote-full command waiting for the strategy to use it.
    var promotion: RolloutCommand?
    /// Why the analysis holds the release (no data, when the analysis says to pause), if it does.
    var analysisPause: String?
    /// The analysis verdict of this decision, once judged.
    var verdict: AnalysisJudge.Verdict?

    init(previous: RolloutStatus?, observation: ReleaseObservation, now: Date) {
        self.observation = observation
        self.now = now
        self.time = Time(Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
        self.rollout = observation.service.rollout
        self.strategy = observation.service.rollout?.strategy ?? Defaults.Rollout.strategy
        self.status = previous ?? RolloutStatus()
    }

    var desired: String { observation.desiredRevision }
    var service: String { observation.service.name }

    mutating func run() {
        status.strategy = strategy
        if adoptStableRevision(), status.stableRevision != desired {
            // Write the stable revision down before changing anything, so an operator that stops right after the
            // first change still knows what to roll back to.
            hold(message: "Revision \(short(status.stableRevision ?? "")) is stable; releasing \(short(desired)) next.")
            shape.runsMigration = false
            requestRecheck(after: 1)
            return
        }
        handleCommand()
        if status.stableRevision == desired {
            steady()
            return
        }
        if status.failedRevision == desired {
            holdFailed()
            return
        }
        beginIfNew()
        if waitsForDependencies() { return }
        if waitsForMigration() { return }
        guard status.stableRevision != nil else {
            initialRelease()
            return
        }
        switch strategy {
        case .canary: canary()
        case .blueGreen: blueGreen()
        default: rolling()
        }
    }

    /// Learns the stable revision from the stable Deployment when the status does not know it yet (the first
    /// reconcile, or an operator upgraded from a version without release status); returns whether it did.
    ///
    /// Only a complete Deployment is adopted: one in the middle of a rollout may run a revision that is failing, and
    /// calling it stable would hide that. Without adoption the release is treated as a first one (judged, and
    /// reported degraded rather than rolled back, since the previous revision is unknown).
    mutating func adoptStableRevision() -> Bool {
        guard status.stableRevision == nil, let stable = observation.stable, let revision = stable.revision,
            stable.isComplete
        else { return false }
        status.stableRevision = revision
        recordCompleted(revision)
        return true
    }

    // MARK: Steady and failed

    /// The spec's revision is stable: no release, render as is.
    mutating func steady() {
        shape = .steady
        status.desiredRevision = desired
        status.candidateReplicas = nil
        status.canaryWeight = nil
        status.scaleDownAt = nil
        if status.failedRevision != nil, status.failedRevision != desired {
            // The spec went back to the stable revision: the failure is over.
            status.failedRevision = nil
            status.failureReason = nil
        }
        status.phase = .healthy
        let stable = observation.stable
        if let stable, stable.revision == desired, !stable.isComplete {
            status.message =
                "Revision \(short(desired)) is stable; \(stable.readyReplicas)/\(stable.specReplicas) pods ready."
        } else {
            status.message = "Revision \(short(desired)) is stable."
        }
    }

    /// The spec's revision failed or was aborted: the stable revision serves; put its template back if the release
    /// had changed the stable Deployment.
    mutating func holdFailed() {
        let stableRevision = status.stableRevision
        // The stable revision's pods serve only once its Deployment is complete: until a restore finishes, the main
        // Service must select every pod rather than a revision without ready pods.
        let stableServes = observation.stable?.revision == stableRevision && observation.stable?.isComplete == true
        let stableUntouched = observation.stable?.revision == stableRevision
        shape = ReleaseShape(appliesStable: false)
        if let stableRevision, let stable = observation.stable, stable.revision != stableRevision {
            actions.append(.restoreStable(revision: stableRevision))
        }
        if let rerun = migrationToRerun { actions.append(.rerunMigration(job: rerun)) }
        // A canary split by an Ingress or Gateway API, or a promoted blue-green preview, keeps its pods a little
        // longer (receiving no traffic), so requests in flight finish before they go. Only while the stable
        // Deployment still runs the stable revision: otherwise the main Service selects every pod, theirs too.
        if let scaleDownAt = status.scaleDownAt?.date, scaleDownAt > now, stableUntouched,
            let role = candidateRole, let replicas = status.candidateReplicas
        {
            shape.candidate = .init(role: role, replicas: replicas)
            requestRecheck(after: scaleDownAt.timeIntervalSince(now))
        }
        if stableServes, strategy == .blueGreen || usesTrafficRouting {
            shape.activeRevision = stableRevision
        }
        status.canaryWeight = strategy == .canary && shape.candidate != nil ? 0 : nil
        if shape.candidate == nil { status.candidateReplicas = nil }
        let reason = status.failureReason ?? "Failed"
        let failed = short(desired)
        if reason == FailureReason.migrationFailed {
            status.phase = .degraded
            status.message =
                "The migration of revision \(failed) failed, so no pod of it started"
                + (stableRevision.map { "; revision \(short($0)) keeps serving" } ?? "")
                + ". Fix the migration and change the spec, or run kubectl agri retry \(service)."
            return
        }
        status.phase = .rolledBack
        let back = stableRevision.map { "revision \(short($0)) serves again" } ?? "nothing was running before it"
        let restoring =
            stableServes || observation.stable == nil
            ? "" : " once the stable Deployment is restored (\(observation.stable.map(readiness(of:)) ?? ""))"
        status.message =
            "Revision \(failed) was rolled back (\(reason)): \(back)\(restoring). "
            + "Change the spec to release a new revision, or run kubectl agri retry \(service)."
    }

    // MARK: Gates

    /// Resets the release's memory when the spec names a revision the status has not seen yet.
    mutating func beginIfNew() {
        guard status.desiredRevision != desired else { return }
        if status.promotedAt != nil, let previous = status.desiredRevision, observation.stable?.revision == previous,
            observation.stable?.isComplete == true
        {
            // The previous release was promoted and its revision already runs in the stable Deployment: it is the
            // stable revision the new release starts from.
            recordCompleted(previous)
            status.stableRevision = previous
        }
        resetRelease()
        let image = observation.service.image
        let from = status.stableRevision.map { " replacing \(short($0))" } ?? ""
        event(
            "ReleaseStarted",
            "Releasing revision \(short(desired)) (\(image))\(from) with strategy \(strategy.rawValue)."
        )
    }

    /// Forgets the previous release: the spec's revision starts from its first step.
    mutating func resetRelease() {
        status.desiredRevision = desired
        status.startedAt = nil
        status.progressedAt = time
        status.currentStepIndex = strategy == .canary ? 0 : nil
        status.stepStartedAt = nil
        status.canaryWeight = strategy == .canary ? 0 : nil
        status.candidateReplicas = nil
        status.previewReadyAt = nil
        status.promotedAt = nil
        status.scaleDownAt = nil
        status.analysis = nil
        status.migration = nil
        status.failedRevision = nil
        status.failureReason = nil
    }

    /// Holds a release that has not started while a dependency is still releasing, or while a person paused it.
    mutating func waitsForDependencies() -> Bool {
        guard status.startedAt == nil else { return false }
        let pending = observation.pendingDependencies
        guard pending.isEmpty, status.pausedByUser != true else {
            shape = ReleaseShape(appliesStable: false, runsMigration: false)
            if status.pausedByUser == true {
                status.phase = .paused
                status.message =
                    "Revision \(short(desired)) waits to start: paused by a user (kubectl agri resume \(service))."
            } else {
                status.phase = .progressing
                status.message =
                    "Revision \(short(desired)) waits until \(pending.joined(separator: ", ")) finished releasing "
                    + "(dependsOn); a dependency whose release failed holds it until that one succeeds."
            }
            return true
        }
        status.startedAt = time
        status.progressedAt = time
        status.stepStartedAt = time
        return false
    }

    /// Holds every new pod until the revision's migration Job succeeded; a failed migration fails the release
    /// without rolling anything back in the database.
    mutating func waitsForMigration() -> Bool {
        guard observation.service.migration != nil else { return false }
        guard let job = observation.migration else {
            hold(message: "Revision \(short(desired)) waits for its migration Job to be created.")
            return true
        }
        let previous = status.migration?.state
        if previous == MigrationStatus.retrying, job.outcome == .failed {
            // The failed Job is being deleted so that it runs again.
            actions.append(.rerunMigration(job: job.name))
            hold(message: "Revision \(short(desired)) waits for its migration Job \(job.name) to run again.")
            return true
        }
        status.migration = MigrationStatus(job: job.name, state: job.outcome.rawValue, message: job.message)
        switch job.outcome {
        case .succeeded:
            if previous != JobState.Outcome.succeeded.rawValue {
                status.progressedAt = time
                event("MigrationSucceeded", "Migration Job \(job.name) of revision \(short(desired)) succeeded.")
            }
            return false
        case .running:
            hold(message: "Revision \(short(desired)) waits for its migration Job \(job.name) to succeed.")
            return true
        case .failed:
            status.failedRevision = desired
            status.failureReason = FailureReason.migrationFailed
            warning(
                "MigrationFailed",
                "Migration Job \(job.name) of revision \(short(desired)) failed"
                    + (job.message.map { ": \($0)" } ?? "") + ". No pod of the revision was started; "
                    + "nothing is rolled back in the database."
            )
            holdFailed()
            return true
        }
    }

    /// Renders nothing new: the stable Deployment keeps what it runs, no candidate.
    mutating func hold(message: String) {
        shape = ReleaseShape(appliesStable: false)
        status.phase = .progressing
        status.message = message
    }

    /// The first revision of a service (nothing stable to protect or roll back to): applied like a rolling
    /// update whatever the strategy, as Argo Rollouts does.
    mutating func initialRelease() {
        shape = ReleaseShape(appliesStable: true)
        guard let stable = observation.stable, stable.revision == desired else {
            status.phase = .progressing
            status.message = "Creating revision \(short(desired))."
            return
        }
        if stable.isComplete {
            complete()
            return
        }
        if let failure = failureSignal(of: stable, checkAnalysis: true) {
            degrade(failure)
            return
        }
        requestRecheck(after: ReleaseMachine.releaseRecheckSeconds)
        status.phase = .progressing
        status.message = "Starting revision \(short(desired)): \(readiness(of: stable))."
    }

    // MARK: Outcomes

    /// The release is done: the desired revision is stable.
    mutating func complete() {
        recordCompleted(desired)
        status.stableRevision = desired
        status.pausedByUser = nil
        event("ReleaseCompleted", "Revision \(short(desired)) (\(observation.service.image)) is stable.")
        steady()
    }

    /// Adds `revision` to the front of the history.
    mutating func recordCompleted(_ revision: String) {
        var history = (status.history ?? []).filter { $0.revision != revision }
        let image =
            revision == desired ? observation.service.image : status.history?.first { $0.revision == revision }?.image
        history.insert(RevisionRecord(revision: revision, image: image, completedAt: time), at: 0)
        status.history = Array(history.prefix(RolloutStatus.historyLimit))
    }

    /// The release failed: roll back when there is something to roll back to and the strategy allows it,
    /// otherwise report the service degraded and keep going.
    mutating func fail(_ failure: Failure) {
        let rollsBack =
            status.stableRevision != nil
            && (strategy != .rolling || rollout?.rolling?.rollbackOnFailure ?? true)
        guard rollsBack else {
            degrade(failure)
            return
        }
        markFailed(failure.reason)
        let to = status.stableRevision.map { " Rolling back to revision \(short($0))." } ?? ""
        warning(failure.reason == FailureReason.aborted ? "Aborted" : "RolledBack", failure.message + to)
        holdFailed()
    }

    /// Marks the spec's revision failed for `reason`. A canary split by an Ingress or Gateway API keeps its pods
    /// (at weight 0) for ``ReleaseMachine/abortScaleDownDelaySeconds`` so traffic leaves them before they go.
    mutating func markFailed(_ reason: String) {
        status.failedRevision = desired
        status.failureReason = reason
        let candidateServes = usesTrafficRouting || (strategy == .blueGreen && status.promotedAt != nil)
        if candidateServes, status.candidateReplicas != nil {
            status.scaleDownAt = Time(now.addingTimeInterval(ReleaseMachine.abortScaleDownDelaySeconds))
        } else {
            status.scaleDownAt = nil
        }
    }

    /// The candidate Deployment's role for this strategy.
    var candidateRole: ReleaseShape.Role? {
        switch strategy {
        case .canary: .canary
        case .blueGreen: .preview
        default: nil
        }
    }

    /// A failed migration Job that `retry` asked to run again and that still exists as failed: deleted (again)
    /// until it is gone, whatever happened to an earlier attempt.
    var migrationToRerun: String? {
        guard status.migration?.state == MigrationStatus.retrying, observation.migration?.outcome == .failed else {
            return nil
        }
        return observation.migration?.name
    }

    /// A failure without a rollback: reported once, the release keeps running.
    mutating func degrade(_ failure: Failure) {
        if status.failureReason != failure.reason {
            status.failureReason = failure.reason
            warning("ReleaseDegraded", failure.message + " Not rolled back: " + noRollbackReason + ".")
        }
        requestRecheck(after: ReleaseMachine.releaseRecheckSeconds)
        status.phase = .degraded
        status.message = failure.message + " Not rolled back: " + noRollbackReason + "."
    }

    var noRollbackReason: String {
        status.stableRevision == nil
            ? "there is no earlier revision" : "rollout.rolling.rollbackOnFailure is false"
    }

    // MARK: Helpers

    /// Whether a canary's traffic is split by an Ingress or Gateway API instead of pod counts.
    var usesTrafficRouting: Bool {
        let routing = rollout?.canary?.trafficRouting ?? Defaults.Rollout.trafficRouting
        return strategy == .canary && routing != Defaults.Rollout.trafficRouting
    }

    /// The stable Deployment's pod count now: the HPA's choice when autoscaled.
    var stableReplicas: Int32 {
        observation.stable?.specReplicas ?? observation.desiredReplicas
    }

    mutating func requestRecheck(after seconds: Double) {
        let seconds = max(seconds, 1)
        recheck = min(recheck ?? seconds, seconds)
    }

    mutating func event(_ reason: String, _ note: String) {
        actions.append(.event(ReleaseEvent(isWarning: false, reason: reason, service: service, note: note)))
    }

    mutating func warning(_ reason: String, _ note: String) {
        actions.append(.event(ReleaseEvent(isWarning: true, reason: reason, service: service, note: note)))
    }

    func readiness(of workload: WorkloadState) -> String {
        "\(workload.updatedReplicas)/\(workload.specReplicas) pods updated, \(workload.readyReplicas) ready"
    }

    func short(_ revision: String) -> String { String(revision.prefix(8)) }
}

/// Why a release failed: a reason word and a sentence.
struct Failure: Hashable {
    var reason: String
    var message: String
}

/// The reason words of ``RolloutStatus/failureReason``.
enum FailureReason {
    static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    static let circuitBreaker = "CircuitBreaker"
    static let cannotStart = "CannotStart"
    static let analysisFailed = "AnalysisFailed"
    static let migrationFailed = "MigrationFailed"
    static let aborted = "Aborted"
    static let undone = "UndoneByUser"
}
