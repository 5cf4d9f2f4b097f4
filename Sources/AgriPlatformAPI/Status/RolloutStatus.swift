public import KubeCore

/// The observed state of one service's release: everything the rollout state machine needs to resume after an
/// operator restart, so no step is repeated or skipped and no revision is promoted twice.
///
/// Written only by the operator. The phase and message are derived again on every reconcile; the other fields
/// are the release's memory (which step, since when, what was measured, what failed, which command was handled).
public struct RolloutStatus: Codable, Sendable, Hashable {
    /// `Healthy`, `Progressing`, `Paused`, `Degraded` or `RolledBack`; see ``RolloutPhase``.
    public var phase: RolloutPhase?
    /// The strategy of the release in progress or last finished.
    public var strategy: RolloutStrategyType?
    /// The revision that completed last and serves when no release is in progress.
    public var stableRevision: String?
    /// The revision the spec asks for; differs from ``stableRevision`` while a release is in progress or after it
    /// failed.
    public var desiredRevision: String?
    /// When the release of ``desiredRevision`` started.
    public var startedAt: Time?
    /// When the release last made progress (a step finished, more new pods became ready); the progress deadline
    /// counts from here.
    public var progressedAt: Time?
    /// The index of the current canary step; equal to the number of steps once every step is done.
    public var currentStepIndex: Int32?
    /// When the current canary step started (for timed pauses).
    public var stepStartedAt: Time?
    /// The share of traffic, 0–100, the new revision receives.
    public var canaryWeight: Int32?
    /// Pods of the new revision in the canary or preview Deployment.
    public var candidateReplicas: Int32?
    /// Blue-green: when every preview pod became ready (auto-promotion counts from here).
    public var previewReadyAt: Time?
    /// When the new revision was promoted: it received all traffic (blue-green) or the stable Deployment started
    /// moving to it (canary).
    public var promotedAt: Time?
    /// Blue-green: until when the previous revision stays scaled up after promotion for an instant rollback.
    public var scaleDownAt: Time?
    /// Whether a person paused the release (`kubectl agri pause`); it stays paused until resumed.
    public var pausedByUser: Bool?
    /// A revision that failed or was aborted. It is not released again until the spec names another revision or
    /// someone runs `kubectl agri retry`.
    public var failedRevision: String?
    /// Why ``failedRevision`` failed, as a reason word: `ProgressDeadlineExceeded`, `CircuitBreaker`,
    /// `AnalysisFailed`, `MigrationFailed`, `Aborted` or `UndoneByUser`.
    public var failureReason: String?
    /// The last user command handled, as written in the command annotation, so a command is carried out once.
    public var lastCommand: String?
    /// The migration Job of ``desiredRevision`` and how it went.
    public var migration: MigrationStatus?
    /// The analysis of the release in progress.
    public var analysis: AnalysisStatus?
    /// Revisions that completed, newest first, at most ``RolloutStatus/historyLimit``: what `kubectl agri undo`
    /// can return to.
    public var history: [RevisionRecord]?
    /// What the release is doing now and why, in a sentence.
    public var message: String?

    /// How many completed revisions ``history`` keeps.
    public static let historyLimit = 10

    /// Creates an empty rollout status.
    public init() {}
}

/// A release's phase. An open set: decoding keeps any value.
public struct RolloutPhase: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The desired revision is stable and every pod of it is ready.
    public static let healthy = Self(rawValue: "Healthy")
    /// A release is under way.
    public static let progressing = Self(rawValue: "Progressing")
    /// A release waits for a person (an indefinite canary pause, a blue-green promotion, `kubectl agri pause`,
    /// or analysis without data when the analysis says to pause).
    public static let paused = Self(rawValue: "Paused")
    /// Something is wrong and was not rolled back (rollback disabled, or there is nothing to roll back to).
    public static let degraded = Self(rawValue: "Degraded")
    /// The release failed or was aborted and the previous revision serves again.
    public static let rolledBack = Self(rawValue: "RolledBack")
}

/// A service's migration Job for one revision.
public struct MigrationStatus: Codable, Sendable, Hashable {
    /// The Job's name.
    public var job: String
    /// `Running`, `Succeeded`, `Failed`, or `Retrying` while a failed Job is deleted to run again.
    public var state: String
    /// Why it failed, from the Job's condition.
    public var message: String?

    /// The state of a failed Job that `kubectl agri retry` deletes so that it runs again.
    public static let retrying = "Retrying"

    /// Creates a migration status.
    public init(job: String, state: String, message: String? = nil) {
        self.job = job
        self.state = state
        self.message = message
    }
}

/// The analysis of a release: its counters and the measurements that decided something.
public struct AnalysisStatus: Codable, Sendable, Hashable {
    /// Failed measurements so far in this release.
    public var failures: Int32?
    /// Measurements without data or with an inconclusive result so far in this release.
    public var inconclusive: Int32?
    /// When metrics were last measured; the next measurement is due an interval later.
    public var measuredAt: Time?
    /// The latest measurement of each check, and every measurement that failed, newest first, at most
    /// ``AnalysisStatus/measurementLimit``.
    public var measurements: [AnalysisMeasurement]?

    /// How many measurements status keeps.
    public static let measurementLimit = 10

    /// Creates an empty analysis status.
    public init() {}
}

/// One measurement of one check: what was measured, against what, when, and the verdict.
public struct AnalysisMeasurement: Codable, Sendable, Hashable {
    /// The check: `errorRate`, `latencyIncrease`, `latency`, `unhealthy`, `restarts`, or a custom metric's name.
    public var name: String
    /// The verdict.
    public var result: MeasurementResult
    /// The measured value, when there was one.
    public var value: Double?
    /// The limit it was compared with, in words: `> 5` (fails above 5).
    public var threshold: String?
    /// When it was measured.
    public var time: Time
    /// What it means, e.g. `error rate of revision 3f2a… is 7.2 % (limit 5 %)`.
    public var message: String?

    /// Creates a measurement.
    public init(
        name: String,
        result: MeasurementResult,
        value: Double? = nil,
        threshold: String? = nil,
        time: Time,
        message: String? = nil
    ) {
        self.name = name
        self.result = result
        self.value = value
        self.threshold = threshold
        self.time = time
        self.message = message
    }
}

/// A measurement's verdict. An open set: decoding keeps any value.
public struct MeasurementResult: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Within its limit.
    public static let passed = Self(rawValue: "Passed")
    /// Beyond its limit.
    public static let failed = Self(rawValue: "Failed")
    /// The query returned no data (no traffic, wrong labels, no scrape): never counted as passed unless the
    /// analysis says so (``RolloutAnalysis/onNoData``).
    public static let noData = Self(rawValue: "NoData")
    /// The measurement could not be taken (Prometheus unreachable, a query error).
    public static let error = Self(rawValue: "Error")
}

/// A revision that completed, for `kubectl agri undo`.
public struct RevisionRecord: Codable, Sendable, Hashable {
    /// The pod-template revision.
    public var revision: String
    /// Its image.
    public var image: String?
    /// When it completed.
    public var completedAt: Time?

    /// Creates a record.
    public init(revision: String, image: String?, completedAt: Time?) {
        self.revision = revision
        self.image = image
        self.completedAt = completedAt
    }
}
