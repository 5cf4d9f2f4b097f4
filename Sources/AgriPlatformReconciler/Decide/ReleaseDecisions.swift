import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore

/// The release of every service in one reconcile: builds each service's ``ReleaseObservation`` from the
/// platform's observation, runs the rollout state machine, and collects what it decided. Pure.
///
/// Services are decided in `dependsOn` order, so a service sees in this very reconcile whether the services it
/// depends on have finished their own release.
struct ReleaseDecisions: Sendable {
    /// Each service's decision, by service name.
    var decisions: [String: ReleaseDecision] = [:]

    /// The shapes to render, by service name.
    var shapes: [String: ReleaseShape] { decisions.mapValues(\.shape) }

    /// The stable Deployments a release holds: neither applied nor pruned.
    var held: Set<ChildKey> = []

    /// The soonest a release needs another look, in seconds.
    var recheckAfter: Double? {
        decisions.values.compactMap(\.recheckAfter).min()
    }

    /// Whether a release's memory changes in this reconcile (anything but its phase and message): then the
    /// status is written before the act step changes the world.
    func commits(since previous: AgriPlatformStatus?) -> Bool {
        func memory(_ status: RolloutStatus?) -> RolloutStatus? {
            var status = status
            status?.phase = nil
            status?.message = nil
            return status
        }
        return decisions.contains { name, decision in
            memory(decision.status) != memory(previous?.services?.first { $0.name == name }?.rollout)
        }
    }

    /// Decides every service's release.
    /// - Parameters:
    ///   - observation: The platform and its children.
    ///   - desired: The objects the spec renders without a release (their Deployments carry the revisions).
    ///   - now: The current time.
    static func decide(_ observation: PlatformObservation, desired: [DynamicObject], now: Date) -> Self {
        let platform = observation.platform
        let name = platform.metadata.name ?? ""
        var desiredByKey: [ChildKey: JSONValue] = [:]
        for object in desired { desiredByKey[ChildKey(of: object.json)] = object.json }
        var result = Self()
        for service in dependencyOrder(platform.spec.services) {
            let stableName = ReleaseNames.stable(platform: name, service: service.name)
            let stableKey = ChildKey(group: "apps", kind: "Deployment", name: stableName)
            guard let deployment = desiredByKey[stableKey],
                let revision = deployment[path: ["metadata", "annotations"]]?[ReleaseLabels.revision]?.stringValue
            else { continue }
            let stable = observation.children[stableKey].map(workload)
            let candidate = ReleaseNames.candidateRole(of: service).flatMap { role in
                observation.children[
                    ChildKey(
                        group: "apps",
                        kind: "Deployment",
                        name: ReleaseNames.candidate(platform: name, service: service.name, role: role)
                    )
                ].map(workload)
            }
            let migration = desiredByKey.first { key, _ in
                key.kind == "Job" && key.name.hasPrefix("\(stableName)-migrate-\(revision.prefix(10))")
            }.flatMap { key, _ in observation.children[key].map { job(key.name, $0) } }
            let autoscaled = service.autoscaling != nil
            let desiredReplicas =
                autoscaled
                ? (stable?.specReplicas ?? service.autoscaling?.minReplicas ?? Defaults.replicas)
                : (service.replicas ?? Defaults.replicas)
            let pending = (service.dependsOn ?? []).filter { dependency in
                guard let decided = result.decisions[dependency] else { return false }
                return decided.status.phase != .healthy
                    || decided.status.stableRevision != decided.status.desiredRevision
            }
            let releaseObservation = ReleaseObservation(
                service: service,
                desiredRevision: revision,
                desiredReplicas: desiredReplicas,
                stable: stable,
                candidate: candidate,
                pods: observation.pods[service.name] ?? [],
                migration: service.migration == nil ? nil : migration,
                measurements: observation.measurements[service.name] ?? [],
                command: platform.rolloutCommandValue(service: service.name),
                pendingDependencies: pending
            )
            let previous = platform.status?.services?.first { $0.name == service.name }?.rollout
            let decision = ReleaseMachine.decide(previous: previous, observation: releaseObservation, now: now)
            result.decisions[service.name] = decision
            if !decision.shape.appliesStable { result.held.insert(stableKey) }
        }
        return result
    }

    /// Services with every `dependsOn` before its dependents (validation rules out cycles; a service in a cycle
    /// would simply come last).
    static func dependencyOrder(_ services: [PlatformService]) -> [PlatformService] {
        var ordered: [PlatformService] = []
        var placed: Set<String> = []
        var remaining = services
        let names = Set(services.map(\.name))
        while !remaining.isEmpty {
            let ready = remaining.filter { service in
                (service.dependsOn ?? []).allSatisfy { placed.contains($0) || !names.contains($0) }
            }
            let next = ready.isEmpty ? [remaining[0]] : ready
            for service in next {
                ordered.append(service)
                placed.insert(service.name)
            }
            remaining.removeAll { placed.contains($0.name) }
        }
        return ordered
    }

    /// A Deployment as the state machine sees it.
    static func workload(_ child: ObservedChild) -> WorkloadState {
        let status = child.decodedStatus(as: DeploymentStatus.self)
        let progressing = status?.conditions?.first { $0.type == "Progressing" }
        return WorkloadState(
            revision: child.metadata.annotations?[ReleaseLabels.revision],
            specReplicas: child.specReplicas ?? 1,
            replicas: status?.replicas ?? 0,
            updatedReplicas: status?.updatedReplicas ?? 0,
            readyReplicas: status?.readyReplicas ?? 0,
            availableReplicas: status?.availableReplicas ?? 0,
            observedLatest: (status?.observedGeneration ?? -1) >= (child.metadata.generation ?? 0),
            progressDeadlineExceeded: progressing?.status == "False"
                && progressing?.reason == "ProgressDeadlineExceeded"
        )
    }

    /// A Job as the state machine sees it.
    static func job(_ name: String, _ child: ObservedChild) -> JobState {
        let conditions = child.decodedStatus(as: JobStatus.self)?.conditions ?? []
        if let failed = conditions.first(where: { $0.type == "Failed" && $0.status == "True" }) {
            return JobState(name: name, outcome: .failed, message: failed.message ?? failed.reason)
        }
        if conditions.contains(where: { $0.type == "Complete" && $0.status == "True" }) {
            return JobState(name: name, outcome: .succeeded)
        }
        return JobState(name: name, outcome: .running)
    }
}
