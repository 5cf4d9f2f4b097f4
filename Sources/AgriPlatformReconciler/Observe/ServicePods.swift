import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore
import KubeRuntime

/// The services' pods, cached slim: what the release state machine judges a revision by (readiness, restarts,
/// crash loops, images that cannot start), and nothing else, so thousands of pods cost little memory.
enum ServicePods {
    /// The pods the operator watches: every service pod it rendered (migration and datastore pods have other
    /// components).
    static let labelSelector =
        "\(PlatformLabels.managedBy)=\(PlatformLabels.manager),\(PlatformLabels.component)=\(PlatformLabels.Component.service)"

    /// Waiting reasons of a container that will not start by itself.
    static let cannotStartReasons: Set<String> = [
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError",
    ]

    /// A cache transform keeping only identity, the labels that place the pod, its readiness and its containers'
    /// restart counts and waiting reasons.
    static let slim: Store<Pod>.Transform = { pod in
        let keptLabels = [PlatformLabels.name, PlatformLabels.instance, ReleaseLabels.revision]
        var metadata = ObjectMeta(name: pod.metadata.name, namespace: pod.metadata.namespace)
        metadata.uid = pod.metadata.uid
        metadata.resourceVersion = pod.metadata.resourceVersion
        metadata.creationTimestamp = pod.metadata.creationTimestamp
        metadata.deletionTimestamp = pod.metadata.deletionTimestamp
        metadata.labels = pod.metadata.labels?.filter { keptLabels.contains($0.key) }
        var status = PodStatus()
        status.conditions = pod.status?.conditions?.filter { $0.type == "Ready" }
        status.containerStatuses = pod.status?.containerStatuses?.map { container in
            ContainerStatus(
                name: container.name,
                state: container.state?.waiting.map { ContainerState(waiting: $0) },
                restartCount: container.restartCount
            )
        }
        return Pod(metadata: metadata, status: status)
    }

    /// The platform a pod belongs to.
    static func platform(of pod: Pod) -> [ReconcileRequest] {
        guard let instance = pod.metadata.labels?[PlatformLabels.instance], let namespace = pod.metadata.namespace
        else { return [] }
        return [ReconcileRequest(ObjectKey(namespace: namespace, name: instance))]
    }

    /// The pods of `platform`'s services in `store`, summarised, by service name.
    static func summaries(in store: Store<Pod>?, namespace: String, platform: String) -> [String: [PodSummary]] {
        guard let store else { return [:] }
        var result: [String: [PodSummary]] = [:]
        for pod in store.byLabel(key: PlatformLabels.instance, value: platform)
        where pod.metadata.namespace == namespace {
            guard let service = pod.metadata.labels?[PlatformLabels.name] else { continue }
            result[service, default: []].append(summary(pod))
        }
        for service in result.keys { result[service]?.sort { $0.name < $1.name } }
        return result
    }

    /// One pod as the state machine sees it.
    static func summary(_ pod: Pod) -> PodSummary {
        let ready = pod.status?.conditions?.first { $0.type == "Ready" }
        let containers = pod.status?.containerStatuses ?? []
        let waiting = containers.compactMap { $0.state?.waiting?.reason }
        return PodSummary(
            name: pod.metadata.name ?? "",
            revision: pod.metadata.labels?[ReleaseLabels.revision],
            createdAt: pod.metadata.creationTimestamp?.date,
            ready: ready?.status == "True",
            readyChangedAt: ready?.lastTransitionTime?.date,
            restarts: containers.reduce(0) { $0 + ($1.restartCount ?? 0) },
            crashLooping: waiting.contains("CrashLoopBackOff"),
            cannotStart: waiting.contains { cannotStartReasons.contains($0) },
            terminating: pod.metadata.deletionTimestamp != nil
        )
    }
}
