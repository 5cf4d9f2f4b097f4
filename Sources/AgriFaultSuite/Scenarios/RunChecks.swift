import KubeClient
import KubeCore

/// The checks every scenario run ends with: data-bearing objects, the operator's deletes, and its releases.
struct RunChecks {
    let world: FaultWorld
    let record: ClusterObserver.Record

    /// The UID per `resource/name` of every PVC and Secret now.
    func finalDataObjects() async throws -> [String: String] {
        var final: [String: String] = [:]
        let namespace = FaultWorld.namespace
        for claim in try await world.client.list(PersistentVolumeClaim.self, namespace: namespace).items {
            final["persistentvolumeclaims/\(claim.metadata.name ?? "")"] = claim.metadata.uid
        }
        for secret in try await world.client.list(Secret.self, namespace: namespace).items {
            final["secrets/\(secret.metadata.name ?? "")"] = secret.metadata.uid
        }
        return final
    }

    /// The outcome of a run that converged (or not): data lost, unexpected deletes by any operator, releases rolled
    /// back or promoted twice, steps repeated, and — with `everyVersionSeen` — steps skipped.
    func outcome(converged: Bool, everyVersionSeen: Bool, extra: [String] = []) async -> RunOutcome {
        var violations = extra
        let lost = DataObjectChecks.lostOrRecreated(
            seen: record.dataObjects,
            final: (try? await finalDataObjects()) ?? [:]
        )
        violations += lost
        let deletes = RequestLogChecks.unexpectedDeletes(in: world.requests, by: FaultWorld.operatorAgent)
        violations += deletes.map { "unexpected delete: \($0.description)" }
        var wrongRollbacks = 0
        for (key, snapshots) in record.releases.sorted(by: { $0.key < $1.key }) {
            let rollbacks = ReleaseTrace.rollbacks(snapshots) + ReleaseTrace.doublePromotions(snapshots)
            wrongRollbacks += rollbacks.count
            violations += rollbacks.map { "\(key): \($0)" }
            violations += ReleaseTrace.repeatedSteps(snapshots).map { "\(key): \($0)" }
            if everyVersionSeen { violations += ReleaseTrace.skippedSteps(snapshots).map { "\(key): \($0)" } }
            if ReleaseTrace.blueGreenPromotions(snapshots) > 1 {
                violations.append(
                    "\(key): the preview was promoted \(ReleaseTrace.blueGreenPromotions(snapshots)) times"
                )
            }
        }
        if !converged { violations.append("did not converge") }
        return RunOutcome(
            converged: converged,
            dataLost: lost.count,
            wrongDeletes: deletes.count,
            wrongRollbacks: wrongRollbacks,
            violations: violations
        )
    }
}
