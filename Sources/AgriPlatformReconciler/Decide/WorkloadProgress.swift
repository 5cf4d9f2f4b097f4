import KubeCore

/// How far one workload (a service's Deployment or a migration Job) is from its desired state, derived from what
/// its controller reports — the same tests `kubectl rollout status` makes.
enum WorkloadProgress: Sendable, Hashable {
    /// The object does not exist yet.
    case notCreated
    /// Our desired spec is not (yet) what the object holds: an apply is due or was just sent.
    case applying
    /// The workload's controller is working towards the desired state; the message says what it waits for.
    case progressing(String)
    /// Done: every pod is updated and available, or the Job completed.
    case complete
    /// It will not get there by itself; the reason and message say why.
    case failed(ConditionReason, String)

    /// The progress of a Deployment (see `kubectl rollout status`:
    /// <https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollout_status.go>).
    ///
    /// - Parameters:
    ///   - isOutOfDate: Whether the Deployment does not hold our desired fields (``ReconcilePlan/outOfDate``).
    ///   - status: The Deployment's status when the caller already decoded it.
    static func deployment(
        _ observed: ObservedChild?,
        isOutOfDate: Bool,
        status decoded: DeploymentStatus?? = .none
    ) -> Self {
        guard let observed else { return .notCreated }
        if isOutOfDate { return .applying }
        let status = decoded ?? observed.decodedStatus(as: DeploymentStatus.self)
        let generation = observed.metadata.generation ?? 0
        guard let status, (status.observedGeneration ?? 0) >= generation else {
            return .progressing("waiting for the Deployment controller to observe generation \(generation)")
        }
        if let condition = status.conditions?.first(where: { $0.type == "Progressing" }),
            condition.reason == "ProgressDeadlineExceeded"
        {
            let detail = condition.message.map { ": \($0)" } ?? ""
            return .failed(
                .progressDeadlineExceeded,
                "Deployment \(observed.key.name) exceeded its progress deadline\(detail); check its pods "
                    + "(kubectl describe deployment \(observed.key.name)) and fix the image or configuration"
            )
        }
        let wanted = observed.specReplicas ?? 1
        let updated = status.updatedReplicas ?? 0
        let total = status.replicas ?? 0
        let available = status.availableReplicas ?? 0
        if updated < wanted {
            return .progressing("\(updated) of \(wanted) pods updated")
        }
        if total > updated {
            return .progressing("\(total - updated) old pods still running")
        }
        if available < updated {
            return .progressing("\(available) of \(updated) updated pods available")
        }
        return .complete
    }

    /// The progress of a migration Job.
    static func job(_ observed: ObservedChild?, isOutOfDate: Bool) -> Self {
        guard let observed else { return .notCreated }
        if isOutOfDate { return .applying }
        let status = observed.decodedStatus(as: JobStatus.self)
        let conditions = status?.conditions ?? []
        if conditions.contains(where: { $0.type == "Complete" && $0.status == "True" }) { return .complete }
        if let failed = conditions.first(where: { $0.type == "Failed" && $0.status == "True" }) {
            let why = [failed.reason, failed.message].compactMap { $0 }.joined(separator: ": ")
            return .failed(
                .migrationFailed,
                "migration Job \(observed.key.name) failed (\(why)); read its logs (kubectl logs job/"
                    + "\(observed.key.name)), fix the migration and change the spec to run a new one"
            )
        }
        return .progressing("migration Job \(observed.key.name) is running")
    }

    /// Whether the workload is done.
    var isComplete: Bool { self == .complete }
}
