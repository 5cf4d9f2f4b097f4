import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import KubeRuntime
import Logging

/// One reconcile of one platform: observe → decide → act, each a call into its own folder.
struct ReconcileStep: Sendable {
    let kinds: [OwnedKind]
    let executor: PlanExecutor
    let renderContext: RenderContext
    let secrets: SecretKeyIndex
    let recorder: EventRecorder
    let wallClock: @Sendable () -> Date

    /// How long to wait when a child's cache has not caught up with our own write.
    static let staleChildDelay: Duration = .milliseconds(100)

    /// An error that makes the work queue retry the platform with backoff after the status already said why.
    struct RefusedWrites: Error, CustomStringConvertible {
        var failures: [ChildFailure]
        var description: String { failures.map(\.message).joined(separator: "; ") }
    }

    func reconcile(
        _ request: ReconcileRequest,
        context: Controller<AgriPlatform>.Context
    ) async throws -> ReconcileResult {
        guard let platform = context.store.get(request.key) else {
            secrets.forget(platform: request.key)
            return .done
        }
        // Being deleted: the garbage collector removes the children through their owner references.
        guard platform.metadata.deletionTimestamp == nil else { return .done }

        // Observe.
        let observation = observe(platform, context: context)
        secrets.record(platform: request.key, secrets: Set(observation.referencedSecrets))

        // Decide.
        let plan = PlatformDecision.plan(for: observation.snapshot, context: renderContext)
        let namespace = platform.metadata.namespace ?? "default"
        let stale = plan.applies.map { ChildKey(of: $0.json) }.filter { key in
            kinds.first { $0.resource.group == key.group && $0.resource.kind == key.kind }?
                .isFresh(context, namespace, key.name) == false
        }
        if !stale.isEmpty {
            context.logger.debug("child cache behind our own write; waiting", metadata: ["object": "\(stale[0])"])
            return .requeue(after: Self.staleChildDelay)
        }

        // Act.
        let outcome = try await executor.carryOut(plan, for: platform, context: context)
        let now = Time(Date(timeIntervalSince1970: wallClock().timeIntervalSince1970.rounded(.down)))
        let status = PlatformStatusBuilder(
            observation: observation.snapshot,
            plan: plan,
            failures: outcome.failures,
            now: now
        ).status()
        if status != platform.status {
            try await executor.writeStatus(status, of: platform, context: context)
        }
        let events = PlatformEvents.events(
            previous: platform.status,
            next: status,
            plan: plan,
            applied: outcome.applied,
            deleted: outcome.deleted,
            generatedSecrets: outcome.generatedSecrets,
            failures: outcome.failures
        )
        for event in events {
            recorder.record(event.type, reason: event.reason, action: event.action, note: event.note, about: platform)
        }
        if !outcome.applied.isEmpty || !outcome.deleted.isEmpty || !outcome.generatedSecrets.isEmpty {
            context.logger.info(
                "reconciled",
                metadata: [
                    "applied": "\(outcome.applied.count)", "deleted": "\(outcome.deleted.count)",
                    "generatedSecrets": "\(outcome.generatedSecrets.count)",
                    "phase": "\(status.phase?.rawValue ?? "")", "generation": "\(platform.metadata.generation ?? 0)",
                ]
            )
        }
        guard outcome.failures.isEmpty else { throw RefusedWrites(failures: outcome.failures) }
        return .done
    }

    /// The observe step: the platform, its cached children and the keys of the Secrets it references.
    func observe(
        _ platform: AgriPlatform,
        context: Controller<AgriPlatform>.Context
    ) -> (snapshot: PlatformObservation, referencedSecrets: [String]) {
        let namespace = platform.metadata.namespace ?? "default"
        var children: [ChildKey: ObservedChild] = [:]
        for kind in kinds {
            for child in kind.observe(context, namespace, platform) { children[child.key] = child }
        }
        let referenced =
            (platform.spec.datastores ?? []).compactMap { $0.external?.secretName }
            + GeneratedSecrets.secretNames(for: platform).values.joined()
        var secretKeys: [String: Set<String>] = [:]
        if let store = context.store(for: Secret.self) {
            for name in referenced {
                if let secret = store.get(ObjectKey(namespace: namespace, name: name)) {
                    secretKeys[name] = Set((secret.data ?? [:]).keys)
                }
            }
        }
        return (PlatformObservation(platform: platform, children: children, secretKeys: secretKeys), referenced)
    }
}
