import Foundation
import KubeCore
import KubeRuntime
import Synchronization

/// Which platforms reference which Secrets (external datastores' connection Secrets), so that a change to a
/// Secret queues exactly the platforms that read it — the role of an index on the primary in controller-runtime.
///
/// Each reconcile records the Secrets its platform references; the Secret watch's mapping reads the index. A
/// platform not yet reconciled is missing from the index, but its first reconcile reads the Secret cache anyway.
final class SecretKeyIndex: Sendable {
    private let references = Mutex<[ObjectKey: Set<ObjectKey>]>([:])

    /// Records that `platform` references exactly `secrets` (names in the platform's namespace).
    func record(platform: ObjectKey, secrets: Set<String>) {
        references.withLock { references in
            for (secret, platforms) in references where platforms.contains(platform) {
                references[secret]?.remove(platform)
                if references[secret]?.isEmpty == true { references[secret] = nil }
            }
            for secret in secrets {
                references[ObjectKey(namespace: platform.namespace, name: secret), default: []].insert(platform)
            }
        }
    }

    /// Forgets a deleted platform.
    func forget(platform: ObjectKey) {
        record(platform: platform, secrets: [])
    }

    /// The platforms that reference `secret`.
    func platforms(referencing secret: ObjectKey) -> [ReconcileRequest] {
        references.withLock { $0[secret] ?? [] }.sorted { $0.description < $1.description }.map(ReconcileRequest.init)
    }

    /// A cache transform that keeps a Secret's key names and drops every value, annotation and managed field: the
    /// reconciler must never hold credentials in memory or log them.
    static let keysOnly: Store<Secret>.Transform = { secret in
        var kept = Secret(metadata: ObjectMeta(name: secret.metadata.name, namespace: secret.metadata.namespace))
        kept.metadata.uid = secret.metadata.uid
        kept.metadata.resourceVersion = secret.metadata.resourceVersion
        kept.data = secret.data?.mapValues { _ in Data() }
        kept.type = secret.type
        return kept
    }
}
