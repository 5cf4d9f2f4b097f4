public import KubeCore

/// The values the operator uses where a spec leaves a field out. The CRD carries no `default`s on purpose: a spec
/// stays exactly as its author (or GitOps tool) wrote it, so `kubectl diff`, Argo CD and Flux see no drift, and the
/// defaults below are applied in code when rendering. `docs/api.md` lists them per field.
public enum Defaults {
    /// Pods per service without autoscaling: two, so one can be replaced while the other serves.
    public static let replicas: Int32 = 2
    /// The port a service listens on when `ports` is absent (App Runner's default).
    public static let port = ServicePortSpec(name: "http", port: 8080)
    /// Seconds between SIGTERM and SIGKILL.
    public static let terminationGracePeriodSeconds: Int64 = 30

    /// Health-check defaults, the ALB target group's.
    public enum HealthCheck {
        public static let intervalSeconds: Int32 = 30
        public static let timeoutSeconds: Int32 = 5
        public static let healthyThreshold: Int32 = 2
        public static let unhealthyThreshold: Int32 = 3
        public static let startupGracePeriodSeconds: Int32 = 0
    }

    /// Autoscaling defaults.
    public enum Autoscaling {
        public static let scaleOutStabilizationSeconds: Int32 = 0
        public static let scaleInStabilizationSeconds: Int32 = 300
        public static let requestRateMetric = "http_requests_per_second"
        public static let concurrencyMetric = "http_requests_in_flight"
    }

    /// Release defaults.
    public enum Rollout {
        public static let strategy = RolloutStrategyType.rolling
        public static let maxSurge = IntOrPercent.string("100%")
        public static let maxUnavailable = IntOrPercent.int(0)
        public static let progressDeadlineSeconds: Int32 = 600
        public static let scaleDownDelaySeconds: Int32 = 30
        public static let analysisIntervalSeconds: Int32 = 60
        public static let maxUnhealthySeconds: Int32 = 300
        public static let trafficRouting = "ReplicaRatio"
    }

    /// Migration Job defaults.
    public enum Migration {
        public static let backoffLimit: Int32 = 0
        public static let timeoutSeconds: Int64 = 600
    }

    /// Datastore defaults per engine.
    public enum Datastore {
        public static let storageSize = "10Gi"
        public static let reclaimPolicy = "Retain"
        public static let backupRetentionDays: Int32 = 7
        /// The AWS CLI v2 image that copies backups to S3 (Amazon ECR Public, which Amazon recommends over Docker
        /// Hub for its rate limits).
        public static let s3UploadImage = "public.ecr.aws/aws-cli/aws-cli:2.15.35"

        /// The version an engine runs when `version` is absent.
        public static func version(_ engine: DatastoreEngine) -> String? {
            switch engine {
            case .mongoDB: "7.0"
            case .rabbitMQ: "3.13"
            case .consul: "1.19"
            case .postgreSQL: "16"
            case .redis: "7.2"
            default: nil
            }
        }

        /// Members an engine runs when `replicas` is absent.
        public static func replicas(_ engine: DatastoreEngine) -> Int32 {
            switch engine {
            case .mongoDB, .rabbitMQ, .consul: 3
            default: 1
            }
        }
    }
}
