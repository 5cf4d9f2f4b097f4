import AgriPlatformRender
import KubeCore

/// A service pod as the operator caches it: identity, the labels that place it, readiness and its containers'
/// restart counts and waiting reasons — what the release state machine judges a revision by, and nothing else.
///
/// The operator watches every service pod, five or more per platform. Cached as a typed ``KubeCore/Pod``, even
/// stripped of everything but these fields, each pod kept the whole struct's inline storage (1 185 bytes, most of it
/// an empty `PodSpec`) plus an array of 473-byte container statuses (`MemoryLayout` sizes; docs/benchmarks.md has
/// what the change saved at 1 000 platforms). It decodes from a pod's JSON — metadata from the parsed members, the
/// status through `PodStatus`'s `Decodable` form, the spec not at all — and encodes as a pod carrying only what it
/// kept.
struct ServicePod: KubernetesObject, JSONValueDecodable, Hashable {
    /// One container's status, as kept.
    struct Container: Hashable {
        var name: String
        var restartCount: Int32
        /// Why the container is waiting (`CrashLoopBackOff`, `ImagePullBackOff`, …), when it is.
        var waitingReason: String?
    }

    /// The labels kept: the service, the platform and the release revision.
    static let keptLabels = [PlatformLabels.name, PlatformLabels.instance, ReleaseLabels.revision]

    static var resource: ResourceDescriptor { Pod.resource }

    var apiVersion: String?
    var kind: String?
    /// Name, namespace, uid, resourceVersion, creation and deletion times, and ``keptLabels``.
    var metadata: ObjectMeta
    /// The `Ready` condition's status, when the pod has one.
    var readyStatus: String?
    /// When the `Ready` condition last changed.
    var readyChangedAt: Time?
    var containers: [Container]

    /// Keeps what the operator reads of `pod`.
    init(_ pod: Pod) {
        apiVersion = pod.apiVersion
        kind = pod.kind
        metadata = Self.slim(pod.metadata)
        let ready = pod.status?.conditions?.first { $0.type == "Ready" }
        readyStatus = ready?.status
        readyChangedAt = ready?.lastTransitionTime
        containers = (pod.status?.containerStatuses ?? []).map { status in
            Container(
                name: status.name,
                restartCount: status.restartCount ?? 0,
                waitingReason: status.state?.waiting?.reason
            )
        }
    }

    /// Reads a pod's JSON: metadata from the parsed members, the status through its `Decodable` form.
    init(json: JSONValue) throws {
        var pod = Pod(metadata: try json["metadata"].map(ObjectMeta.init(json:)) ?? ObjectMeta())
        pod.apiVersion = json["apiVersion"]?.stringValue
        pod.kind = json["kind"]?.stringValue
        if let status = json["status"], !status.isNull { pod.status = try status.decode(as: PodStatus.self) }
        self.init(pod)
    }

    /// The same as ``init(json:)``: reads the JSON, not a whole `Pod` (whose spec could fail to decode).
    init(from decoder: any Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
    }

    /// The pod this summary keeps, e.g. for a test's fake cache.
    var pod: Pod {
        var status = PodStatus()
        status.conditions = readyStatus.map {
            [PodCondition(type: "Ready", status: $0, lastTransitionTime: readyChangedAt)]
        }
        status.containerStatuses =
            containers.isEmpty
            ? nil
            : containers.map { container in
                ContainerStatus(
                    name: container.name,
                    state: container.waitingReason.map { ContainerState(waiting: ContainerStateWaiting(reason: $0)) },
                    restartCount: container.restartCount
                )
            }
        var pod = Pod(metadata: metadata, status: status)
        pod.apiVersion = apiVersion
        pod.kind = kind
        return pod
    }

    private static func slim(_ full: ObjectMeta) -> ObjectMeta {
        var metadata = ObjectMeta(name: full.name, namespace: full.namespace)
        metadata.uid = full.uid
        metadata.resourceVersion = full.resourceVersion
        metadata.creationTimestamp = full.creationTimestamp
        metadata.deletionTimestamp = full.deletionTimestamp
        metadata.labels = full.labels?.filter { keptLabels.contains($0.key) }
        return metadata
    }
}
