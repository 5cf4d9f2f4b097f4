import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore
import KubeRuntime

/// The services' pods, cached as ``ServicePod``s: what the release state machine judges a revision by (readiness,
/// restarts, crash loops, images that cannot start), and nothing else, so thousands of pods cost little memory.
enum ServicePods {
    /// The pods the operator watches: every service pod it rendered (migration and datastore pods have other
    /// components).
    static let labelSelector =
        "\(PlatformLabels.managedBy)=\(PlatformLabels.manager),\(PlatformLabels.component)=\(PlatformLabels.Component.service)"

    /// Waiting reasons of a container that will not start by itself.
    static let cannotStartReasons: Set<String> = [
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError",
    ]

    /// The platform a pod belongs to.
    static func platform(of pod: ServicePod) -> [ReconcileRequest] {
        guard let instance = pod.metadata.labels?[PlatformLabels.instance], let namespace = pod.metadata.namespace
        else { return [] }
        return [ReconcileRequest(ObjectKey(namespace: namespace, name: instance))]
    }

    /// The pods of `platform`'s services in `store`, summarised, by service name.
    static func summaries(in store: Store<ServicePod>?, namespace: String, platform: String) -> [String: [PodSummary]] {
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
    static func summary(_ pod: ServicePod) -> PodSummary {
        let waiting = pod.containers.compactMap(\.waitingReason)
        return PodSummary(
            name: pod.metadata.name ?? "",
            revision: pod.metadata.labels?[ReleaseLabels.revision],
            createdAt: pod.metadata.creationTimestamp?.date,
            ready: pod.readyStatus == "True",
            readyChangedAt: pod.readyChangedAt?.date,
            restarts: pod.containers.reduce(0) { $0 + $1.restartCount },
            crashLooping: waiting.contains("CrashLoopBackOff"),
            cannotStart: waiting.contains { cannotStartReasons.contains($0) },
            terminating: pod.metadata.deletionTimestamp != nil
        )
    }
}
