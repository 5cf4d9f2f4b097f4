import AgriPlatformAPI
import KubeClient
import KubeCore
import Synchronization

/// Watches the platforms and polls the namespace every 25 ms with the suite's own client while a run goes on,
/// recording each platform's release snapshots and the UIDs of every data-bearing object (PersistentVolumeClaims
/// and Secrets).
///
/// Both feed one record, in resourceVersion order (a version older than one recorded is ignored); the watch sees
/// every version, but only while watches are not faulted. The checks that need
/// every version (``ReleaseTrace/skippedSteps(_:)``) run only in scenarios whose watches are never faulted.
final class ClusterObserver: Sendable {
    struct Record: Sendable {
        /// Release snapshots per `platform/service`, distinct consecutive ones only.
        var releases: [String: [ReleaseSnapshot]] = [:]
        /// Every UID seen per `resource/name` of a data-bearing object.
        var dataObjects: [String: [String]] = [:]
        /// The newest resourceVersion recorded per platform: an older version arriving late is ignored.
        var versions: [String: Int] = [:]
    }

    private let client: KubeClient
    private let record = Mutex(Record())
    private let tasks = Mutex<[Task<Void, Never>]>([])

    init(client: KubeClient) { self.client = client }

    /// Starts polling, and watching the platforms (re-listing whenever the watch ends), so that a run whose
    /// watches are not faulted records every stored version of every release.
    func start() {
        let polling = Task { [self] in
            while !Task.isCancelled {
                await observe()
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        let watching = Task { [self] in
            while !Task.isCancelled {
                await watchPlatforms()
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        tasks.withLock { $0 = [polling, watching] }
    }

    /// Takes one more look, stops, and returns what was recorded.
    func stop() async -> Record {
        let tasks = self.tasks.withLock { $0 }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await observe()
        return record.withLock { $0 }
    }

    /// Lists the platforms, then records every version the watch from there delivers, until it ends.
    private func watchPlatforms() async {
        guard let list = try? await client.list(AgriPlatform.self, namespace: FaultWorld.namespace) else { return }
        for platform in list.items { note(platform) }
        do {
            let stream = try await client.watch(
                AgriPlatform.self,
                namespace: FaultWorld.namespace,
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion)
            )
            for try await event in stream {
                guard event.type == .added || event.type == .modified else {
                    if event.type == .error { return }
                    continue
                }
                note(event.object)
            }
        } catch {
            return
        }
    }

    private func note(_ platform: AgriPlatform) {
        let name = platform.metadata.name ?? ""
        let version = Int(platform.metadata.resourceVersion ?? "") ?? 0
        record.withLock { record in
            guard version > record.versions[name] ?? -1 else { return }
            record.versions[name] = version
            for service in platform.status?.services ?? [] {
                guard let rollout = service.rollout else { continue }
                let snapshot = ReleaseSnapshot(
                    desiredRevision: rollout.desiredRevision,
                    stableRevision: rollout.stableRevision,
                    phase: rollout.phase?.rawValue,
                    stepIndex: rollout.currentStepIndex.map(Int.init),
                    failedRevision: rollout.failedRevision,
                    promotedAt: rollout.promotedAt.map { "\($0)" }
                )
                let key = "\(name)/\(service.name)"
                if record.releases[key]?.last != snapshot { record.releases[key, default: []].append(snapshot) }
            }
        }
    }

    /// What was recorded so far.
    var current: Record { record.withLock { $0 } }

    private func observe() async {
        let namespace = FaultWorld.namespace
        if let platforms = try? await client.list(AgriPlatform.self, namespace: namespace) {
            for platform in platforms.items { note(platform) }
        }
        var uids: [(String, String)] = []
        if let claims = try? await client.list(PersistentVolumeClaim.self, namespace: namespace) {
            uids += claims.items.map { ("persistentvolumeclaims/\($0.metadata.name ?? "")", $0.metadata.uid ?? "") }
        }
        if let secrets = try? await client.list(Secret.self, namespace: namespace) {
            uids += secrets.items.map { ("secrets/\($0.metadata.name ?? "")", $0.metadata.uid ?? "") }
        }
        record.withLock { record in
            for (key, uid) in uids where record.dataObjects[key]?.last != uid {
                record.dataObjects[key, default: []].append(uid)
            }
        }
    }
}
