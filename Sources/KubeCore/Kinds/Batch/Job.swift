/// Pods that run to completion (batch/v1 `Job`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/>.
public struct Job: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "batch",
        version: "v1",
        kind: "Job",
        plural: "jobs",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec?
    public var status: JobStatus?

    public init(metadata: ObjectMeta, spec: JobSpec? = nil, status: JobStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired execution of a Job (batch/v1 `JobSpec`).
///
/// `podFailurePolicy`, `successPolicy` are kept as untyped ``JSONValue`` because they are deep and rarely set.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/#JobSpec>.
public struct JobSpec: Codable, Sendable, Hashable {
    /// Pods running at once; defaults to 1.
    public var parallelism: Int32?
    /// Successful pods needed; absent means any one success (with `parallelism` > 1, all must finish).
    public var completions: Int32?
    /// Seconds the Job may run before it is failed with `DeadlineExceeded`.
    public var activeDeadlineSeconds: Int64?
    /// Rules that fail the Job or ignore failures by exit code or condition, kept untyped (`PodFailurePolicy`).
    public var podFailurePolicy: JSONValue?
    /// Rules that declare an indexed Job succeeded early, kept untyped (`SuccessPolicy`).
    public var successPolicy: JSONValue?
    /// Retries before the Job is failed; defaults to 6.
    public var backoffLimit: Int32?
    /// Retries per index of an indexed Job.
    public var backoffLimitPerIndex: Int32?
    /// Failed indexes tolerated before the Job is failed, with `backoffLimitPerIndex`.
    public var maxFailedIndexes: Int32?
    /// Selects the Job's pods; generated unless `manualSelector` is `true`.
    public var selector: LabelSelector?
    /// Whether `selector` is given by hand instead of generated from the Job's UID; rarely correct.
    public var manualSelector: Bool?
    public var template: PodTemplateSpec?
    /// Seconds after finishing before the Job is deleted automatically.
    public var ttlSecondsAfterFinished: Int32?
    /// `NonIndexed` (default) or `Indexed`.
    public var completionMode: String?
    /// Whether the Job is suspended: no pods are created and running ones are terminated.
    public var suspend: Bool?
    /// `TerminatingOrFailed` or `Failed`: when replacement pods are created.
    public var podReplacementPolicy: String?
    /// The controller that manages the Job; absent means the built-in Job controller.
    public var managedBy: String?

    public init(
        parallelism: Int32? = nil,
        completions: Int32? = nil,
        activeDeadlineSeconds: Int64? = nil,
        podFailurePolicy: JSONValue? = nil,
        successPolicy: JSONValue? = nil,
        backoffLimit: Int32? = nil,
        backoffLimitPerIndex: Int32? = nil,
        maxFailedIndexes: Int32? = nil,
        selector: LabelSelector? = nil,
        manualSelector: Bool? = nil,
        template: PodTemplateSpec? = nil,
        ttlSecondsAfterFinished: Int32? = nil,
        completionMode: String? = nil,
        suspend: Bool? = nil,
        podReplacementPolicy: String? = nil,
        managedBy: String? = nil
    ) {
        self.parallelism = parallelism
        self.completions = completions
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.podFailurePolicy = podFailurePolicy
        self.successPolicy = successPolicy
        self.backoffLimit = backoffLimit
        self.backoffLimitPerIndex = backoffLimitPerIndex
        self.maxFailedIndexes = maxFailedIndexes
        self.selector = selector
        self.manualSelector = manualSelector
        self.template = template
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.suspend = suspend
        self.podReplacementPolicy = podReplacementPolicy
        self.managedBy = managedBy
    }
}

/// The observed state of a Job (batch/v1 `JobStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/#JobStatus>.
public struct JobStatus: Codable, Sendable, Hashable {
    /// `Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`.
    public var conditions: [JobCondition]?
    public var startTime: Time?
    /// Set only when the Job completed successfully.
    public var completionTime: Time?
    /// Pending and running pods.
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    /// Pods being terminated.
    public var terminating: Int32?
    /// Ready pods among the active ones.
    public var ready: Int32?
    /// Completed indexes of an indexed Job in compressed form, e.g. `1,3-5`.
    public var completedIndexes: String?
    /// Failed indexes of an indexed Job in compressed form.
    public var failedIndexes: String?
    /// Finished pods not yet counted, kept untyped (`UncountedTerminatedPods`).
    public var uncountedTerminatedPods: JSONValue?

    public init(
        conditions: [JobCondition]? = nil,
        startTime: Time? = nil,
        completionTime: Time? = nil,
        active: Int32? = nil,
        succeeded: Int32? = nil,
        failed: Int32? = nil,
        terminating: Int32? = nil,
        ready: Int32? = nil,
        completedIndexes: String? = nil,
        failedIndexes: String? = nil,
        uncountedTerminatedPods: JSONValue? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.ready = ready
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.uncountedTerminatedPods = uncountedTerminatedPods
    }
}

/// A condition of a Job (batch/v1 `JobCondition`), which carries `lastProbeTime`.
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/job/#terminal-job-conditions>.
public struct JobCondition: Codable, Sendable, Hashable {
    /// `Complete`, `Failed`, `Suspended`, `FailureTarget` or `SuccessCriteriaMet`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    /// E.g. `BackoffLimitExceeded`, `DeadlineExceeded`, `PodFailurePolicy`.
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: String,
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
