import AgriPlatformAPI
import AgriPlatformRender
import KubeCore

/// What a reconcile decides about operated datastores before any object is compared: which generated Secrets to
/// create, which desired objects to hold back, and each datastore's status. Pure.
///
/// Rules, each the safe choice when in doubt:
/// - **Credentials are generated once.** A missing generated Secret is created only while the datastore's
///   StatefulSet does not exist; once it does, the data was initialised with those credentials, so a missing
///   Secret is reported instead of replaced (a new password would lock every client out).
/// - **Services start after their datastores.** A service's Deployment (and its migration Job) is not created or
///   changed while a datastore it `uses` is not ready; the status says what it waits for.
/// - **Scale-down is safe or refused.** MongoDB keeps its current member count until the membership Job for the
///   new count has reconfigured the replica set without the leaving members. RabbitMQ refuses a scale-down:
///   it cannot remove members safely by itself (quorum queues with replicas on the leaving nodes would lose their
///   majority), as the RabbitMQ cluster operator also refuses; the current count is kept and the platform is
///   Degraded until the spec is restored. Other engines scale down directly (Consul servers leave on termination
///   and autopilot removes them; PostgreSQL and Redis lose read replicas only). Volumes are always kept.
struct DatastoreDecision: Sendable {
    /// The desired objects with the decided replica counts.
    var desired: [DynamicObject]
    /// Each datastore's status entry, in spec order.
    var statuses: [DatastoreStatus] = []
    /// Generated Secrets to create, by name.
    var secretsToCreate: [String] = []
    /// Desired objects not applied now (and not pruned either).
    var held: Set<ChildKey> = []
    /// Why each held service waits, by service name.
    var serviceWaits: [String: String] = [:]
    /// Requests refused for safety, reported as Degraded.
    var refusals: [ChildFailure] = []
    /// Work in progress that holds something back, reported as Progressing.
    var waits: [String] = []

    static func decide(_ observation: PlatformObservation, desired: [DynamicObject]) -> DatastoreDecision {
        var decision = DatastoreDecision(desired: desired)
        let platform = observation.platform
        let platformName = platform.metadata.name ?? ""
        let namespace = platform.metadata.namespace ?? "default"
        let generated = GeneratedSecrets.secretNames(for: platform)
        let desiredByKey = Dictionary(desired.map { (ChildKey(of: $0.json), $0.json) }) { first, _ in first }
        var ready: [String: DatastoreStatus] = [:]

        for datastore in platform.spec.datastores ?? [] {
            guard datastore.external == nil else {
                let status = DatastoreReadiness.status(
                    of: datastore,
                    namespace: namespace,
                    secretKeys: observation.secretKeys
                )
                decision.statuses.append(status)
                ready[datastore.name] = status
                continue
            }
            let names = DatastoreNames(platform: platformName, datastore: datastore.name)
            let setKey = ChildKey(group: "apps", kind: "StatefulSet", name: names.statefulSet)
            let statefulSet = observation.children[setKey]
            let secrets = generated[datastore.name] ?? []
            if statefulSet == nil {
                decision.secretsToCreate += secrets.filter { observation.secretKeys[$0] == nil }
            }
            decision.guardScale(datastore, names: names, observed: statefulSet, observation: observation)
            let jobs = desiredByKey.keys.sorted().filter { key in
                key.kind == "Job" && Self.isEngineObject(desiredByKey[key], of: datastore.name)
            }
            let clientPort = desiredByKey[ChildKey(group: "", kind: "Service", name: names.clientService)]?[
                path: ["spec", "ports"]
            ]?.arrayValue?.first?["port"]?.integerValue
            let state = DatastoreReadiness.OperatedState(
                names: names,
                port: clientPort.map { Int32(clamping: $0) },
                generatedSecrets: secrets,
                statefulSet: statefulSet,
                backupCronJob: observation.children[ChildKey(group: "batch", kind: "CronJob", name: names.backup)],
                jobs: jobs.map { ($0.name, observation.children[$0]) }
            )
            let status = DatastoreReadiness.status(
                of: datastore,
                namespace: namespace,
                state: state,
                secretKeys: observation.secretKeys
            )
            decision.statuses.append(status)
            ready[datastore.name] = status
        }

        for service in platform.spec.services {
            let waitingFor = (service.uses ?? []).compactMap { name -> String? in
                guard let status = ready[name], status.ready != true else { return nil }
                return "datastore \(name) (\(status.message ?? "not ready"))"
            }
            guard !waitingFor.isEmpty else { continue }
            decision.serviceWaits[service.name] = "waits for " + waitingFor.joined(separator: ", ")
            for (key, object) in desiredByKey {
                let name = object[path: ["metadata", "labels", PlatformLabels.name]]?.stringValue
                let component = object[path: ["metadata", "labels", PlatformLabels.component]]?.stringValue
                if key.kind == "Deployment", name == service.name, component == PlatformLabels.Component.service {
                    decision.held.insert(key)
                } else if key.kind == "Job", name == "\(service.name)-migrate" {
                    decision.held.insert(key)
                }
            }
        }
        return decision
    }

    /// Whether `object` is one of the engine's own objects for datastore `name` (component `datastore`, named
    /// after it).
    private static func isEngineObject(_ object: JSONValue?, of name: String) -> Bool {
        guard let labels = object?[path: ["metadata", "labels"]] else { return false }
        guard labels[PlatformLabels.component]?.stringValue == PlatformLabels.Component.datastore else { return false }
        let part = labels[PlatformLabels.name]?.stringValue ?? ""
        return part == name || part.hasPrefix(name + "-")
    }

    /// Keeps a StatefulSet's member count where a scale-down is not safe yet, or refused.
    private mutating func guardScale(
        _ datastore: Datastore,
        names: DatastoreNames,
        observed: ObservedChild?,
        observation: PlatformObservation
    ) {
        let wanted = datastore.replicas ?? Defaults.Datastore.replicas(datastore.engine)
        guard let current = observed?.specReplicas, wanted < current else { return }
        let key = ChildKey(group: "apps", kind: "StatefulSet", name: names.statefulSet)
        switch datastore.engine {
        case .rabbitMQ:
            refusals.append(
                ChildFailure(
                    key: key,
                    reason: .scaleDownRefused,
                    message: "RabbitMQ \(datastore.name): scaling down from \(current) to \(wanted) members is "
                        + "refused: RabbitMQ cannot remove members safely by itself, and quorum queues with "
                        + "replicas on the leaving members would lose their majority. Set replicas back to "
                        + "\(current); to shrink, see docs/datastores.md"
                )
            )
            setReplicas(current, of: key)
        case .mongoDB:
            let job = ChildKey(group: "batch", kind: "Job", name: names.membershipJob(replicas: wanted))
            let succeeded = (observation.children[job]?.decodedStatus(as: JobStatus.self)?.succeeded ?? 0) > 0
            guard !succeeded else { return }
            waits.append(
                "MongoDB \(datastore.name): Job \(job.name) removes members from the replica set before the "
                    + "StatefulSet scales down from \(current) to \(wanted)"
            )
            setReplicas(current, of: key)
        default:
            return
        }
    }

    private mutating func setReplicas(_ replicas: Int32, of key: ChildKey) {
        guard let index = desired.firstIndex(where: { ChildKey(of: $0.json) == key }) else { return }
        var json = desired[index].json
        json[path: ["spec", "replicas"]] = .integer(Int64(replicas))
        desired[index] = DynamicObject(json: json)
    }
}
