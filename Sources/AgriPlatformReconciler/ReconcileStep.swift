import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
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
    /// Takes releases' Prometheus measurements.
    let prometheus: PrometheusAnalysis

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
        var observation = observe(platform, context: context)
        secrets.record(platform: request.key, secrets: Set(observation.referencedSecrets))
        observation.snapshot.measurements = await measurementsDue(for: platform, now: wallClock())

        // Decide.
        let plan = PlatformDecision.plan(for: observation.snapshot, context: renderContext, now: wallClock())
        let namespace = platform.metadata.namespace ?? "default"
        let stale = plan.applies.map { ChildKey(of: $0.json) }.filter { key in
            kinds.first { $0.resource.group == key.group && $0.resource.kind == key.kind }?
                .isFresh(context, namespace, key.name) == false
        }
        if !stale.isEmpty {
            context.logger.debug("child cache behind our own write; waiting", metadata: ["object": "\(stale[0])"])
            return .requeue(after: Self.staleChildDelay)
        }

        // A release's memory (its step, a failed revision, a handled command…) is written before the world
        // changes: an operator that stops between the two then resumes from the new memory and never repeats a
        // step, a rollback or a command.
        let now = Time(Date(timeIntervalSince1970: wallClock().timeIntervalSince1970.rounded(.down)))
        var written = platform.status
        if plan.releases.commits(since: platform.status) {
            let early = PlatformStatusBuilder(
                observation: observation.snapshot,
                plan: plan,
                failures: [],
                now: now,
                prometheusOperatorAvailable: renderContext.prometheusOperatorAvailable
            )
            .status()
            if early != written {
                try await executor.writeStatus(early, of: platform, context: context)
                written = early
            }
        }

        // Act.
        let outcome = try await executor.carryOut(plan, for: platform, context: context)
        let status = PlatformStatusBuilder(
            observation: observation.snapshot,
            plan: plan,
            failures: outcome.failures,
            now: now,
            prometheusOperatorAvailable: renderContext.prometheusOperatorAvailable
        ).status()
        if status != written {
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
        let regarding = ObjectReference(referencing: platform)
        for event in events + PlatformEvents.releaseEvents(plan, observation: observation.snapshot) {
            recorder.record(
                event.type,
                reason: event.reason,
                action: event.action,
                note: event.note,
                regarding: regarding,
                related: event.related
            )
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
        if let seconds = plan.releases.recheckAfter {
            // A release waits on time (a pause, a measurement, the scale-down delay): look again then.
            return .requeue(after: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        }
        return .done
    }

    /// The Prometheus measurements of every release in progress whose analysis is due (read from the status the
    /// last reconcile wrote): part of the observe step, and its only call outside the caches. A first release has
    /// no stable revision to compare with and is judged by the built-in health checks only. Services are measured
    /// concurrently, each query bounded by the client's timeout, so an unreachable Prometheus delays a reconcile by
    /// one timeout at most.
    func measurementsDue(for platform: AgriPlatform, now: Date) async -> [String: [AnalysisMeasurement]] {
        var due: [(service: String, checks: [MetricCheck], baseURL: String)] = []
        for service in platform.spec.services {
            guard let analysis = service.rollout?.analysis, let baseURL = analysis.prometheusURL,
                let rollout = platform.status?.services?.first(where: { $0.name == service.name })?.rollout,
                let revision = rollout.desiredRevision, let stable = rollout.stableRevision, revision != stable,
                rollout.failedRevision != revision, rollout.startedAt != nil,
                // A blue-green preview receives no user traffic before promotion: its metrics would only say
                // "no data", so it is judged by the built-in health checks until then.
                service.rollout?.strategy != .blueGreen || rollout.promotedAt != nil,
                AnalysisPlan.isDue(rollout.analysis, analysis: analysis, now: now)
            else { continue }
            let target = AnalysisTarget(
                namespace: platform.metadata.namespace ?? "default",
                platform: platform.metadata.name ?? "",
                service: service.name,
                revision: revision,
                stableRevision: stable
            )
            let checks = AnalysisPlan.metricChecks(for: analysis, target: target)
            if !checks.isEmpty { due.append((service.name, checks, baseURL)) }
        }
        guard !due.isEmpty else { return [:] }
        return await withTaskGroup(of: (String, [AnalysisMeasurement]).self) { group in
            for (service, checks, baseURL) in due {
                group.addTask { (service, await prometheus.measure(checks, baseURL: baseURL, now: now)) }
            }
            var result: [String: [AnalysisMeasurement]] = [:]
            for await (service, measurements) in group { result[service] = measurements }
            return result
        }
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
        var snapshot = PlatformObservation(platform: platform, children: children, secretKeys: secretKeys)
        snapshot.pods = ServicePods.summaries(
            in: context.store(for: ServicePod.self),
            namespace: namespace,
            platform: platform.metadata.name ?? ""
        )
        return (snapshot, referenced)
    }
}
