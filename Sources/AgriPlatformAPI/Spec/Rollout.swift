/// How a new revision of a service replaces the running one. The types, defaults and validation live here; the
/// rollout controller drives them.
///
/// - `Rolling` (default): a Deployment rolling update that keeps every old pod until its replacement is ready
///   (ECS minimum healthy 100 %, maximum 200 %) and rolls back by itself when the new revision cannot become
///   ready within the progress deadline (the ECS deployment circuit breaker).
/// - `Canary`: the new revision receives a growing share of traffic in ``CanaryStrategy/steps``, each checked by
///   ``analysis``; a failed check sends all traffic back to the stable revision.
/// - `BlueGreen`: the new revision starts beside the old one behind a preview Service, then receives all traffic at
///   once on promotion; the old revision stays scaled up for ``BlueGreenStrategy/scaleDownDelaySeconds`` so a
///   rollback is instant (CodeDeploy and App Runner blue-green).
public struct Rollout: Codable, Sendable, Hashable {
    /// `Rolling` (default), `Canary` or `BlueGreen`.
    public var strategy: RolloutStrategyType?
    /// Settings for `Rolling`.
    public var rolling: RollingStrategy?
    /// Settings for `Canary`; required with that strategy.
    public var canary: CanaryStrategy?
    /// Settings for `BlueGreen`.
    public var blueGreen: BlueGreenStrategy?
    /// Health and metric checks that decide whether a release proceeds or rolls back.
    public var analysis: RolloutAnalysis?
    /// Seconds a release may go without progress before it counts as failed (and rolls back); defaults to 600.
    public var progressDeadlineSeconds: Int32?

    /// Creates a rollout with `strategy` (default `Rolling`).
    public init(strategy: RolloutStrategyType? = nil) {
        self.strategy = strategy
    }
}

/// The release strategy: `Rolling`, `Canary` or `BlueGreen`.
///
/// An open set in the Kubernetes style (`type X string` with constants): decoding keeps any value, and validation
/// reports the ones that are not ``known``.
public struct RolloutStrategyType: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A Deployment rolling update with automatic rollback.
    public static let rolling = Self(rawValue: "Rolling")
    /// Traffic shifted to the new revision in weighted steps.
    public static let canary = Self(rawValue: "Canary")
    /// A full second revision, switched to at once and back at once.
    public static let blueGreen = Self(rawValue: "BlueGreen")
    /// Every value this version of the API accepts.
    public static let known: [Self] = [.rolling, .canary, .blueGreen]
}

/// A rolling update's pacing and its circuit breaker.
public struct RollingStrategy: Codable, Sendable, Hashable {
    /// Extra pods above the desired count during the update; defaults to `"100%"` (ECS maximum percent 200).
    public var maxSurge: IntOrPercent?
    /// Pods below the desired count during the update; defaults to `0` (ECS minimum healthy percent 100).
    public var maxUnavailable: IntOrPercent?
    /// Whether a release that misses its progress deadline or whose pods crash-loop is rolled back to the last good
    /// revision; defaults to `true` (the ECS deployment circuit breaker with rollback).
    public var rollbackOnFailure: Bool?
    /// Failed pods of the new revision (crash-loop restarts and pods that stop being ready) that trip the circuit
    /// breaker; defaults to half the desired pod count, at least 3 and at most 200 (the ECS rule).
    public var failureThreshold: Int32?

    /// Creates rolling settings.
    public init(maxSurge: IntOrPercent? = nil, maxUnavailable: IntOrPercent? = nil, rollbackOnFailure: Bool? = nil) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
        self.rollbackOnFailure = rollbackOnFailure
    }
}

/// A canary release: traffic steps, pauses and how traffic is split.
public struct CanaryStrategy: Codable, Sendable, Hashable {
    /// The steps in order; after the last one the new revision receives all traffic. At least one step.
    public var steps: [CanaryStep]
    /// How traffic is split: `ReplicaRatio` (default: by pod counts behind one Service, works everywhere), `Ingress`
    /// (NGINX Ingress canary weights) or `GatewayAPI` (HTTPRoute backend weights).
    public var trafficRouting: String?
    /// The Gateway API HTTPRoute's parents and host names; required with `trafficRouting: GatewayAPI` and
    /// forbidden otherwise.
    public var gatewayAPI: CanaryGatewayAPI?

    /// Creates a canary with `steps`.
    public init(steps: [CanaryStep]) {
        self.steps = steps
    }
}

/// One canary step: either shift traffic (``setWeight``) or wait (``pause``). Exactly one is set.
public struct CanaryStep: Codable, Sendable, Hashable {
    /// The percentage of traffic, 0–100, that the new revision receives from this step on.
    public var setWeight: Int32?
    /// A wait before the next step, for analysis to run or for a person to promote.
    public var pause: CanaryPause?

    /// A step that sends `percent` of traffic to the new revision.
    public static func setWeight(_ percent: Int32) -> Self { Self(setWeight: percent) }
    /// A step that waits `seconds`, or until promoted when `seconds` is `nil`.
    public static func pause(seconds: Int32?) -> Self { Self(pause: CanaryPause(durationSeconds: seconds)) }

    /// Creates a step; set exactly one field.
    public init(setWeight: Int32? = nil, pause: CanaryPause? = nil) {
        self.setWeight = setWeight
        self.pause = pause
    }
}

/// A pause in a canary: timed, or indefinite until `kubectl agri promote`.
public struct CanaryPause: Codable, Sendable, Hashable {
    /// Seconds to wait, at least 1; absent means wait for promotion.
    public var durationSeconds: Int32?

    /// Creates a pause of `durationSeconds`, or an indefinite one.
    public init(durationSeconds: Int32? = nil) {
        self.durationSeconds = durationSeconds
    }
}

/// A blue-green release's promotion and rollback settings.
public struct BlueGreenStrategy: Codable, Sendable, Hashable {
    /// Seconds after the new revision is ready before it is promoted automatically; absent means promotion waits
    /// for `kubectl agri promote`.
    public var autoPromotionSeconds: Int32?
    /// Seconds the old revision stays scaled up after promotion, for an instant rollback; defaults to 30.
    public var scaleDownDelaySeconds: Int32?
    /// A host on which the Ingress also exposes the preview (new) revision before promotion, e.g.
    /// `preview.api.example.com`.
    public var previewHost: String?

    /// Creates blue-green settings.
    public init(autoPromotionSeconds: Int32? = nil, scaleDownDelaySeconds: Int32? = nil, previewHost: String? = nil) {
        self.autoPromotionSeconds = autoPromotionSeconds
        self.scaleDownDelaySeconds = scaleDownDelaySeconds
        self.previewHost = previewHost
    }
}

/// The checks that judge a release, in the terms of the teams' rollback triggers ("error rate > 5 %, latency
/// +200 % over baseline, health failing for more than 5 minutes", "5 consecutive failed health checks").
///
/// Two providers measure a release:
/// - the **built-in health checks** need nothing but the cluster and always count: a pod of the new revision
///   unready for longer than ``maxUnhealthySeconds`` (or ``consecutiveHealthCheckFailures`` health-check
///   intervals), crash-looping or restarting, or unable to start its image;
/// - the **Prometheus checks** query ``prometheusURL`` every ``intervalSeconds``: the new revision's 5xx share of
///   requests (``maxErrorRatePercent``), its p95 latency against the stable revision's, the baseline
///   (``maxLatencyIncreasePercent``), its absolute p95 latency (``maxLatencyMillis``), and the user's own
///   ``metrics``. They assume request series labelled with the namespace, the AgriPlatform service name, the pod's
///   `agriplatform.io/revision` and the status code; ``labels`` renames those labels.
///
/// A query that returns no data is never a success by accident: ``onNoData`` decides (pause by default).
/// `docs/analysis.md` lists every query.
public struct RolloutAnalysis: Codable, Sendable, Hashable {
    /// Seconds between Prometheus measurements, 10–3600; defaults to 60. Also the window of the `rate()` in the
    /// built-in queries, so consecutive measurements judge consecutive stretches of traffic.
    public var intervalSeconds: Int32?
    /// Failed Prometheus measurements tolerated in a release before it rolls back; defaults to 0 (the first failure
    /// rolls back). A failed built-in health check already waited out its own tolerance and fails at once.
    public var failureLimit: Int32?
    /// Rolls back when the new revision's 5xx share of requests exceeds this percentage, 0–100.
    public var maxErrorRatePercent: Int32?
    /// Rolls back when the new revision's p95 latency exceeds the stable revision's by more than this percentage
    /// (200 means "more than three times the baseline").
    public var maxLatencyIncreasePercent: Int32?
    /// Rolls back when the new revision's p95 latency exceeds this many milliseconds.
    public var maxLatencyMillis: Int32?
    /// Rolls back when some of the new revision's pods stay unready for this many seconds after their start-up
    /// grace period; defaults to 300.
    public var maxUnhealthySeconds: Int32?
    /// Rolls back after this many consecutive failed health checks of a new pod (App Runner: 5): a pod unready for
    /// this many of the health check's intervals.
    public var consecutiveHealthCheckFailures: Int32?
    /// The Prometheus base URL for metric checks, e.g. `http://prometheus.monitoring:9090`; required when an
    /// error-rate, latency or custom metric check is set.
    public var prometheusURL: String?
    /// What a Prometheus measurement without data (no traffic, no series, a query error, Prometheus unreachable)
    /// means: `Pause` (default), `Fail` or `Ignore`; see ``AnalysisNoDataPolicy``.
    public var onNoData: AnalysisNoDataPolicy?
    /// The user's own Prometheus checks, at most 5, each a PromQL query and the values that fail it.
    public var metrics: [AnalysisMetric]?
    /// The request counter of the error-rate check, labelled with the status code; defaults to
    /// `http_requests_total`.
    public var requestsMetric: String?
    /// The request-duration histogram (in seconds) of the latency checks, without its `_bucket` suffix; defaults
    /// to `http_request_duration_seconds`.
    public var latencyMetric: String?
    /// The names of the labels the built-in queries select by; each defaults to the name in
    /// ``AnalysisLabels``.
    public var labels: AnalysisLabels?

    /// Creates analysis settings.
    public init() {}
}
