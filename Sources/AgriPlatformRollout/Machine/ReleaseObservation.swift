public import AgriPlatformAPI
public import Foundation

/// Everything the reconciler observed about one service's release, read from its caches (and, for metric
/// analysis, from Prometheus) in the observe step. The rollout state machine decides from this, the previous
/// ``RolloutStatus`` and the time alone.
public struct ReleaseObservation: Sendable, Hashable {
    /// The service's spec.
    public var service: PlatformService
    /// The revision the spec renders (the pod template's hash).
    public var desiredRevision: String
    /// The pods the stable Deployment should run when nothing else decides: the HPA's current choice (the
    /// observed `spec.replicas`) when autoscaled, else the spec's replicas.
    public var desiredReplicas: Int32
    /// The stable Deployment `<platform>-<service>`, if it exists.
    public var stable: WorkloadState?
    /// The canary or preview Deployment, if one exists.
    public var candidate: WorkloadState?
    /// The service's pods, of every revision and both Deployments.
    public var pods: [PodSummary]
    /// The migration Job of ``desiredRevision``, when the service has a migration and the Job exists.
    public var migration: JobState?
    /// Metric measurements taken in this reconcile (empty when none was due or no metric check is configured).
    public var measurements: [AnalysisMeasurement]
    /// The command annotation's value, if any (see ``RolloutCommand``).
    public var command: String?
    /// Services this one `dependsOn` whose release has not finished, in spec order.
    public var pendingDependencies: [String]

    /// Creates an observation.
    public init(
        service: PlatformService,
        desiredRevision: String,
        desiredReplicas: Int32,
        stable: WorkloadState? = nil,
        candidate: WorkloadState? = nil,
        pods: [PodSummary] = [],
        migration: JobState? = nil,
        measurements: [AnalysisMeasurement] = [],
        command: String? = nil,
        pendingDependencies: [String] = []
    ) {
        self.service = service
        self.desiredRevision = desiredRevision
        self.desiredReplicas = desiredReplicas
        self.stable = stable
        self.candidate = candidate
        self.pods = pods
        self.migration = migration
        self.measurements = measurements
        self.command = command
        self.pendingDependencies = pendingDependencies
    }
}

/// A Deployment as observed: its revision and the counts its controller reports.
public struct WorkloadState: Sendable, Hashable {
    /// The revision of its pod template (the Deployment's `agriplatform.io/revision` annotation).
    public var revision: String?
    /// `spec.replicas`.
    public var specReplicas: Int32
    /// `status.replicas`: every pod, old and new.
    public var replicas: Int32
    /// `status.updatedReplicas`: pods of the current template.
    public var updatedReplicas: Int32
    /// `status.readyReplicas`.
    public var readyReplicas: Int32
    /// `status.availableReplicas`.
    public var availableReplicas: Int32
    /// Whether the controller has seen the latest spec (`status.observedGeneration >= metadata.generation`).
    public var observedLatest: Bool
    /// Whether the `Progressing` condition says `ProgressDeadlineExceeded`.
    public var progressDeadlineExceeded: Bool

    /// Whether every pod runs the current template and is available: `kubectl rollout status` would succeed.
    public var isComplete: Bool {
        observedLatest && updatedReplicas == specReplicas && replicas == specReplicas
            && availableReplicas == specReplicas && readyReplicas == specReplicas
    }

    /// Creates a workload state.
    public init(
        revision: String?,
        specReplicas: Int32,
        replicas: Int32 = 0,
        updatedReplicas: Int32 = 0,
        readyReplicas: Int32 = 0,
        availableReplicas: Int32 = 0,
        observedLatest: Bool = true,
        progressDeadlineExceeded: Bool = false
    ) {
        self.revision = revision
        self.specReplicas = specReplicas
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedLatest = observedLatest
        self.progressDeadlineExceeded = progressDeadlineExceeded
    }
}

/// One pod of a service, summarised: enough to judge a revision's health without keeping pods in memory.
public struct PodSummary: Sendable, Hashable {
    /// The pod's name.
    public var name: String
    /// Its `agriplatform.io/revision` label.
    public var revision: String?
    /// When it was created.
    public var createdAt: Date?
    /// Whether its `Ready` condition is `True`.
    public var ready: Bool
    /// When its `Ready` condition last changed.
    public var readyChangedAt: Date?
    /// The sum of its containers' `restartCount`.
    public var restarts: Int32
    /// Whether a container waits in `CrashLoopBackOff`.
    public var crashLooping: Bool
    /// Whether a container cannot start its image (`ErrImagePull`, `ImagePullBackOff`, `InvalidImageName`,
    /// `CreateContainerConfigError`): a release that can never succeed.
    public var cannotStart: Bool
    /// Whether it is being deleted.
    public var terminating: Bool

    /// Creates a pod summary.
    public init(
        name: String,
        revision: String?,
        createdAt: Date? = nil,
        ready: Bool,
        readyChangedAt: Date? = nil,
        restarts: Int32 = 0,
        crashLooping: Bool = false,
        cannotStart: Bool = false,
        terminating: Bool = false
    ) {
        self.name = name
        self.revision = revision
        self.createdAt = createdAt
        self.ready = ready
        self.readyChangedAt = readyChangedAt
        self.restarts = restarts
        self.crashLooping = crashLooping
        self.cannotStart = cannotStart
        self.terminating = terminating
    }
}

/// A Job as observed.
public struct JobState: Sendable, Hashable {
    /// Its name.
    public var name: String
    /// Running, succeeded or failed.
    public var outcome: Outcome
    /// The `Failed` condition's message, when it failed.
    public var message: String?

    /// How a Job ended, or that it has not.
    public enum Outcome: String, Sendable, Hashable {
        case running = "Running"
        case succeeded = "Succeeded"
        case failed = "Failed"
    }

    /// Creates a Job state.
    public init(name: String, outcome: Outcome, message: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.message = message
    }
}
