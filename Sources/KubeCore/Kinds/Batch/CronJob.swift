/// Creates Jobs on a cron schedule (batch/v1 `CronJob`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/>.
public struct CronJob: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "batch",
        version: "v1",
        kind: "CronJob",
        plural: "cronjobs",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronJobSpec?
    public var status: CronJobStatus?

    public init(metadata: ObjectMeta, spec: CronJobSpec? = nil, status: CronJobStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The schedule and Job template of a CronJob (batch/v1 `CronJobSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/#CronJobSpec>.
public struct CronJobSpec: Codable, Sendable, Hashable {
    /// A cron expression such as `*/5 * * * *`, or a macro such as `@hourly`.
    public var schedule: String?
    /// An IANA time zone such as `Europe/Paris`; defaults to the controller manager's.
    public var timeZone: String?
    /// Seconds after a missed start time within which the Job may still start.
    public var startingDeadlineSeconds: Int64?
    /// `Allow` (default), `Forbid` or `Replace`: what to do when the previous Job is still running.
    public var concurrencyPolicy: String?
    /// Whether new Jobs are held back; running ones continue.
    public var suspend: Bool?
    public var jobTemplate: JobTemplateSpec?
    /// Successful Jobs kept; defaults to 3.
    public var successfulJobsHistoryLimit: Int32?
    /// Failed Jobs kept; defaults to 1.
    public var failedJobsHistoryLimit: Int32?

    public init(
        schedule: String? = nil,
        timeZone: String? = nil,
        startingDeadlineSeconds: Int64? = nil,
        concurrencyPolicy: String? = nil,
        suspend: Bool? = nil,
        jobTemplate: JobTemplateSpec? = nil,
        successfulJobsHistoryLimit: Int32? = nil,
        failedJobsHistoryLimit: Int32? = nil
    ) {
        self.schedule = schedule
        self.timeZone = timeZone
        self.startingDeadlineSeconds = startingDeadlineSeconds
        self.concurrencyPolicy = concurrencyPolicy
        self.suspend = suspend
        self.jobTemplate = jobTemplate
        self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
        self.failedJobsHistoryLimit = failedJobsHistoryLimit
    }
}

/// The Job a CronJob creates: metadata and spec (batch/v1 `JobTemplateSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/#CronJobSpec>.
public struct JobTemplateSpec: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta?
    public var spec: JobSpec?

    public init(metadata: ObjectMeta? = nil, spec: JobSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The observed state of a CronJob (batch/v1 `CronJobStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/#CronJobStatus>.
public struct CronJobStatus: Codable, Sendable, Hashable {
    /// The Jobs currently running.
    public var active: [ObjectReference]?
    /// When a Job was last scheduled.
    public var lastScheduleTime: Time?
    /// When a Job last completed successfully.
    public var lastSuccessfulTime: Time?

    public init(active: [ObjectReference]? = nil, lastScheduleTime: Time? = nil, lastSuccessfulTime: Time? = nil) {
        self.active = active
        self.lastScheduleTime = lastScheduleTime
        self.lastSuccessfulTime = lastSuccessfulTime
    }
}
