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
/// - **Storage is fixed once created.** A changed `storage.size` or `storage.className` is refused (Degraded,
///   `StorageChangeRefused`) and the StatefulSet keeps its volume claim templates, which Kubernetes cannot change.
/// - **Failed engine Jobs are retried.** A membership Job that failed for good is deleted, and created afresh on
///   the next reconcile.
/// - **Scale-down is safe or refused.** MongoDB keeps its current member count until the membership Job for the
///   new count has reconfigured the replica set without the leaving members. RabbitMQ refuses a scale-down:
///   it cannot remove members safely by itself (quorum queues with replicas on the leaving nodes would lose their
///   majority), as the RabbitMQ cluster operator also refuses; the datastore is rendered with the current count
///   (so its configuration does not change either) and the platform is Degraded until the spec is restored. Other engines scale down directly (Consul servers leave on termination
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
    /// The engine's Jobs that failed for good: deleted, so the next reconcile creates them afresh.
    var failedJobs: [ObservedChild] = []

    /// The decision for `observation`, whose spec rendered `desired`; `render` renders a variant of the platform
    /// (a refused scale-down is rendered again with the member count kept, so nothing about it changes).
    static func decide(
        _ observation: PlatformObservation,
        desired: [DynamicObject],
        render: (AgriPlatform) -> [DynamicObject]?
    ) -> DatastoreDecision {
        var decision = DatastoreDecision(desired: desired)
        var platform = observation.platform
        // RabbitMQ scale-downs are refused: render the datastore as it is, so neither its member count nor its
        // configuration (target_cluster_size_hint) changes and no node restarts for a refused request.
        var refusedScaleDown = false
        for (index, datastore) in (platform.spec.datastores ?? []).enumerated()
        where datastore.engine == .rabbitMQ && datastore.external == nil {
            let names = DatastoreNames(platform: platform.metadata.name ?? "", datastore: datastore.name)
            let key = ChildKey(group: "apps", kind: "StatefulSet", name: names.statefulSet)
            let wanted = datastore.replicas ?? Defaults.Datastore.replicas(datastore.engine)
            guard let current = observation.children[key]?.specReplicas, wanted < current else { continue }
            decision.refusals.append(
                ChildFailure(
                    key: key,
                    reason: .scaleDownRefused,
                    message: "RabbitMQ \(datastore.name): scaling down from \(current) to \(wanted) members is "
                        + "refused: RabbitMQ cannot remove members safely by itself, and quorum queues with "
                        + "replicas on the leaving members would lose their majority. Set replicas back to "
                        + "\(current); to shrink, see docs/datastores.md"
                )
            )
            platform.spec.datastores?[index].replicas = current
            refusedScaleDown = true
        }
        if refusedScaleDown, let kept = render(platform) { decision.desired = kept }
        let desired = decision.desired
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
            let jobs = desiredByKey.keys.sorted().filter { key in
                key.kind == "Job" && Self.isEngineObject(desiredByKey[key], of: datastore.name)
            }
            let missing = secrets.filter { observation.secretKeys[$0] == nil }
            if statefulSet == nil, !missing.isEmpty {
                // Members start only once their credentials exist: a StatefulSet created without them could
                // never be given generated ones later (see the type's rules).
                decision.secretsToCreate += missing
                decision.held.insert(setKey)
                decision.held.formUnion(jobs)
            }
            decision.guardScale(datastore, names: names, observed: statefulSet, observation: observation)
            decision.guardStorage(datastore, key: setKey, observed: statefulSet)
            for key in jobs {
                guard let job = observation.children[key], job.controllerUID == observation.platformUID,
                    job.metadata.deletionTimestamp == nil,
                    job.decodedStatus(as: JobStatus.self)?.conditions?.contains(where: {
                        $0.type == "Failed" && $0.status == "True"
                    }) == true
                else { continue }
                decision.failedJobs.append(job)
                decision.held.insert(key)
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

    /// Keeps the volume claim templates a StatefulSet was created with: they are immutable, so a changed
    /// `storage.size` or `storage.className` would make every later apply fail. The change is reported instead.
    private mutating func guardStorage(_ datastore: Datastore, key: ChildKey, observed: ObservedChild?) {
        guard let annotations = observed?.metadata.annotations,
            let liveSize = annotations[DatastoreNames.storageSizeAnnotation],
            let index = desired.firstIndex(where: { ChildKey(of: $0.json) == key })
        else { return }
        let liveClass = annotations[DatastoreNames.storageClassAnnotation]
        var json = desired[index].json
        let sizePath = ["metadata", "annotations", DatastoreNames.storageSizeAnnotation]
        let classPath = ["metadata", "annotations", DatastoreNames.storageClassAnnotation]
        let wantedSize = json[path: sizePath]?.stringValue
        let wantedClass = json[path: classPath]?.stringValue
        guard wantedSize != liveSize || wantedClass != liveClass else { return }
        json[path: sizePath] = .string(liveSize)
        json[path: classPath] = liveClass.map { .string($0) }
        if var templates = json[path: ["spec", "volumeClaimTemplates"]]?.arrayValue, !templates.isEmpty {
            templates[0][path: ["spec", "resources", "requests", "storage"]] = .string(liveSize)
            templates[0][path: ["spec", "storageClassName"]] = liveClass.map { .string($0) }
            json[path: ["spec", "volumeClaimTemplates"]] = .array(templates)
        }
        desired[index] = DynamicObject(json: json)
        var changes: [String] = []
        if wantedSize != liveSize { changes.append("storage.size from \(liveSize) to \(wantedSize ?? "the default")") }
        if wantedClass != liveClass {
            changes.append("storage.className from \(liveClass ?? "the default") to \(wantedClass ?? "the default")")
        }
        refusals.append(
            ChildFailure(
                key: key,
                reason: .storageChangeRefused,
                message: "\(datastore.engine.rawValue) \(datastore.name): changing "
                    + changes.joined(separator: " and ")
                    + " is refused: a StatefulSet's volume claim templates cannot change. Set storage back; to "
                    + "grow volumes, expand each PersistentVolumeClaim data-\(key.name)-<n> "
                    + "(kubectl patch pvc, if the StorageClass allows expansion); see docs/datastores.md"
            )
        )
    }

    private mutating func setReplicas(_ replicas: Int32, of key: ChildKey) {
        guard let index = desired.firstIndex(where: { ChildKey(of: $0.json) == key }) else { return }
        var json = desired[index].json
        json[path: ["spec", "replicas"]] = .integer(Int64(replicas))
        desired[index] = DynamicObject(json: json)
    }
}
