import AgriPlatformAPI
import Foundation
import KubeCore

/// AgriPlatforms shared by the tests: a valid one to break field by field, one valid platform per datastore engine
/// and rollout strategy, and one with every optional field set (valid or not) for the schema coverage tests.
enum AgriPlatformSamples {
    /// A small valid platform: an API service using a PostgreSQL datastore.
    static var valid: AgriPlatform {
        var api = PlatformService(name: "api", image: "ghcr.io/kisanlink/farmers-module:1.4.2")
        api.ports = [ServicePortSpec(name: "http", port: 8000)]
        api.resources = ResourceSpec(cpu: "0.5 vCPU", memory: "1 GB")
        api.healthCheck = HealthCheck(path: "/health")
        var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 10)
        autoscaling.targetCPUUtilization = 60
        autoscaling.targetMemoryUtilization = 70
        api.autoscaling = autoscaling
        api.env = [
            EnvVariable(name: "LOG_LEVEL", value: "info"),
            EnvVariable(name: "JWT_SECRET", secret: KeyReference(name: "farmers-secrets", key: "jwt-secret")),
        ]
        api.uses = ["db"]
        var database = Datastore(name: "db", engine: .postgreSQL)
        database.version = "16"
        database.postgres = PostgresSettings(postGIS: true)
        database.storage = StorageSpec(size: "100 GB", className: "gp3")
        database.backup = BackupSpec(window: "03:00-04:00", retentionDays: 35)
        return AgriPlatform(
            metadata: ObjectMeta(name: "farmers", namespace: "kisanlink"),
            spec: AgriPlatformSpec(services: [api], datastores: [database])
        )
    }

    /// One valid platform per datastore engine, each used by the service.
    static var validPerEngine: [(String, AgriPlatform)] {
        let engines: [(DatastoreEngine, Int32?, BackupSpec?)] = [
            (.mongoDB, 3, BackupSpec(schedule: "0 3 * * *", retentionDays: 7)),
            (.rabbitMQ, 3, nil),
            (.consul, 5, nil),
            (.postgreSQL, 1, BackupSpec(window: "23:30-00:30")),
            (.redis, nil, BackupSpec(schedule: "@daily")),
        ]
        return engines.map { engine, replicas, backup in
            var platform = valid
            var datastore = Datastore(name: "store", engine: engine)
            datastore.replicas = replicas
            datastore.backup = backup
            datastore.resources = ResourceSpec(cpu: "1", memory: "2Gi", limits: ResourceLimits(memory: "4 GB"))
            platform.spec.datastores = [datastore]
            platform.spec.services[0].uses = ["store"]
            return (engine.rawValue, platform)
        } + [("external", externalPlatform)]
    }

    /// A platform whose database is an external RDS instance.
    static var externalPlatform: AgriPlatform {
        var platform = valid
        var database = Datastore(name: "db", engine: .postgreSQL)
        database.external = ExternalDatastore(secretName: "rds-connection")
        platform.spec.datastores = [database]
        return platform
    }

    /// One valid platform per rollout strategy.
    static var validPerStrategy: [(String, AgriPlatform)] {
        var rolling = Rollout(strategy: .rolling)
        rolling.rolling = RollingStrategy(maxSurge: "25%", maxUnavailable: 0, rollbackOnFailure: true)
        var canary = Rollout(strategy: .canary)
        var canaryStrategy = CanaryStrategy(
            steps: [.setWeight(10), .pause(seconds: 300), .setWeight(50), .pause(seconds: nil), .setWeight(100)]
        )
        canaryStrategy.trafficRouting = "Ingress"
        canary.canary = canaryStrategy
        var analysis = RolloutAnalysis()
        analysis.maxErrorRatePercent = 5
        analysis.maxLatencyIncreasePercent = 200
        analysis.prometheusURL = "http://prometheus.monitoring:9090"
        canary.analysis = analysis
        var blueGreen = Rollout(strategy: .blueGreen)
        blueGreen.blueGreen = BlueGreenStrategy(
            autoPromotionSeconds: 60,
            scaleDownDelaySeconds: 30,
            previewHost: "preview.api.example.com"
        )
        return [("Rolling", rolling), ("Canary", canary), ("BlueGreen", blueGreen), ("default", Rollout())].map {
            name,
            rollout in
            var platform = valid
            platform.spec.services[0].rollout = rollout
            platform.spec.services[0].ingress = IngressSpec(host: "api.example.com")
            platform.spec.services[0].migration = MigrationJob(command: ["alembic", "upgrade", "head"])
            return (name, platform)
        }
    }

    /// A platform with every optional field of every type set, including status; not necessarily valid.
    static var fullyPopulated: AgriPlatform {
        var service = PlatformService(name: "api", image: "api:1")
        service.imagePullPolicy = "Always"
        service.command = ["/app"]
        service.args = ["serve"]
        var port = ServicePortSpec(name: "http", port: 8080)
        port.protocol = "TCP"
        port.appProtocol = "http"
        service.ports = [port]
        service.replicas = 2
        service.resources = ResourceSpec(
            cpu: "500m",
            memory: "1Gi",
            limits: ResourceLimits(cpu: "1", memory: "2Gi")
        )
        var secretVariable = EnvVariable(name: "A", secret: KeyReference(name: "s", key: "k"))
        secretVariable.secret?.optional = true
        var configMapVariable = EnvVariable(name: "B", value: "x")
        configMapVariable.configMap = KeyReference(name: "c", key: "k")
        configMapVariable.configMap?.optional = false
        service.env = [secretVariable, configMapVariable]
        service.envFrom = [EnvSource(secret: "s", configMap: "c", prefix: "P_")]
        var healthCheck = HealthCheck(path: "/health")
        healthCheck.type = "HTTP"
        healthCheck.port = "http"
        healthCheck.intervalSeconds = 30
        healthCheck.timeoutSeconds = 5
        healthCheck.healthyThreshold = 2
        healthCheck.unhealthyThreshold = 3
        healthCheck.startupGracePeriodSeconds = 60
        healthCheck.liveness = true
        service.healthCheck = healthCheck
        var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 10)
        autoscaling.targetCPUUtilization = 60
        autoscaling.targetMemoryUtilization = 70
        var requestRate = RequestRateTarget(targetPerPod: 100, per: "Second")
        requestRate.metricName = "http_requests_per_second"
        autoscaling.requestRate = requestRate
        var concurrency = MetricTarget(targetPerPod: 100)
        concurrency.metricName = "http_requests_in_flight"
        autoscaling.concurrentRequests = concurrency
        autoscaling.scaleOutStabilizationSeconds = 60
        autoscaling.scaleInStabilizationSeconds = 300
        service.autoscaling = autoscaling
        var vpa = VerticalAutoscaling(mode: "Off")
        vpa.minAllowed = ResourceLimits(cpu: "100m", memory: "128Mi")
        vpa.maxAllowed = ResourceLimits(cpu: "2", memory: "4Gi")
        service.verticalAutoscaling = vpa
        service.disruptionBudget = DisruptionBudget(minAvailable: 1, maxUnavailable: "50%")
        var ingress = IngressSpec(host: "api.example.com")
        ingress.path = "/"
        ingress.pathType = "Prefix"
        ingress.className = "nginx"
        ingress.tls = IngressTLS(enabled: true, secretName: "api-tls", clusterIssuer: "letsencrypt")
        ingress.annotations = ["a": "b"]
        service.ingress = ingress
        service.uses = ["db"]
        var migration = MigrationJob(command: ["migrate"])
        migration.image = "api:1"
        migration.args = ["up"]
        migration.backoffLimit = 0
        migration.timeoutSeconds = 600
        service.migration = migration
        var rollout = Rollout(strategy: .canary)
        rollout.rolling = RollingStrategy(maxSurge: "100%", maxUnavailable: 0, rollbackOnFailure: true)
        rollout.rolling?.failureThreshold = 3
        var canary = CanaryStrategy(steps: [CanaryStep(setWeight: 10, pause: CanaryPause(durationSeconds: 60))])
        canary.trafficRouting = "ReplicaRatio"
        canary.gatewayAPI = CanaryGatewayAPI(
            parentRefs: [GatewayParentRef(name: "public", namespace: "gateways", sectionName: "https")],
            hostnames: ["api.example.com"]
        )
        rollout.canary = canary
        rollout.blueGreen = BlueGreenStrategy(
            autoPromotionSeconds: 60,
            scaleDownDelaySeconds: 30,
            previewHost: "preview.example.com"
        )
        var analysis = RolloutAnalysis()
        analysis.intervalSeconds = 60
        analysis.failureLimit = 1
        analysis.maxErrorRatePercent = 5
        analysis.maxLatencyIncreasePercent = 200
        analysis.maxLatencyMillis = 3000
        analysis.maxUnhealthySeconds = 300
        analysis.consecutiveHealthCheckFailures = 5
        analysis.prometheusURL = "http://prometheus:9090"
        analysis.onNoData = .pause
        analysis.metrics = [
            AnalysisMetric(
                name: "queueDepth",
                query: "max(queue_depth{namespace=\"{{namespace}}\", revision=\"{{revision}}\"})",
                failIfAbove: 1000,
                failIfBelow: 0,
                rangeSeconds: 300
            )
        ]
        analysis.requestsMetric = "http_requests_total"
        analysis.latencyMetric = "http_request_duration_seconds"
        analysis.labels = AnalysisLabels(
            namespace: "namespace",
            service: "service",
            revision: "revision",
            statusCode: "code"
        )
        rollout.analysis = analysis
        rollout.progressDeadlineSeconds = 600
        service.rollout = rollout
        service.security = SecuritySettings(runAsUser: 1000, fsGroup: 1000, readOnlyRootFilesystem: true)
        service.terminationGracePeriodSeconds = 30
        service.podLabels = ["a": "b"]
        service.podAnnotations = ["a": "b"]
        service.nodeSelector = ["kubernetes.io/arch": "arm64"]
        var serviceObservability = ServiceObservability(enabled: true)
        serviceObservability.team = "api-team"
        serviceObservability.port = "http"
        serviceObservability.path = "/metrics"
        serviceObservability.metrics = ObservabilityMetrics(
            requests: "http_requests_total",
            latency: "http_request_duration_seconds",
            statusCodeLabel: "code"
        )
        serviceObservability.alerts = [
            AlertOverride(name: .highLatency, enabled: true, threshold: 2, for: "5m", severity: .warning)
        ]
        service.observability = serviceObservability

        var datastore = Datastore(name: "db", engine: .postgreSQL)
        datastore.version = "16"
        datastore.image = "postgis/postgis:16"
        datastore.replicas = 1
        datastore.storage = StorageSpec(size: "100Gi", className: "gp3", reclaimPolicy: "Retain")
        datastore.resources = ResourceSpec(cpu: "1", memory: "2Gi", limits: ResourceLimits(cpu: "2", memory: "4Gi"))
        var backup = BackupSpec(schedule: "0 3 * * *", window: "03:00-04:00", retentionDays: 7)
        backup.storageSize = "200Gi"
        var s3 = S3BackupTarget(bucket: "farmers-backups")
        s3.prefix = "farmers/db"
        s3.endpoint = "https://minio.storage:9000"
        s3.region = "ap-south-1"
        s3.secretName = "backup-s3"
        s3.image = "public.ecr.aws/aws-cli/aws-cli:2.15.35"
        backup.s3 = s3
        datastore.backup = backup
        datastore.spreadAcrossZones = true
        datastore.podAntiAffinity = "Required"
        datastore.postgres = PostgresSettings(postGIS: true, database: "farmers", extensions: ["pg_trgm"])
        datastore.external = ExternalDatastore(secretName: "rds")

        var web = PlatformService(name: "web", image: "web:1")
        web.dependsOn = ["api"]
        var spec = AgriPlatformSpec(services: [service, web], datastores: [datastore])
        spec.networkPolicy = PlatformNetworkPolicy(
            enabled: true,
            ingressNamespaces: ["ingress-nginx"],
            monitoringNamespaces: ["monitoring"]
        )
        spec.commonLabels = ["team": "kisanlink"]
        spec.commonAnnotations = ["a": "b"]
        spec.imagePullSecrets = ["ecr"]
        spec.serviceAccount = PlatformServiceAccount(name: "farmers", annotations: ["a": "b"], automountToken: false)
        spec.suspend = false
        var observability = PlatformObservability(enabled: true, team: "kisanlink")
        observability.labels = ["pager": "ops"]
        observability.metrics = ObservabilityMetrics(
            requests: "http_requests_total",
            latency: "http_request_duration_seconds",
            statusCodeLabel: "code"
        )
        observability.alerts = [
            AlertOverride(name: .highErrorRate, enabled: true, threshold: 5, for: "5m", severity: .critical)
        ]
        var customRule = AlertRule(
            name: "ConstitutionalViolation",
            expr: "violations_total > 0",
            for: "0s",
            severity: .critical
        )
        customRule.summary = "A violation was recorded."
        customRule.labels = ["pager": "ops"]
        observability.rules = [customRule]
        observability.scrapeInterval = "30s"
        observability.dashboard = ObservabilityDashboard(
            enabled: true,
            label: "grafana_dashboard",
            labelValue: "1",
            folder: "Agri"
        )
        observability.monitorLabels = ["release": "kube-prometheus-stack"]
        spec.observability = observability

        var status = AgriPlatformStatus()
        status.observedGeneration = 3
        status.phase = .ready
        status.conditions = [
            Condition(
                type: "Ready",
                status: "True",
                observedGeneration: 3,
                lastTransitionTime: Time.parse("2026-01-01T00:00:00Z").map(Time.init),
                reason: "AllReady",
                message: "ok"
            )
        ]
        status.readyServices = "1/1"
        status.readyDatastores = "1/1"
        var serviceStatus = ServiceStatus(name: "api")
        serviceStatus.replicas = 2
        serviceStatus.readyReplicas = 2
        serviceStatus.updatedReplicas = 2
        serviceStatus.image = "api:1"
        serviceStatus.revision = "abc"
        var rolloutStatus = RolloutStatus()
        rolloutStatus.phase = .healthy
        rolloutStatus.stableRevision = "abc"
        rolloutStatus.currentStepIndex = 0
        rolloutStatus.canaryWeight = 0
        rolloutStatus.message = "ok"
        rolloutStatus.strategy = .rolling
        rolloutStatus.desiredRevision = "abd"
        let time = Time.parse("2026-01-01T00:00:00Z").map(Time.init)
        rolloutStatus.startedAt = time
        rolloutStatus.progressedAt = time
        rolloutStatus.stepStartedAt = time
        rolloutStatus.previewReadyAt = time
        rolloutStatus.promotedAt = time
        rolloutStatus.scaleDownAt = time
        rolloutStatus.candidateReplicas = 1
        rolloutStatus.pausedByUser = false
        rolloutStatus.failedRevision = "abe"
        rolloutStatus.failureReason = "CircuitBreaker"
        rolloutStatus.lastCommand = "promote@1"
        rolloutStatus.migration = MigrationStatus(job: "farmers-api-migrate-abd", state: "Failed", message: "exit 1")
        var analysisStatus = AnalysisStatus()
        analysisStatus.failures = 1
        analysisStatus.inconclusive = 0
        analysisStatus.measuredAt = time
        if let time {
            analysisStatus.measurements = [
                AnalysisMeasurement(
                    name: "errorRate",
                    result: .failed,
                    value: 7.5,
                    threshold: "> 5",
                    time: time,
                    message: "too many errors"
                )
            ]
            rolloutStatus.history = [RevisionRecord(revision: "abc", image: "api:1", completedAt: time)]
        }
        rolloutStatus.analysis = analysisStatus
        serviceStatus.rollout = rolloutStatus
        status.services = [serviceStatus]
        var datastoreStatus = DatastoreStatus(name: "db")
        datastoreStatus.engine = .postgreSQL
        datastoreStatus.ready = true
        datastoreStatus.replicas = 1
        datastoreStatus.readyReplicas = 1
        datastoreStatus.connectionSecret = "farmers-db"
        datastoreStatus.lastBackupTime = Time.parse("2026-01-01T03:00:00Z").map(Time.init)
        datastoreStatus.lastFailedBackupTime = Time.parse("2026-01-02T03:00:00Z").map(Time.init)
        datastoreStatus.version = "16"
        datastoreStatus.endpoint = "farmers-module-db.farmers.svc:5432"
        datastoreStatus.message = "ok"
        status.datastores = [datastoreStatus]
        status.observability = ObservabilityStatus(state: .rendered, message: "monitors, rules and dashboard rendered")

        return AgriPlatform(metadata: ObjectMeta(name: "farmers", namespace: "kisanlink"), spec: spec, status: status)
    }
}
