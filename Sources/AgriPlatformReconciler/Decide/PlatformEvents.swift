import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import KubeCore
import KubeRuntime

/// An Event the act step records about the platform.
struct PlannedEvent: Sendable, Hashable {
    /// `Normal` or `Warning`.
    var type: EventType
    /// CamelCase, e.g. `InvalidSpec`.
    var reason: String
    /// What was done or failed, e.g. `Apply`.
    var action: String
    /// The human message.
    var note: String
    /// A second object involved, e.g. the Deployment of the service a release event is about.
    var related: ObjectReference?
}

/// Which Events a reconcile records: only for something that happened (objects applied or deleted, a failure, a
/// condition that changed), never for a reconcile that found nothing new — so a steady state writes no Events.
enum PlatformEvents {
    /// The Events for going from `previous` to `next` status with `plan` carried out and `failures` met.
    static func events(
        previous: AgriPlatformStatus?,
        next: AgriPlatformStatus,
        plan: ReconcilePlan,
        applied: [ChildKey],
        deleted: [ChildKey],
        generatedSecrets: [String] = [],
        failures: [ChildFailure]
    ) -> [PlannedEvent] {
        var events: [PlannedEvent] = []
        let before = previous?.conditions ?? []
        let after = next.conditions ?? []

        func changed(_ type: String) -> Condition? {
            guard let now = after[type: type] else { return nil }
            let was = before[type: type]
            return was?.status != now.status || was?.reason != now.reason || was?.message != now.message ? now : nil
        }

        if let invalid = changed(AgriPlatformConditionType.invalidSpec), invalid.status == "True" {
            events.append(
                PlannedEvent(type: .warning, reason: "InvalidSpec", action: "Validate", note: invalid.message ?? "")
            )
        }
        if !applied.isEmpty {
            events.append(
                PlannedEvent(
                    type: .normal,
                    reason: "Applied",
                    action: "Apply",
                    note: "applied " + PlatformStatusBuilder.list(applied.map(\.description))
                )
            )
        }
        if !generatedSecrets.isEmpty {
            events.append(
                PlannedEvent(
                    type: .normal,
                    reason: "CredentialsGenerated",
                    action: "Create",
                    note: "generated Secret " + PlatformStatusBuilder.list(generatedSecrets)
                        + " with random credentials; they are never rotated by the operator"
                )
            )
        }
        let failedBefore = Dictionary(
            (previous?.datastores ?? []).map { ($0.name, $0.lastFailedBackupTime) }
        ) { first, _ in first }
        for datastore in next.datastores ?? [] {
            if let failed = datastore.lastFailedBackupTime, failedBefore[datastore.name] ?? nil != failed {
                events.append(
                    PlannedEvent(
                        type: .warning,
                        reason: "BackupFailed",
                        action: "Backup",
                        note:
                            "the backup of datastore \(datastore.name) scheduled at \(Time.format(failed.date, fractionalDigits: 0)) failed; see the "
                            + "backup Job's logs"
                    )
                )
            }
        }
        if !deleted.isEmpty {
            events.append(
                PlannedEvent(
                    type: .normal,
                    reason: "Pruned",
                    action: "Delete",
                    note: "deleted " + PlatformStatusBuilder.list(deleted.map(\.description))
                        + ": no longer in the spec"
                )
            )
        }
        for failure in failures {
            events.append(
                PlannedEvent(type: .warning, reason: failure.reason.rawValue, action: "Apply", note: failure.message)
            )
        }
        if let degraded = changed(AgriPlatformConditionType.degraded), degraded.status == "True",
            failures.isEmpty
        {
            events.append(
                PlannedEvent(
                    type: .warning,
                    reason: degraded.reason ?? "Degraded",
                    action: "Observe",
                    note: degraded.message ?? ""
                )
            )
        }
        if let ready = changed(AgriPlatformConditionType.ready), ready.status == "True",
            before[type: AgriPlatformConditionType.ready]?.status != "True"
        {
            events.append(PlannedEvent(type: .normal, reason: "Ready", action: "Observe", note: ready.message ?? ""))
        }
        return events
    }

    /// The Events of the releases' state machines, one per release event, each `related` to its service's stable
    /// Deployment (with its UID once it exists).
    ///
    /// Events of the same reason about the same object are one series, whatever their notes (client-go's
    /// events.k8s.io broadcaster, and our `EventAggregator`): three services starting their releases in one
    /// reconcile were one `ReleaseStarted` event, counted three times, with the first service's note. Naming the
    /// service's Deployment as `related` makes each service's events a series of their own.
    static func releaseEvents(_ plan: ReconcilePlan, observation: PlatformObservation) -> [PlannedEvent] {
        let platform = observation.platform.metadata
        return plan.releaseActions.compactMap { planned in
            guard case .event(let event) = planned.action else { return nil }
            let deployment = ReleaseNames.stable(platform: platform.name ?? "", service: event.service)
            return PlannedEvent(
                type: event.isWarning ? .warning : .normal,
                reason: event.reason,
                action: "Release",
                note: "service \(event.service): \(event.note)",
                related: ObjectReference(
                    apiVersion: Deployment.resource.apiVersion,
                    kind: Deployment.resource.kind,
                    namespace: platform.namespace,
                    name: deployment,
                    uid: observation.children[ChildKey(Deployment.resource, name: deployment)]?.metadata.uid
                )
            )
        }
    }
}
