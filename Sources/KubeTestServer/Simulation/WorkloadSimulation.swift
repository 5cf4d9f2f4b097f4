import Foundation
import KubeCore
import Synchronization

/// An opt-in simulation of the kube-controller-manager's workload controllers and of the kubelet, so that objects
/// written to a ``KubeTestServer`` behave as on a cluster: Deployments get ReplicaSets and pods and roll,
/// StatefulSets get ordinal pods and PersistentVolumeClaims, Jobs complete or fail, and HorizontalPodAutoscalers
/// scale their targets.
///
/// Enable it with ``KubeTestServer/Configuration/simulation``; the server then exposes it as
/// ``KubeTestServer/simulation`` for the hooks that steer pods (``setPodBehaviour(_:matching:)``) and autoscalers
/// (``setHorizontalPodAutoscalerRecommendation(namespace:name:replicas:)``).
///
/// The simulation observes the store directly (no HTTP, no watch): its writes never appear in
/// ``KubeTestServer/requestLog`` and are not counted in ``KubeTestServer/openWatchCount``, but they get
/// resourceVersions and watch events exactly like API writes, status writes never bump `metadata.generation`, and
/// each write records a `managedFields` entry for manager `kube-controller-manager` (operation `Update`, subresource
/// `status` for status writes and `scale` for autoscaler writes).
///
/// Not modelled: scheduling and nodes, container images and probes (readiness comes from the behaviour hooks),
/// graceful termination (deleted pods disappear at once), pod disruption budgets, events, ControllerRevision
/// objects, CronJobs, DaemonSets and metrics.
public final class WorkloadSimulation: Sendable {
    /// How the simulation is timed.
    public struct Configuration: Sendable {
        /// How often time-based transitions are checked (readiness delays, restarts, deadlines).
        public var tick: Duration
        /// How long after creation a ``PodBehaviour/healthy`` pod becomes Ready (and a job pod finishes).
        public var podReadyDelay: Duration
        /// How often a ``PodBehaviour/crashLoop`` pod's `restartCount` grows.
        public var crashLoopRestartInterval: Duration

        /// Creates a configuration; the defaults make a healthy Deployment Available within a few hundred
        /// milliseconds.
        public init(
            tick: Duration = .milliseconds(50),
            podReadyDelay: Duration = .milliseconds(100),
            crashLoopRestartInterval: Duration = .milliseconds(200)
        ) {
            self.tick = tick
            self.podReadyDelay = podReadyDelay
            self.crashLoopRestartInterval = crashLoopRestartInterval
        }
    }

    /// The configuration the simulation runs with.
    public let configuration: Configuration
    let store: ObjectStore
    private let state: Mutex<SimulationState>
    /// Events recorded by the store since the last step (filled inside the store's isolation).
    private let inbox = Mutex<[ObjectStore.StoredEvent]>([])
    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let podOwners = PodOwnerReferences()

    init(configuration: Configuration, store: ObjectStore) {
        self.configuration = configuration
        self.store = store
        self.state = Mutex(SimulationState(configuration: configuration, podOwners: podOwners))
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: Hooks

    /// Makes pods matching `match` behave as `behaviour`, existing pods included; later calls win over earlier
    /// ones for pods both match.
    public func setPodBehaviour(_ behaviour: PodBehaviour, matching match: PodMatch) {
        state.withLock { state in
            state.behaviours.append((match, behaviour))
            state.behavioursChanged = true
        }
        wakeup.yield()
    }

    /// Forgets every ``setPodBehaviour(_:matching:)``: all pods are ``PodBehaviour/healthy`` again.
    public func clearPodBehaviours() {
        state.withLock { state in
            state.behaviours.removeAll()
            state.behavioursChanged = true
        }
        wakeup.yield()
    }

    /// Makes a HorizontalPodAutoscaler want `replicas` (clamped to its `minReplicas`…`maxReplicas`), as load would.
    public func setHorizontalPodAutoscalerRecommendation(namespace: String, name: String, replicas: Int32) {
        let key = WorkloadKey(
            SimulatedResource.horizontalPodAutoscalers.groupResource,
            namespace: namespace,
            name: name
        )
        state.withLock { state in
            state.recommendations[key] = replicas
            state.dirty.insert(key)
        }
        wakeup.yield()
    }

    // MARK: Lifecycle

    /// Starts observing the store, takes in the objects already stored, and runs until ``stop()``.
    func start() async {
        let wakeup = self.wakeup
        let watched = Set(SimulatedResource.watched.map(\.groupResource))
        // The store keeps this closure (and so the simulation) until stop() removes it.
        await store.setEventObserver { [self] event in
            podOwners.observe(event)
            guard watched.contains(event.resource) else { return }
            inbox.withLock { $0.append(event) }
            wakeup.yield()
        }
        await store.perform { [self] store in
            for (resource, objects) in store.objects {
                for object in objects.values {
                    let event = ObjectStore.StoredEvent(
                        revision: store.revision,
                        type: "ADDED",
                        resource: resource,
                        object: object.object,
                        previous: nil
                    )
                    podOwners.observe(event)
                }
            }
            for type in SimulatedResource.watched {
                for object in store.storedObjects(of: type.groupResource) {
                    let event = ObjectStore.StoredEvent(
                        revision: store.revision,
                        type: "ADDED",
                        resource: type.groupResource,
                        object: object,
                        previous: nil
                    )
                    inbox.withLock { $0.append(event) }
                }
            }
        }
        let tick = configuration.tick
        let runner = Task { [self] in
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: tick)
                        wakeup.yield()
                    }
                }
                for await _ in wakeups {
                    if Task.isCancelled { break }
                    let more = await store.perform { store in self.step(store) }
                    if more { wakeup.yield() }
                }
                group.cancelAll()
            }
        }
        task.withLock { $0 = runner }
        wakeup.yield()
    }

    /// Stops the simulation and waits until its task has ended.
    func stop() async {
        let runner = task.withLock { task in
            defer { task = nil }
            return task
        }
        runner?.cancel()
        wakeup.finish()
        await runner?.value
        await store.setEventObserver(nil)
    }

    /// Whether the simulation's task is running (for tests of ``KubeTestServer/shutdown()``).
    var isRunning: Bool { task.withLock { $0 != nil } }

    // MARK: Steps

    /// Takes in the recorded events, advances what is due, and syncs every controller concerned until no new
    /// event arrives (at most 64 rounds). Returns whether work is left for another step.
    private func step(_ store: isolated ObjectStore) -> Bool {
        return state.withLock { state in
            let now = store.now()
            if state.behavioursChanged {
                state.behavioursChanged = false
                for uid in state.trackedPods.keys { state.podDue[uid] = now }
            }
            let due = state.takeDue(now: now)
            for uid in due.pods { PodLifecycle.advance(uid, state: &state, in: store) }
            state.dirty.formUnion(due.controllers)
            for _ in 0..<64 {
                let events = inbox.withLock { events in
                    defer { events.removeAll(keepingCapacity: true) }
                    return events
                }
                for event in events { state.intake(event) }
                guard !state.dirty.isEmpty else { return false }
                let batch = state.dirty
                state.dirty.removeAll(keepingCapacity: true)
                for key in batch { Self.sync(key, state: &state, in: store) }
            }
            return true
        }
    }

    private static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {
        switch key.resource {
        case SimulatedResource.deployments.groupResource:
            DeploymentController.sync(key, state: &state, in: store)
        case SimulatedResource.replicaSets.groupResource:
            ReplicaSetController.sync(key, state: &state, in: store)
        case SimulatedResource.statefulSets.groupResource:
            StatefulSetController.sync(key, state: &state, in: store)
        case SimulatedResource.jobs.groupResource:
            JobController.sync(key, state: &state, in: store)
        case SimulatedResource.horizontalPodAutoscalers.groupResource:
            HorizontalPodAutoscalerController.sync(key, state: &state, in: store)
        default: break
        }
    }
}
