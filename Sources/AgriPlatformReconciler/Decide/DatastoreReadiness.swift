import AgriPlatformAPI
import AgriPlatformRender
import KubeCore

/// Whether each datastore can take connections, and its status entry.
///
/// - **External**: ready when its Secret exists with a `HOST` or `URI` key (values are never read).
/// - **Operated**: ready when its generated Secrets exist, its StatefulSet has observed its latest spec and has as
///   many ready members as the spec asks, and every Job the engine needs (MongoDB's membership Job) has succeeded.
///   The entry reports members ready, the endpoint services connect to, the version, and the last successful and
///   failed backups (from the backup CronJob's status: a schedule after the last success with no run active is a
///   failure).
enum DatastoreReadiness {
    /// The keys an external datastore's Secret must hold at least one of to be usable.
    static let connectionKeys: Set<String> = ["HOST", "URI"]

    /// What the readiness of an operated datastore is read from.
    struct OperatedState {
        /// The names of its objects.
        var names: DatastoreNames
        /// The engine's client port, for the endpoint.
        var port: Int32?
        /// The Secrets the operator generates for it.
        var generatedSecrets: [String]
        /// The StatefulSet as observed.
        var statefulSet: ObservedChild?
        /// The backup CronJob as observed.
        var backupCronJob: ObservedChild?
        /// The engine's Jobs that must have succeeded (desired, with their observed state).
        var jobs: [(name: String, observed: ObservedChild?)]
    }

    /// The status of an external datastore given the keys of the Secrets the observation found.
    static func status(of datastore: Datastore, namespace: String, secretKeys: [String: Set<String>]) -> DatastoreStatus
    {
        var status = DatastoreStatus(name: datastore.name)
        status.engine = datastore.engine
        guard let external = datastore.external else { return status }
        status.connectionSecret = external.secretName
        guard let keys = secretKeys[external.secretName] else {
            status.ready = false
            status.message =
                "Secret \(external.secretName) not found in namespace \(namespace); create it with "
                + "the connection keys HOST, PORT, USERNAME, PASSWORD, DATABASE or URI (see docs/api.md)"
            return status
        }
        guard !keys.isDisjoint(with: connectionKeys) else {
            status.ready = false
            status.message =
                "Secret \(external.secretName) has neither a HOST nor a URI key; add one "
                + "(keys found: \(keys.sorted().joined(separator: ", ")))"
            return status
        }
        status.ready = true
        return status
    }

    /// The status of an operated datastore.
    static func status(
        of datastore: Datastore,
        namespace: String,
        state: OperatedState,
        secretKeys: [String: Set<String>]
    ) -> DatastoreStatus {
        var status = DatastoreStatus(name: datastore.name)
        status.engine = datastore.engine
        let replicas = datastore.replicas ?? Defaults.Datastore.replicas(datastore.engine)
        status.replicas = replicas
        status.version = datastore.version ?? Defaults.Datastore.version(datastore.engine)
        status.connectionSecret = state.names.connectionSecret
        if let port = state.port { status.endpoint = "\(state.names.clientService).\(namespace).svc:\(port)" }
        if let cronJob = state.backupCronJob?.decodedStatus(as: CronJobStatus.self) {
            status.lastBackupTime = cronJob.lastSuccessfulTime
            if let scheduled = cronJob.lastScheduleTime, (cronJob.active ?? []).isEmpty,
                cronJob.lastSuccessfulTime.map({ $0.date < scheduled.date }) ?? true
            {
                status.lastFailedBackupTime = scheduled
            }
        }
        let missing = state.generatedSecrets.filter { secretKeys[$0] == nil }
        let statefulSet = state.statefulSet
        let setStatus = statefulSet?.decodedStatus(as: StatefulSetStatus.self)
        let ready = setStatus?.readyReplicas ?? 0
        status.readyReplicas = statefulSet == nil ? nil : ready
        status.ready = false
        if !missing.isEmpty {
            status.message =
                statefulSet == nil
                ? "generating credentials (Secret \(missing.joined(separator: ", ")))"
                : "Secret \(missing.joined(separator: ", ")) is missing; the data was initialised with its "
                    + "credentials, so the operator will not generate new ones: restore the Secret"
            return status
        }
        guard let statefulSet else {
            status.message = "StatefulSet \(state.names.statefulSet) not created yet"
            return status
        }
        if let observed = setStatus?.observedGeneration, let generation = statefulSet.metadata.generation,
            observed < generation
        {
            status.message = "StatefulSet \(state.names.statefulSet) has not observed its latest spec yet"
            return status
        }
        guard ready >= replicas else {
            status.message = "\(ready)/\(replicas) members ready"
            return status
        }
        for job in state.jobs {
            let jobStatus = job.observed?.decodedStatus(as: JobStatus.self)
            guard (jobStatus?.succeeded ?? 0) > 0 else {
                let failed = jobStatus?.conditions?.contains { $0.type == "Failed" && $0.status == "True" } ?? false
                status.message =
                    failed
                    ? "Job \(job.name) failed; the operator creates it again (its last pods' logs: "
                        + "kubectl logs job/\(job.name))"
                    : "waiting for Job \(job.name) to finish"
                return status
            }
        }
        status.ready = true
        return status
    }
}
