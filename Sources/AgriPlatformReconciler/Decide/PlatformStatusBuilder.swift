import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import KubeCore

/// Derives a platform's whole status from an observation and a plan: phase, conditions and per-service and
/// per-datastore entries. Pure and deterministic, so an unchanged world yields an equal status and no write.
///
/// Nothing is carried over from the previous status except each condition's `lastTransitionTime` when its status
/// did not change (and, for an invalid spec, the per-service and per-datastore entries, which cannot be derived
/// without a render). The phase is never read back: it is derived every time, as Argo Rollouts'
/// `CalculateRolloutPhase` does.
struct PlatformStatusBuilder {
    /// What was observed.
    var observation: PlatformObservation
    /// What was decided.
    var plan: ReconcilePlan
    /// Objects the act step could not apply or delete, with the server's reason.
    var failures: [ChildFailure]
    /// The transition time for conditions that change now (whole seconds, as the API stores it).
    var now: Time
    /// Whether the cluster serves the Prometheus Operator's APIs, for `status.observability`.
    var prometheusOperatorAvailable: Bool = false

    /// The status to write.
    func status() -> AgriPlatformStatus {
        let platform = observation.platform
        let previous = platform.status ?? AgriPlatformStatus()
        var status = AgriPlatformStatus()
        status.observedGeneration = platform.metadata.generation
        status.observability = Self.observabilityStatus(
            platform.spec,
            prometheusOperatorAvailable: prometheusOperatorAvailable
        )
        var conditions = previous.conditions ?? []
        let generation = platform.metadata.generation

        func set(_ type: String, _ value: Bool, _ reason: ConditionReason, _ message: String) {
            conditions.setCondition(
                Condition(
                    type: type,
                    status: value ? "True" : "False",
                    observedGeneration: generation,
                    reason: reason.rawValue,
                    message: message
                ),
                now: now
            )
        }

        if let problems = plan.specProblems {
            status.services = previous.services
            status.datastores = previous.datastores
            status.readyServices = previous.readyServices
            status.readyDatastores = previous.readyDatastores
            set(AgriPlatformConditionType.invalidSpec, true, problems.reason, problems.message)
            set(AgriPlatformConditionType.ready, false, .invalidSpec, "the spec is invalid; see InvalidSpec")
            set(
                AgriPlatformConditionType.progressing,
                false,
                .invalidSpec,
                "no change is applied until the spec is fixed"
            )
            status.phase = .failed
            Self.setKStatusConditions(&conditions, phase: .failed, generation: generation, now: now)
            status.conditions = Self.ordered(conditions)
            return status
        }
        set(AgriPlatformConditionType.invalidSpec, false, .specValid, "the spec is valid")

        let desiredByKey = Dictionary(plan.desired.map { (ChildKey(of: $0.json), $0.json) }) { first, _ in first }
        let platformName = platform.metadata.name ?? ""

        // Services.
        var serviceEntries: [AgriPlatformAPI.ServiceStatus] = []
        var readyServices = 0
        var waiting: [String] = []
        var failed: [(ConditionReason, String)] = []
        var pausedReleases: [String] = []
        for service in platform.spec.services {
            let key = ChildKey(group: "apps", kind: "Deployment", name: "\(platformName)-\(service.name)")
            let desired = desiredByKey[key]
            let observed = observation.children[key]
            var entry = AgriPlatformAPI.ServiceStatus(name: service.name)
            entry.image = desired.flatMap(Self.image(ofDeployment:))
            entry.revision =
                desired?[path: ["spec", "template", "metadata", "annotations"]]?[
                    PodTemplateRevision.annotation
                ]?.stringValue
            let deploymentStatus = observed?.decodedStatus(as: DeploymentStatus.self)
            entry.replicas = observed?.specReplicas ?? (observed == nil ? nil : 1)
            entry.readyReplicas = deploymentStatus?.readyReplicas ?? (observed == nil ? nil : 0)
            entry.updatedReplicas = deploymentStatus?.updatedReplicas ?? (observed == nil ? nil : 0)
            let release = plan.releases.decisions[service.name]?.status
            entry.rollout = release
            serviceEntries.append(entry)
            if let wait = plan.datastores?.serviceWaits[service.name], release?.phase != .healthy {
                waiting.append("service \(service.name) \(wait)")
                continue
            }
            // While a rolling update (or a first release) moves the stable Deployment, its progress is reported the
            // way `kubectl rollout status` reports it, below; otherwise the release says where it is.
            let shape = plan.releases.decisions[service.name]?.shape
            let movesStable = shape?.appliesStable == true && shape?.candidate == nil
            if let release, release.phase != .healthy, !movesStable || release.phase == .rolledBack {
                let message = "service \(service.name): \(release.message ?? release.phase?.rawValue ?? "releasing")"
                switch release.phase {
                case .rolledBack?: failed.append((.releaseRolledBack, message))
                case .degraded?: failed.append((.releaseDegraded, message))
                case .paused?:
                    waiting.append(message)
                    pausedReleases.append(service.name)
                default: waiting.append(message)
                }
                continue
            }
            let progress = WorkloadProgress.deployment(
                observed,
                isOutOfDate: plan.outOfDate.contains(key),
                status: .some(deploymentStatus)
            )
            if let wait = plan.datastores?.serviceWaits[service.name], progress != .complete {
                waiting.append("service \(service.name) \(wait)")
                continue
            }
            switch progress {
            case .complete: readyServices += 1
            case .notCreated: waiting.append("service \(service.name): Deployment \(key.name) not created yet")
            case .applying: waiting.append("service \(service.name): Deployment \(key.name) is being updated")
            case .progressing(let what): waiting.append("service \(service.name): \(what)")
            case .failed(let reason, let message): failed.append((reason, "service \(service.name): \(message)"))
            }
        }
        status.services = serviceEntries
        status.readyServices = "\(readyServices)/\(platform.spec.services.count)"

        // Jobs: services' migrations (one per revision) and datastores' own (MongoDB's membership).
        for key in desiredByKey.keys.sorted() where key.kind == "Job" && plan.datastores?.held.contains(key) != true {
            switch WorkloadProgress.job(observation.children[key], isOutOfDate: plan.outOfDate.contains(key)) {
            case .complete: break
            case .notCreated: waiting.append("Job \(key.name) not created yet")
            case .applying: waiting.append("Job \(key.name) is being applied")
            case .progressing(let what): waiting.append(what)
            case .failed(let reason, let message): failed.append((reason, message))
            }
        }

        // Datastores.
        let datastores = plan.datastores?.statuses ?? []
        waiting += plan.datastores?.waits ?? []
        status.datastores = datastores.isEmpty ? nil : datastores
        let readyDatastores = datastores.filter { $0.ready == true }
        status.readyDatastores = "\(readyDatastores.count)/\(datastores.count)"
        let unready = datastores.filter { $0.ready != true }
        if unready.isEmpty {
            let message = datastores.isEmpty ? "the platform has no datastores" : "every datastore is ready"
            set(AgriPlatformConditionType.datastoresReady, true, .datastoresReady, message)
        } else {
            let message = unready.map { "\($0.name): \($0.message ?? "not ready")" }.joined(separator: "; ")
            set(AgriPlatformConditionType.datastoresReady, false, .datastoresNotReady, message)
        }

        // Degraded: rejected writes, name conflicts, stalled workloads.
        let childFailures = (plan.conflicts + (plan.datastores?.refusals ?? []) + failures).sorted { $0.key < $1.key }
        if let first = childFailures.first {
            let message = childFailures.map(\.message).joined(separator: "; ")
            set(AgriPlatformConditionType.degraded, true, first.reason, message)
        } else if let first = failed.first {
            set(AgriPlatformConditionType.degraded, true, first.0, failed.map(\.1).joined(separator: "; "))
        } else {
            set(AgriPlatformConditionType.degraded, false, .asExpected, "nothing is failing")
        }

        // Progressing.
        if plan.isPaused {
            set(
                AgriPlatformConditionType.progressing,
                false,
                .paused,
                "paused by the \(AgriPlatform.pausedAnnotation) annotation; remove it to resume"
            )
        } else if plan.changesChildren {
            let message = ([Self.applyingMessage(plan)] + waiting).joined(separator: "; ")
            set(AgriPlatformConditionType.progressing, true, .applying, message)
        } else if !waiting.isEmpty {
            set(AgriPlatformConditionType.progressing, true, .rollingOut, waiting.joined(separator: "; "))
        } else {
            set(AgriPlatformConditionType.progressing, false, .complete, "every object is at the desired revision")
        }

        // Ready, then the phase.
        let isDegraded = !childFailures.isEmpty || !failed.isEmpty
        let isProgressing = conditions[type: AgriPlatformConditionType.progressing]?.status == "True"
        if isDegraded {
            set(AgriPlatformConditionType.ready, false, .degraded, "the platform is degraded; see Degraded")
        } else if isProgressing || (plan.isPaused && !waiting.isEmpty) {
            let message = waiting.isEmpty ? Self.applyingMessage(plan) : waiting.joined(separator: "; ")
            set(AgriPlatformConditionType.ready, false, .progressing, message)
        } else if !unready.isEmpty {
            set(
                AgriPlatformConditionType.ready,
                false,
                .datastoresNotReady,
                "a datastore is not ready; see DatastoresReady"
            )
        } else {
            set(
                AgriPlatformConditionType.ready,
                true,
                .ready,
                "\(serviceEntries.count) services and \(datastores.count) datastores are ready"
            )
        }
        status.conditions = Self.ordered(conditions)
        status.phase = Self.phase(
            failures: childFailures,
            paused: plan.isPaused,
            degraded: isDegraded,
            ready: conditions[type: AgriPlatformConditionType.ready]?.status == "True",
            nothingExists: plan.desired.allSatisfy { observation.children[ChildKey(of: $0.json)] == nil }
        )
        if status.phase == .progressing, !pausedReleases.isEmpty {
            // A release waits for a person (a canary pause, a blue-green promotion, kubectl agri pause).
            status.phase = .paused
        }
        if let phase = status.phase {
            Self.setKStatusConditions(&conditions, phase: phase, generation: generation, now: now)
            status.conditions = Self.ordered(conditions)
        }
        return status
    }

    /// `Reconciling` and `Stalled`, derived from the phase for kstatus (Flux health checks, `kstatus`-based tools):
    /// without them kstatus calls a platform `Current` as soon as `observedGeneration` matches, long before it is
    /// ready. Their messages repeat the `Ready` condition's, which says what is under way or wrong.
    static func setKStatusConditions(
        _ conditions: inout [Condition],
        phase: AgriPlatformPhase,
        generation: Int64?,
        now: Time
    ) {
        let message = conditions[type: AgriPlatformConditionType.ready]?.message ?? phase.rawValue
        let reconciling = [AgriPlatformPhase.pending, .progressing, .paused].contains(phase)
        let stalled = phase == .failed
        for (type, value, reason) in [
            (
                AgriPlatformConditionType.reconciling, reconciling,
                reconciling ? ConditionReason.reconciling : .reconciled
            ),
            (AgriPlatformConditionType.stalled, stalled, stalled ? ConditionReason.stalled : .notStalled),
        ] {
            _ = conditions.setCondition(
                Condition(
                    type: type,
                    status: value ? "True" : "False",
                    observedGeneration: generation,
                    reason: reason.rawValue,
                    message: value ? message : "the platform is \(phase.rawValue)"
                ),
                now: now
            )
        }
    }

    /// Failed (a rejected write) > Paused > Degraded > Ready > Pending (nothing exists yet) > Progressing.
    static func phase(
        failures: [ChildFailure],
        paused: Bool,
        degraded: Bool,
        ready: Bool,
        nothingExists: Bool
    ) -> AgriPlatformPhase {
        if failures.contains(where: { $0.reason == .applyFailed }) { return .failed }
        if paused { return .paused }
        if degraded { return .degraded }
        if ready { return .ready }
        if nothingExists { return .pending }
        return .progressing
    }

    /// `Ready` first, then the others in a fixed order, so the list never reorders.
    static func ordered(_ conditions: [Condition]) -> [Condition] {
        let order = [
            AgriPlatformConditionType.ready, AgriPlatformConditionType.progressing, AgriPlatformConditionType.degraded,
            AgriPlatformConditionType.datastoresReady, AgriPlatformConditionType.invalidSpec,
            AgriPlatformConditionType.reconciling, AgriPlatformConditionType.stalled,
        ]
        return conditions.sorted {
            (order.firstIndex(of: $0.type) ?? order.count, $0.type) < (
                order.firstIndex(of: $1.type) ?? order.count, $1.type
            )
        }
    }

    static func applyingMessage(_ plan: ReconcilePlan) -> String {
        var parts: [String] = []
        if !plan.secretsToCreate.isEmpty {
            parts.append("generating Secret " + Self.list(plan.secretsToCreate))
        }
        if !plan.applies.isEmpty {
            parts.append("applying " + Self.list(plan.applies.map { ChildKey(of: $0.json).description }))
        }
        if !plan.deletions.isEmpty {
            parts.append("deleting " + Self.list(plan.deletions.map(\.key.description)))
        }
        return parts.joined(separator: "; ")
    }

    /// At most five names, then a count.
    static func list(_ names: [String]) -> String {
        names.count <= 5
            ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + " and \(names.count - 5) more"
    }

    static func image(ofDeployment object: JSONValue) -> String? {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }
}
