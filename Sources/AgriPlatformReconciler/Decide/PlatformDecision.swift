import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore

/// Decides what a reconcile does: validate, render, then compare each desired object with the fields we own in
/// the observed one. Pure: the same observation always gives the same plan.
enum PlatformDecision {
    /// The plan for `observation` on a cluster described by `context`.
    ///
    /// - An invalid spec (validation errors, or a render error) plans nothing: no child is created, changed or
    ///   deleted, and the problems are reported.
    /// - A paused platform applies and deletes nothing either; which objects are out of date is still worked out,
    ///   for its status.
    /// - Otherwise each desired object is applied unless the observed object already holds exactly the fields we
    ///   would apply (zero writes at steady state); objects controlled by another owner are left alone and
    ///   reported; owned children no longer rendered are deleted.
    /// - Datastores come first (see ``DatastoreDecision``): generated Secrets to create, services held back until
    ///   the datastores they use are ready, scale-downs kept safe; held objects are neither applied nor pruned.
    /// - Then each service's release (see ``ReleaseDecisions`` and `ReleaseMachine`): the spec is rendered again
    ///   with each release's shape (canary and preview Deployments, the active selector, traffic weights), and a
    ///   stable Deployment a release holds is neither applied nor pruned.
    static func plan(
        for observation: PlatformObservation,
        context: RenderContext,
        now: Date = Date(timeIntervalSince1970: 0)
    ) -> ReconcilePlan {
        let platform = observation.platform
        var plan = ReconcilePlan(
            specProblems: nil,
            isPaused: platform.isPaused,
            desired: [],
            applies: [],
            outOfDate: [],
            deletions: [],
            conflicts: [],
            datastores: nil
        )
        let errors = platform.validate()
        guard errors.isEmpty else {
            plan.specProblems = SpecProblems(reason: .validationFailed, problems: errors.map(\.description))
            return plan
        }
        do {
            plan.desired = try PlatformRenderer(context: context).render(platform)
        } catch {
            plan.specProblems = SpecProblems(reason: .renderFailed, problems: [error.description])
            return plan
        }
        let renderer = PlatformRenderer(context: context)
        let releases = ReleaseDecisions.decide(observation, desired: plan.desired, now: now)
        plan.releases = releases
        let shapes = releases.shapes
        if shapes.values.contains(where: { $0 != .steady }) {
            do {
                plan.desired = try renderer.render(platform, releases: shapes)
            } catch {
                plan.specProblems = SpecProblems(reason: .renderFailed, problems: [error.description])
                return plan
            }
        }
        let datastores = DatastoreDecision.decide(observation, desired: plan.desired) { variant in
            try? renderer.render(variant, releases: shapes)
        }
        plan.desired = datastores.desired
        plan.datastores = datastores
        let held = datastores.held.union(releases.held)
        let desiredByKey = Dictionary(plan.desired.map { (ChildKey(of: $0.json), $0) }) { first, _ in first }
        let name = platform.metadata.name ?? ""
        for service in platform.spec.services {
            for action in releases.decisions[service.name]?.actions ?? [] {
                var planned = PlannedReleaseAction(service: service.name, action: action)
                if case .restoreStable = action {
                    let key = ChildKey(
                        group: "apps",
                        kind: "Deployment",
                        name: ReleaseNames.stable(platform: name, service: service.name)
                    )
                    planned.deployment = desiredByKey[key]
                }
                plan.releaseActions.append(planned)
            }
        }
        var desiredKeys = Set<ChildKey>()
        for object in plan.desired {
            let key = ChildKey(of: object.json)
            desiredKeys.insert(key)
            guard !held.contains(key) else {
                // A stable Deployment held by its release is out of date on purpose; say so, apply nothing.
                if releases.held.contains(key), observation.children[key]?.isApplied(object.json) != true {
                    plan.outOfDate.insert(key)
                }
                continue
            }
            guard let observed = observation.children[key] else {
                plan.outOfDate.insert(key)
                if !plan.isPaused { plan.applies.append(object) }
                continue
            }
            if let owner = observed.controllerUID, owner != observation.platformUID {
                plan.conflicts.append(
                    ChildFailure(
                        key: key,
                        reason: .nameConflict,
                        message: "\(key) already exists and is controlled by another owner (uid \(owner)); "
                            + "rename the service or delete that object"
                    )
                )
                continue
            }
            // An object being deleted is recreated once it is gone (its deletion queues this platform again).
            guard !observed.isApplied(object.json) else { continue }
            plan.outOfDate.insert(key)
            if observed.metadata.deletionTimestamp == nil, !plan.isPaused { plan.applies.append(object) }
        }
        guard !plan.isPaused else {
            plan.releaseActions.removeAll { $0.changesChildren }
            return plan
        }
        // PersistentVolumeClaims are never pruned: an owned one (reclaimPolicy Delete) goes only with the platform,
        // through the garbage collector.
        // A migration Job still running is not pruned when the spec moves on: stopping a schema migration half-way
        // is worse than letting it finish; it goes once it has finished.
        plan.deletions =
            observation.ownedChildren.filter {
                !desiredKeys.contains($0.key) && $0.metadata.deletionTimestamp == nil
                    && $0.key.kind != "PersistentVolumeClaim" && !Self.isRunningMigration($0)
            } + datastores.failedJobs
        return plan
    }

    /// Whether `child` is a service's migration Job that has neither completed nor failed.
    static func isRunningMigration(_ child: ObservedChild) -> Bool {
        guard child.key.kind == "Job",
            child.metadata.labels?[PlatformLabels.component] == PlatformLabels.Component.migration
        else { return false }
        let conditions = child.decodedStatus(as: JobStatus.self)?.conditions ?? []
        return !conditions.contains { ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True" }
    }
}
