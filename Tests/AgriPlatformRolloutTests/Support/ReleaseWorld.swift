import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore

/// A tiny deterministic cluster for one service: a stable and a candidate Deployment whose pods become ready (or
/// crash, or never become ready) one tick after they change, a migration Job, a clock, and the operator's status.
/// Tests drive the pure state machine against it: decide, apply the shape, tick — the way the reconciler and the
/// workload controllers take turns on a real cluster.
struct ReleaseWorld {
    /// A Deployment of the world.
    struct Workload: Equatable {
        var revision: String
        var replicas: Int32
        /// Pods of `revision` that are ready.
        var ready: Int32 = 0
        /// Pods of `revision` that exist.
        var updated: Int32 = 0
        /// Restarts summed over its pods.
        var restarts: Int32 = 0
        /// When its template last changed.
        var changedAt: Date
    }

    /// How the pods of a revision behave.
    enum Behaviour {
        case healthy, neverReady, crashLoop
    }

    var service: PlatformService
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var stable: Workload?
    var candidate: Workload?
    var candidateRole: ReleaseShape.Role?
    var behaviours: [String: Behaviour] = [:]
    var migrations: [String: JobState.Outcome] = [:]
    /// The outcome each revision's migration Job ends with (default success).
    var migrationResults: [String: JobState.Outcome] = [:]
    var status: RolloutStatus?
    var command: String?
    var pendingDependencies: [String] = []
    var measurements: [AnalysisMeasurement] = []
    /// Every decision's shape and actions, in order.
    var shapes: [ReleaseShape] = []
    var events: [ReleaseEvent] = []
    var restores: [String] = []
    var reruns: [String] = []
    /// The revisions that received traffic after each decision was applied.
    var servingLog: [Set<String>] = []
    var tickSeconds: Double = 5

    /// The revision a service's image stands for.
    static func revision(_ image: String) -> String { "rev" + image.replacingOccurrences(of: ":", with: "") }

    var desiredRevision: String { Self.revision(service.image) }

    /// A world where the stable Deployment runs `image` (none when `nil`). With `known`, the operator has already
    /// recorded it as the stable revision (it ran before the spec changed); otherwise its first reconcile adopts it.
    init(service: PlatformService, running image: String? = nil, known: Bool = true) {
        self.service = service
        if let image {
            if known {
                var status = RolloutStatus()
                status.stableRevision = Self.revision(image)
                status.history = [RevisionRecord(revision: Self.revision(image), image: image, completedAt: nil)]
                self.status = status
            }
            let replicas = service.replicas ?? 2
            stable = Workload(
                revision: Self.revision(image),
                replicas: replicas,
                ready: replicas,
                updated: replicas,
                changedAt: now
            )
        }
    }

    func observation() -> ReleaseObservation {
        ReleaseObservation(
            service: service,
            desiredRevision: desiredRevision,
            desiredReplicas: service.replicas ?? 2,
            stable: stable.map(state),
            candidate: candidate.map(state),
            pods: pods(),
            migration: service.migration == nil
                ? nil
                : migrations[desiredRevision].map {
                    JobState(name: "migrate-\(desiredRevision)", outcome: $0, message: $0 == .failed ? "exit 1" : nil)
                },
            measurements: measurements,
            command: command,
            pendingDependencies: pendingDependencies
        )
    }

    func state(_ workload: Workload) -> WorkloadState {
        let deadline = Double(service.rollout?.progressDeadlineSeconds ?? 600)
        let complete = workload.ready == workload.replicas && workload.updated == workload.replicas
        return WorkloadState(
            revision: workload.revision,
            specReplicas: workload.replicas,
            replicas: workload.replicas,
            updatedReplicas: workload.updated,
            readyReplicas: workload.ready,
            availableReplicas: workload.ready,
            observedLatest: true,
            progressDeadlineExceeded: !complete && now.timeIntervalSince(workload.changedAt) > deadline
        )
    }

    func pods() -> [PodSummary] {
        var pods: [PodSummary] = []
        for (prefix, workload) in [("stable", stable), ("candidate", candidate)] {
            guard let workload else { continue }
            for index in 0..<Int(workload.updated) {
                pods.append(
                    PodSummary(
                        name: "\(prefix)-\(workload.revision)-\(index)",
                        revision: workload.revision,
                        createdAt: workload.changedAt,
                        ready: index < workload.ready,
                        readyChangedAt: workload.changedAt,
                        restarts: index == 0 ? workload.restarts : 0,
                        crashLooping: behaviours[workload.revision] == .crashLoop
                    )
                )
            }
        }
        return pods
    }

    /// One reconcile: decide from the world, keep the status, apply the shape and actions — unless
    /// `crashesBeforeActing`: an operator that dies after writing the status (the reconciler writes a release's
    /// new memory before it changes anything) and before acting on it.
    @discardableResult
    mutating func reconcile(crashesBeforeActing: Bool = false) -> ReleaseDecision {
        let decision = ReleaseMachine.decide(previous: status, observation: observation(), now: now)
        status = decision.status
        if crashesBeforeActing { return decision }
        shapes.append(decision.shape)
        for action in decision.actions {
            switch action {
            case .event(let event): events.append(event)
            case .restoreStable(let revision):
                restores.append(revision)
                stable = Self.changed(stable, to: revision, replicas: stable?.replicas ?? 2, at: now)
            case .rerunMigration(let job):
                reruns.append(job)
                migrations[desiredRevision] = nil
            }
        }
        apply(decision.shape)
        servingLog.append(serving(decision.shape))
        return decision
    }

    mutating func apply(_ shape: ReleaseShape) {
        if shape.runsMigration, service.migration != nil, migrations[desiredRevision] == nil {
            migrations[desiredRevision] = .running
        }
        if shape.appliesStable {
            stable = Self.changed(
                stable,
                to: desiredRevision,
                replicas: stable?.replicas ?? service.replicas ?? 2,
                at: now
            )
        }
        if let wanted = shape.candidate {
            if candidate?.revision != desiredRevision || candidateRole != wanted.role {
                candidate = Workload(revision: desiredRevision, replicas: wanted.replicas, changedAt: now)
                candidateRole = wanted.role
            } else if var current = candidate, current.replicas != wanted.replicas {
                current.replicas = wanted.replicas
                current.updated = min(current.updated, wanted.replicas)
                current.ready = min(current.ready, wanted.replicas)
                candidate = current
            }
        } else {
            candidate = nil
            candidateRole = nil
        }
    }

    /// `workload` after its template changed to `revision` (unchanged when it already runs it).
    static func changed(_ workload: Workload?, to revision: String, replicas: Int32, at now: Date) -> Workload {
        if let workload, workload.revision == revision { return workload }
        return Workload(revision: revision, replicas: replicas, ready: 0, updated: 0, changedAt: now)
    }

    /// Time passes: pods of changed Deployments start and become ready (or not), Jobs finish.
    mutating func tick() {
        now = now.addingTimeInterval(tickSeconds)
        for (revision, outcome) in migrations where outcome == .running {
            migrations[revision] = migrationResults[revision] ?? .succeeded
        }
        stable = stable.map(progressed)
        candidate = candidate.map(progressed)
    }

    func progressed(_ workload: Workload) -> Workload {
        var current = workload
        current.updated = current.replicas
        switch behaviours[current.revision] ?? .healthy {
        case .healthy: current.ready = current.replicas
        case .neverReady: current.ready = 0
        case .crashLoop:
            current.ready = 0
            current.restarts += 1
        }
        return current
    }

    /// The revisions receiving traffic once `shape` is applied: the active revision's pods, or every ready pod.
    func serving(_ shape: ReleaseShape) -> Set<String> {
        var revisions: Set<String> = []
        for workload in [stable, candidate].compactMap({ $0 }) where workload.updated > 0 || workload.ready > 0 {
            if let active = shape.activeRevision, workload.revision != active {
                // Pods of other revisions only receive traffic through the canary backend's weight.
                if candidate == workload, candidateRole == .canary, shape.canaryWeight > 0 {
                    revisions.insert(workload.revision)
                }
                continue
            }
            if candidate == workload, candidateRole == .preview, shape.activeRevision == nil { continue }
            revisions.insert(workload.revision)
        }
        return revisions
    }

    /// Reconciles and ticks until `done` or `limit` rounds.
    mutating func run(rounds limit: Int = 200, until done: (ReleaseWorld) -> Bool) {
        for _ in 0..<limit {
            reconcile()
            if done(self) { return }
            tick()
        }
    }

    /// Events of `reason`.
    func events(_ reason: String) -> [ReleaseEvent] { events.filter { $0.reason == reason } }

    /// Issues a command the next reconcile handles.
    mutating func send(_ verb: RolloutCommand.Verb, argument: String? = nil) {
        command =
            RolloutCommand(verb: verb, argument: argument, id: "\(Int(now.timeIntervalSince1970))-\(events.count)")
            .description
    }
}

/// Services for the tables.
enum Services {
    static func rolling(image: String = "api:2", replicas: Int32 = 4) -> PlatformService {
        var service = PlatformService(name: "api", image: image)
        service.replicas = replicas
        return service
    }

    static func canary(image: String = "api:2", routing: String? = nil) -> PlatformService {
        var service = rolling(image: image)
        var rollout = Rollout(strategy: .canary)
        var canary = CanaryStrategy(steps: [
            .setWeight(20), .pause(seconds: 30), .setWeight(50), .pause(seconds: nil), .setWeight(80),
        ])
        canary.trafficRouting = routing
        rollout.canary = canary
        service.rollout = rollout
        return service
    }

    static func blueGreen(image: String = "api:2", autoPromotion: Int32? = nil) -> PlatformService {
        var service = rolling(image: image)
        var rollout = Rollout(strategy: .blueGreen)
        rollout.blueGreen = BlueGreenStrategy(autoPromotionSeconds: autoPromotion, scaleDownDelaySeconds: 30)
        service.rollout = rollout
        return service
    }
}
