import Foundation
import KubeCore

/// The simulated Job controller (`pkg/controller/job`, 1.31+ conditions): runs `parallelism` pods until
/// `completions` succeeded, retries failed pods immediately (no back-off delay) up to `backoffLimit`, and enforces
/// `activeDeadlineSeconds`.
///
/// Success adds `SuccessCriteriaMet` then `Complete` (reason `CompletionsReached`); failure `FailureTarget` then
/// `Failed` (reason `BackoffLimitExceeded` or `DeadlineExceeded`). Both conditions of a pair are written together,
/// since simulated pods terminate at once. Not modelled: Indexed completion, pod failure and success policies,
/// `restartPolicy: OnFailure` restarts in place (failures always make new pods), suspension, and the
/// `batch.kubernetes.io/job-tracking` finalizer.
enum JobController {
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {
        guard let job = store.stored(key), !ObjectRules.isBeingDeleted(job) else { return }
        var conditions = job[path: ["status", "conditions"]]?.arrayValue ?? []
        let finished = conditions.contains {
            ($0["type"] == "Complete" || $0["type"] == "Failed") && $0["status"] == "True"
        }
        guard !finished else { return }
        let spec = job["spec"] ?? [:]
        let parallelism = spec["parallelism"]?.integerValue ?? 1
        let completions = spec["completions"]?.integerValue ?? 1
        let backoffLimit = spec["backoffLimit"]?.integerValue ?? 6
        let now = store.now()
        let time = Time(now).description
        let startTime = job[path: ["status", "startTime"]]?.stringValue ?? time
        var pods = state.ownedPods(of: job, in: store).filter { !ObjectRules.isBeingDeleted($0) }
        let succeeded = Int64(pods.filter { $0[path: ["status", "phase"]] == "Succeeded" }.count)
        let failed = Int64(pods.filter { $0[path: ["status", "phase"]] == "Failed" }.count)
        var failure: (reason: String, message: String)?
        if succeeded >= completions {
            for type in ["SuccessCriteriaMet", "Complete"] {
                conditions.append(
                    condition(type, reason: "CompletionsReached", "Reached expected number of succeeded pods", time)
                )
            }
        } else if failed > backoffLimit {
            failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
        } else if let deadline = spec["activeDeadlineSeconds"]?.integerValue {
            let start = Time.parse(startTime) ?? now
            let end = start.addingTimeInterval(TimeInterval(deadline))
            if end <= now {
                failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
            } else {
                state.scheduleController(key, at: end.addingTimeInterval(0.05))
            }
        }
        if let failure {
            for type in ["FailureTarget", "Failed"] {
                conditions.append(condition(type, reason: failure.reason, failure.message, time))
            }
            for pod in pods where PodLifecycle.isActive(pod) {
                SimulatedWrite.deletePod(pod, owners: state.podOwners, in: store)
            }
            pods.removeAll(where: PodLifecycle.isActive)
        }
        let done = succeeded >= completions || failure != nil
        if !done {
            let active = Int64(pods.filter(PodLifecycle.isActive).count)
            let wanted = min(parallelism, completions - succeeded)
            if active < wanted {
                for _ in active..<wanted {
                    if let pod = createPod(job: job, state: &state, in: store) { pods.append(pod) }
                }
            }
        }
        let active = pods.filter(PodLifecycle.isActive)
        var status: JSONValue = [
            "startTime": .string(startTime), "ready": .integer(Int64(active.filter(PodLifecycle.isReady).count)),
            "terminating": 0, "uncountedTerminatedPods": [:],
        ]
        if !active.isEmpty { status["active"] = .integer(Int64(active.count)) }
        if succeeded > 0 { status["succeeded"] = .integer(succeeded) }
        if failed > 0 { status["failed"] = .integer(failed) }
        if succeeded >= completions { status["completionTime"] = .string(time) }
        if !conditions.isEmpty { status["conditions"] = .array(conditions) }
        if status != job["status"] {
            SimulatedWrite.updateStatus(SimulatedResource.jobs, old: job, status: status, in: store)
        }
    }

    private static func createPod(
        job: JSONValue,
        state: inout SimulationState,
        in store: isolated ObjectStore
    ) -> JSONValue? {
        let name = ObjectRules.name(of: job)
        let uid = ObjectRules.uid(of: job)
        var template = job[path: ["spec", "template"]] ?? [:]
        if template[path: ["spec", "restartPolicy"]] == nil { template[path: ["spec", "restartPolicy"]] = "Never" }
        return PodLifecycle.create(
            name: "\(name)-\(TemplateHash.randomSuffix())",
            template: template,
            labels: [
                "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name,
                "controller-uid": uid, "job-name": name,
            ],
            owner: job,
            isJobPod: true,
            state: &state,
            in: store
        )
    }

    private static func condition(_ type: String, reason: String, _ message: String, _ now: String) -> JSONValue {
        [
            "type": .string(type), "status": "True", "lastProbeTime": .string(now),
            "lastTransitionTime": .string(now), "reason": .string(reason), "message": .string(message),
        ]
    }
}
