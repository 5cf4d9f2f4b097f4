/// The limits, patterns and closed value sets that both the CRD's schema and ``AgriPlatform/validate()`` enforce,
/// kept in one place so the two cannot drift apart.
///
/// Every list and string has an upper bound: the API server estimates the cost of CEL rules from `maxItems` and
/// `maxLength`, and rejects a CRD whose rules could be too expensive.
package enum APIConstraints {
    /// A DNS-1035 label: what Service names must be (`k8s.io/apimachinery` `IsDNS1035Label`).
    package static let dns1035LabelPattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$"
    /// The longest DNS label.
    package static let dns1035LabelMaxLength = 63
    /// The longest StatefulSet name that works: its pods carry a `controller-revision-hash` label of the name, `-`
    /// and a 10-character hash, and label values are at most 63 characters (kubernetes/kubernetes#64023).
    package static let statefulSetNameMaxLength = 52
    /// The message apimachinery gives for a value that is not a DNS-1035 label.
    package static let dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    /// A DNS-1123 label: what namespace names must be.
    package static let dns1123LabelPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
    /// The message apimachinery gives for a value that is not a DNS-1123 label.
    package static let dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// A DNS-1123 subdomain: what names of Secrets, ConfigMaps, ServiceAccounts and StorageClasses must be.
    package static let dns1123SubdomainPattern =
        "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
    /// The longest DNS-1123 subdomain.
    package static let dns1123SubdomainMaxLength = 253
    /// The message apimachinery gives for a value that is not a DNS-1123 subdomain.
    package static let dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

    /// An Ingress host: a DNS-1123 subdomain, optionally with a leading wildcard label (`*.example.com`).
    package static let hostPattern =
        "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"

    /// An IANA service name, as port names must be: at most 15 lower-case alphanumerics and `-`, with a letter.
    /// (The rule against `--` and the required letter are checked in code only.)
    package static let portNamePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
    /// The longest port name.
    package static let portNameMaxLength = 15

    /// An environment variable name: printable ASCII without `=` (what Kubernetes accepts since 1.30).
    package static let envNamePattern = "^[ -<>-~]+$"
    /// The longest environment variable name accepted here.
    package static let envNameMaxLength = 253

    /// A key of a Secret or ConfigMap: alphanumerics, `-`, `_` and `.`.
    package static let configKeyPattern = "^[-._a-zA-Z0-9]+$"

    /// The string form of a count or percentage, which must be a percentage from 0% to 100% (`25%`); counts are
    /// integers.
    package static let countOrPercentPattern = "^(100|[1-9]?[0-9])%$"
    /// A Prometheus metric name.
    package static let metricNamePattern = "^[a-zA-Z_:][a-zA-Z0-9_:]*$"

    /// An unquoted SQL identifier: a database or extension name.
    package static let sqlIdentifierPattern = "^[a-z_][a-z0-9_]*$"

    /// A PostgreSQL extension name, e.g. `pg_trgm` or `uuid-ossp`.
    package static let extensionPattern = "^[a-z_][-a-z0-9_]*$"

    /// A datastore version such as `16`, `7.0` or `3.13-management`.
    package static let versionPattern = "^[0-9A-Za-z][-.0-9A-Za-z]*$"

    /// A daily window in UTC, `HH:MM-HH:MM`.
    package static let backupWindowPattern = "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"
    /// Five cron fields separated by spaces, or a predefined schedule such as `@daily`; fields are checked in code.
    package static let cronPattern =
        "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+)$"
    /// A Kubernetes quantity without sign, e.g. `500m`, `0.5`, `1Gi`, `1e3`.
    package static let quantityPattern =
        "(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][-+]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?"
    /// A CPU amount: a quantity, or a number of vCPU as the AWS plans write it (``ResourceUnits/cpu(_:)``).
    package static let cpuPattern =
        "^ *(\(quantityPattern)|[0-9]*\\.?[0-9]+ *([vV][cC][pP][uU][sS]?|[cC][oO][rR][eE][sS]?|[cC][pP][uU][sS]?)) *$"
    /// A memory or storage amount: a quantity, or `GB`/`MB`-style AWS units (``ResourceUnits/memory(_:)``).
    package static let memoryPattern =
        "^ *(\(quantityPattern)|[0-9]*\\.?[0-9]+ *([KMGT]i?B)) *$"
    /// The longest CPU or memory amount.
    package static let quantityMaxLength = 32

    /// A path in a URL, as health checks and Ingress rules take it.
    package static let httpPathPattern = "^/[^ ]*$"
    /// A Prometheus base URL.
    package static let httpURLPattern = "^https?://[^ ]+$"

    /// Short strings: names and keys of references, metric names, class names.
    package static let shortStringMaxLength = 253
    /// Image references, hosts with paths, URLs.
    package static let longStringMaxLength = 1024
    /// Command and argument strings, environment values, label and annotation values.
    package static let valueMaxLength = 8192

    /// The most services per platform.
    package static let maxServices = 50
    /// The most datastores per platform.
    package static let maxDatastores = 20
    /// The most ports per service.
    package static let maxPorts = 20
    /// The most environment variables per service.
    package static let maxEnv = 200
    /// The most `envFrom` sources per service.
    package static let maxEnvFrom = 20
    /// The most command or argument words.
    package static let maxArgs = 100
    /// The most datastores a service uses.
    package static let maxUses = 20
    /// The most canary steps.
    package static let maxCanarySteps = 50
    /// The most entries in a small list (image pull secrets, namespaces, extensions).
    package static let maxSmallList = 50
    /// The most entries in a label, annotation or node-selector map.
    package static let maxMapEntries = 64
    /// The most conditions in status.
    package static let maxConditions = 20

    /// Replicas of a service without autoscaling.
    package static let serviceReplicas: ClosedRange<Int64> = 0...1000
    /// Autoscaling bounds.
    package static let autoscalingReplicas: ClosedRange<Int64> = 1...1000
    /// Percentages of a request (CPU or memory utilisation targets).
    package static let utilizationPercent: ClosedRange<Int64> = 1...100
    /// Per-pod request-rate and concurrency targets.
    package static let perPodTarget: ClosedRange<Int64> = 1...1_000_000
    /// Autoscaling stabilization windows (the autoscaling/v2 limit).
    package static let stabilizationSeconds: ClosedRange<Int64> = 0...3600
    /// Container ports.
    package static let port: ClosedRange<Int64> = 1...65535
    /// Health-check interval.
    package static let healthCheckInterval: ClosedRange<Int64> = 1...300
    /// Health-check timeout.
    package static let healthCheckTimeout: ClosedRange<Int64> = 1...120
    /// Health-check thresholds (the ALB's range is 2–10 for healthy; 1 is allowed as Kubernetes allows it).
    package static let healthCheckThreshold: ClosedRange<Int64> = 1...10
    /// Start-up grace period (the ECS maximum is 2 147 483 647; an hour is generous for a migration at start).
    package static let startupGracePeriod: ClosedRange<Int64> = 0...3600
    /// Termination grace period.
    package static let terminationGracePeriod: ClosedRange<Int64> = 0...3600
    /// Datastore members.
    package static let datastoreReplicas: ClosedRange<Int64> = 1...9
    /// Backup retention (RDS's limits).
    package static let retentionDays: ClosedRange<Int64> = 1...35
    /// A canary weight.
    package static let canaryWeight: ClosedRange<Int64> = 0...100
    /// A timed pause, up to a day.
    package static let pauseSeconds: ClosedRange<Int64> = 1...86400
    /// Blue-green auto-promotion delay.
    package static let autoPromotionSeconds: ClosedRange<Int64> = 0...86400
    /// Blue-green scale-down delay.
    package static let scaleDownDelaySeconds: ClosedRange<Int64> = 0...3600
    /// Progress deadline of a release.
    package static let progressDeadlineSeconds: ClosedRange<Int64> = 1...86400
    /// Analysis interval.
    package static let analysisInterval: ClosedRange<Int64> = 10...3600
    /// Failed checks tolerated.
    package static let failureLimit: ClosedRange<Int64> = 0...100
    /// Failed pods that trip a rolling update's circuit breaker.
    package static let failureThreshold: ClosedRange<Int64> = 1...1000
    /// Error-rate threshold.
    package static let errorRatePercent: ClosedRange<Int64> = 0...100
    /// Latency-increase threshold.
    package static let latencyIncreasePercent: ClosedRange<Int64> = 1...10000
    /// Absolute latency threshold.
    package static let latencyMillis: ClosedRange<Int64> = 1...600_000
    /// Unhealthy time tolerated.
    package static let unhealthySeconds: ClosedRange<Int64> = 1...3600
    /// Consecutive failed health checks tolerated.
    package static let consecutiveFailures: ClosedRange<Int64> = 1...100
    /// Migration retries.
    package static let backoffLimit: ClosedRange<Int64> = 0...10
    /// Migration timeout.
    package static let migrationTimeoutSeconds: ClosedRange<Int64> = 1...86400
    /// User IDs (non-root: 0 is refused, as the pods run with `runAsNonRoot`).
    package static let userID: ClosedRange<Int64> = 1...2_147_483_647
    /// Group IDs.
    package static let groupID: ClosedRange<Int64> = 0...2_147_483_647

    /// `imagePullPolicy` values.
    package static let imagePullPolicies = ["Always", "IfNotPresent", "Never"]
    /// Port protocols.
    package static let protocols = ["TCP", "UDP", "SCTP"]
    /// Ingress path types.
    package static let pathTypes = ["Prefix", "Exact", "ImplementationSpecific"]
    /// Health-check types.
    package static let healthCheckTypes = ["HTTP", "TCP", "GRPC"]
    /// VPA update modes.
    package static let vpaModes = ["Off", "Initial", "Recreate", "Auto"]
    /// VPA modes that change requests, and so fight an HPA on CPU or memory.
    package static let vpaModesChangingRequests = ["Initial", "Recreate", "Auto"]
    /// Request-rate units.
    package static let requestRatePer = ["Second", "Minute"]
    /// Canary traffic routing.
    package static let trafficRoutings = ["ReplicaRatio", "Ingress", "GatewayAPI"]
    /// The most Gateways an HTTPRoute attaches to (Gateway API's own limit).
    package static let maxParentRefs = 32
    /// The most host names of an HTTPRoute (Gateway API's own limit).
    package static let maxHostnames = 16
    /// Storage reclaim policies.
    package static let reclaimPolicies = ["Retain", "Delete"]
    /// An S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or
    /// digit.
    package static let s3BucketPattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
    /// An S3 key prefix without leading or trailing `/`, of characters safe in a shell word and a URL.
    package static let s3PrefixPattern = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$"
    /// How strictly datastore members avoid sharing a node.
    package static let podAntiAffinities = ["Preferred", "Required"]
    /// Datastore engines.
    package static var engines: [String] { DatastoreEngine.known.map(\.rawValue) }
    /// Rollout strategies.
    package static var strategies: [String] { RolloutStrategyType.known.map(\.rawValue) }
    /// Condition statuses.
    package static let conditionStatuses = ["True", "False", "Unknown"]
}
