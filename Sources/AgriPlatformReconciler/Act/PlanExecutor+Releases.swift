import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeClient
import KubeCore
import KubeRuntime

extension PlanExecutor {
    /// Carries out the releases' one-off actions: a restore puts a previous revision's pod template back into the
    /// stable Deployment; a migration rerun deletes the failed Job so the next apply creates it again. Events are
    /// recorded by the caller.
    func carryOutReleaseActions(
        _ actions: [PlannedReleaseAction],
        namespace: String,
        context: Controller<AgriPlatform>.Context,
        into outcome: inout Outcome
    ) async throws {
        for planned in actions {
            switch planned.action {
            case .restoreStable(let revision):
                guard let deployment = planned.deployment else { continue }
                try await restore(deployment, to: revision, namespace: namespace, context: context, into: &outcome)
            case .rerunMigration(let job):
                let key = ChildKey(group: "batch", kind: "Job", name: job)
                var options = DeleteOptions()
                options.propagationPolicy = .background
                do {
                    try await client.delete(Job.resource, name: job, namespace: namespace, options: options)
                    outcome.deleted.append(key)
                } catch let error as KubeError where error.code == .notFound {
                    outcome.deleted.append(key)
                } catch let error as KubeError where !Self.isTransient(error) {
                    outcome.failures.append(Self.failure(key, error, verb: "delete"))
                }
            case .event:
                break
            }
        }
    }

    /// Rolls the stable Deployment back to `revision`, as `kubectl rollout undo` does: the pod template comes from
    /// the Deployment's ReplicaSet of that revision (kept by `revisionHistoryLimit`), without its
    /// `pod-template-hash` label, and is applied over the rendered Deployment with our field manager.
    func restore(
        _ deployment: DynamicObject,
        to revision: String,
        namespace: String,
        context: Controller<AgriPlatform>.Context,
        into outcome: inout Outcome
    ) async throws {
        let key = ChildKey(of: deployment.json)
        let matchLabels = deployment.json[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
        var options = ListOptions()
        options.labelSelector = matchLabels.keys.sorted().map { "\($0)=\(matchLabels[$0]?.stringValue ?? "")" }
            .joined(separator: ",")
        let replicaSets: ObjectList<ReplicaSet>
        do {
            replicaSets = try await client.list(ReplicaSet.self, namespace: namespace, options: options)
        } catch let error as KubeError where !Self.isTransient(error) {
            outcome.failures.append(Self.failure(key, error, verb: "list the ReplicaSets of"))
            return
        }
        let candidates = replicaSets.items.filter { replicaSet in
            replicaSet.spec?.template?.metadata?.annotations?[ReleaseLabels.revision] == revision
                && replicaSet.metadata.ownerReferences?.contains {
                    $0.kind == "Deployment" && $0.name == key.name && $0.controller == true
                } == true
        }
        guard
            let source = candidates.max(by: {
                ($0.metadata.creationTimestamp?.date ?? .distantPast)
                    < ($1.metadata.creationTimestamp?.date ?? .distantPast)
            }),
            let template = source.spec?.template
        else {
            outcome.failures.append(
                ChildFailure(
                    key: key,
                    reason: .applyFailed,
                    message:
                        "cannot roll \(key) back to revision \(revision.prefix(8)): none of its ReplicaSets holds "
                        + "that revision any more; change the spec to a good revision"
                )
            )
            return
        }
        var restored = deployment
        var templateJSON = try JSONValue(encoding: template)
        templateJSON[path: ["metadata", "labels", "pod-template-hash"]] = nil
        templateJSON[path: ["metadata", "creationTimestamp"]] = nil
        restored.json[path: ["spec", "template"]] = templateJSON
        restored.json[path: ["metadata", "annotations", ReleaseLabels.revision]] = .string(revision)
        guard let kind = kinds[KindKey(group: "apps", kind: "Deployment")] else { return }
        do {
            let written = try await client.apply(kind.resource, restored, fieldManager: fieldManager, force: true)
            kind.recordWrite(context, written)
            outcome.applied.append(key)
        } catch let error as KubeError where !Self.isTransient(error) {
            outcome.failures.append(Self.failure(key, error, verb: "roll back"))
        }
    }
}
