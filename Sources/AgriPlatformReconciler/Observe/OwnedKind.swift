import AgriPlatformAPI
import AgriPlatformRender
import KubeClient
import KubeCore
import KubeRuntime

/// One kind of child object the platform renders: how the controller watches it, how the reconciler reads it
/// back from the cache, and the API resource it is applied to.
///
/// Children are cached as ``AppliedObject`` summaries (metadata, replica count and the digest of the fields we own),
/// and only those carrying `app.kubernetes.io/managed-by: agri-operator`, so memory grows with our own objects, not
/// with everything in the cluster. Status is cached only for the kinds whose status the reconciler reads — the
/// workloads whose progress it reports (Deployment, StatefulSet, Job, CronJob); an autoscaler's status (its metrics
/// and conditions) was the largest part of its summary and was never read.
struct OwnedKind: Sendable {
    /// The API resource.
    let resource: ResourceDescriptor
    /// Whether the cache keeps the objects' status (``ObservedChild/status`` is `nil` otherwise).
    let keepsStatus: Bool
    /// Adds the kind's watch to a controller being built.
    let register: @Sendable (ControllerBuilder<AgriPlatform>) -> ControllerBuilder<AgriPlatform>
    /// The cached children of the platform (by controller owner UID), plus cached objects named as the platform
    /// would name them (`<platform>` or `<platform>-…`) that another owner controls.
    let observe:
        @Sendable (Controller<AgriPlatform>.Context, _ namespace: String, _ platform: AgriPlatform) -> [ObservedChild]
    /// Whether the cache has caught up with every write we recorded for this name.
    let isFresh: @Sendable (Controller<AgriPlatform>.Context, _ namespace: String, _ name: String) -> Bool
    /// Records an object the API server returned from our apply, for read-your-writes (its key, UID and
    /// resourceVersion).
    let recordWrite: @Sendable (Controller<AgriPlatform>.Context, DynamicObject) -> Void

    /// What read-your-writes needs of an object the API server returned from a write — name, namespace, UID and
    /// resourceVersion — read from its JSON without decoding the rest (a child's spec, a platform's whole spec).
    static func writeIdentity(of written: DynamicObject) -> ObjectMeta {
        ObjectMeta(
            name: written.name,
            namespace: written.namespace,
            uid: written.json[path: ["metadata", "uid"]]?.stringValue,
            resourceVersion: written.json[path: ["metadata", "resourceVersion"]]?.stringValue
        )
    }

    /// The label every rendered child carries, used to scope the children's watches.
    static let managedBySelector = "\(PlatformLabels.managedBy)=\(PlatformLabels.manager)"

    /// The owned kind backed by the typed model `Kind`; its cache keeps each object's status only if `keepsStatus`
    /// (``ObservedChild/status`` is `nil` otherwise): pass `true` for the kinds whose status the reconciler reads.
    static func kind<Kind: KubernetesObject>(
        _ type: Kind.Type,
        fieldManager: String,
        keepsStatus: Bool = false
    ) -> OwnedKind {
        typealias Cached = AppliedObject<Kind>
        let transform = Cached.summarizing(fieldManager: fieldManager, keepingStatus: keepsStatus)
        return OwnedKind(
            resource: Kind.resource,
            keepsStatus: keepsStatus,
            register: { builder in
                builder.owns(Cached.self, labelSelector: managedBySelector, transform: transform)
            },
            observe: { context, namespace, platform in
                guard let store = context.store(for: Cached.self) else { return [] }
                var found: [ObjectKey: Cached] = [:]
                if let uid = platform.metadata.uid {
                    for object in store.byOwner(uid: uid) { found[ObjectKey(object)] = object }
                }
                // Children that lost their owner reference still carry the platform's instance label. The label
                // index finds them without scanning the namespace, which made every reconcile cost grow with the
                // number of platforms (quadratic in all).
                let name = platform.metadata.name ?? ""
                for object in store.byLabel(key: PlatformLabels.instance, value: name)
                where object.metadata.namespace == namespace {
                    found[ObjectKey(object)] = object
                }
                return found.values.map { object in
                    ObservedChild(
                        key: ChildKey(Kind.resource, name: object.name),
                        metadata: object.metadata,
                        status: object.status,
                        specReplicas: object.specReplicas,
                        appliedFieldsDigest: object.appliedFieldsDigest
                    )
                }
            },
            isFresh: { context, namespace, name in
                context.store(for: Cached.self)?.isFresh(ObjectKey(namespace: namespace, name: name)) ?? true
            },
            recordWrite: { context, written in
                context.recordWrite(Cached(metadata: writeIdentity(of: written)))
            }
        )
    }

    /// The kinds the renderer produces, in the renderer's order. PersistentVolumeClaims are watched to see the
    /// backup volume, never to delete one: a claim is pruned only when it carries the platform's owner reference,
    /// which the renderer gives it only with `storage.reclaimPolicy: Delete`. The VerticalPodAutoscaler and the Gateway
    /// API HTTPRoute (a canary's traffic split) are watched only when the cluster serves them; without them, an object
    /// of that kind is reported as not applicable on the platform's status. The Prometheus Operator's PodMonitor and
    /// PrometheusRule (the platform's monitoring) are watched only when the cluster serves them; without them the
    /// renderer produces none and `status.observability` says why.
    static func all(
        fieldManager: String,
        verticalPodAutoscalerAvailable: Bool,
        httpRoutesAvailable: Bool = false,
        prometheusOperatorAvailable: Bool = false
    ) -> [OwnedKind] {
        var kinds = [
            kind(ServiceAccount.self, fieldManager: fieldManager),
            kind(ConfigMap.self, fieldManager: fieldManager),
            kind(Role.self, fieldManager: fieldManager),
            kind(RoleBinding.self, fieldManager: fieldManager),
            kind(PersistentVolumeClaim.self, fieldManager: fieldManager),
            kind(Service.self, fieldManager: fieldManager),
            kind(StatefulSet.self, fieldManager: fieldManager, keepsStatus: true),
            kind(Deployment.self, fieldManager: fieldManager, keepsStatus: true),
            kind(HorizontalPodAutoscaler.self, fieldManager: fieldManager),
            kind(PodDisruptionBudget.self, fieldManager: fieldManager),
            kind(Ingress.self, fieldManager: fieldManager),
            kind(NetworkPolicy.self, fieldManager: fieldManager),
            kind(Job.self, fieldManager: fieldManager, keepsStatus: true),
            kind(CronJob.self, fieldManager: fieldManager, keepsStatus: true),
        ]
        if verticalPodAutoscalerAvailable {
            kinds.insert(kind(VerticalPodAutoscaler.self, fieldManager: fieldManager), at: 9)
        }
        if httpRoutesAvailable {
            kinds.append(kind(HTTPRoute.self, fieldManager: fieldManager))
        }
        if prometheusOperatorAvailable {
            kinds.append(kind(PodMonitor.self, fieldManager: fieldManager))
            kinds.append(kind(PrometheusRule.self, fieldManager: fieldManager))
        }
        return kinds
    }
}
