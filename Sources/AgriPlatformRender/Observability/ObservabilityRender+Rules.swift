import AgriPlatformAPI
import KubeCore

/// The platform's PrometheusRule: one rule group per service, one per operated datastore, and one for the user's own
/// rules, all labelled with the namespace, the service or datastore, the platform, severity and team.
///
/// Workload health reads kube-state-metrics (`kube_deployment_*`, `kube_pod_container_*`,
/// `kube_horizontalpodautoscaler_*`, `kube_statefulset_*`, `kube_cronjob_*`, `kube_job_*`), resource use reads the
/// kubelet's cAdvisor (`container_memory_working_set_bytes`, `container_cpu_usage_seconds_total`) and volume stats
/// (`kubelet_volume_stats_*`), requests read the service's own metrics as scraped by its PodMonitor (which sets
/// `namespace` and `service`), and datastores read their exporters or built-in endpoints. `docs/observability.md`
/// lists every expression with the CloudWatch alarm it replaces.
extension ObservabilityRender {
    /// The rule groups (`spec.groups`).
    func ruleGroups() -> [JSONValue] {
        var groups: [JSONValue] = []
        for service in settings.services {
            let rules = serviceRules(service)
            if !rules.isEmpty {
                groups.append(["name": .string("\(scope.name).\(service.service.name)"), "rules": .array(rules)])
            }
        }
        for datastore in scope.platform.spec.datastores ?? [] where datastore.external == nil {
            let rules = datastoreRules(datastore)
            if !rules.isEmpty {
                groups.append(["name": .string("\(scope.name).\(datastore.name)"), "rules": .array(rules)])
            }
        }
        let custom = (settings.platform.rules ?? []).map(customRule)
        if !custom.isEmpty {
            groups.append(["name": .string("\(scope.name).custom"), "rules": .array(custom)])
        }
        return groups
    }

    // MARK: Services

    /// The default alerts of one service.
    func serviceRules(_ service: ObservabilitySettings.Service) -> [JSONValue] {
        let name = service.service.name
        let deployment = "\(scope.name)-\(name)"
        let namespace = scope.namespace
        let workload = #"namespace="\#(namespace)",deployment="\#(deployment)""#
        let pods =
            #"namespace="\#(namespace)",pod=~"\#(deployment)-(canary-|preview-)?[a-z0-9]+-[a-z0-9]+",container="\#(name)""#
        let http = #"namespace="\#(namespace)",service="\#(name)""#
        let code = service.statusCodeLabel
        let requests = service.requestsMetric
        let window = Defaults.Observability.rateWindow
        var rules: [JSONValue] = []
        func add(_ alert: ObservabilityAlert, _ expr: (String) -> String, _ summary: (String) -> String) {
            let alertSettings = service.alert(alert)
            guard alertSettings.enabled else { return }
            let threshold = Self.number(alertSettings.threshold)
            rules.append(
                rule(
                    alert,
                    expr: expr(threshold),
                    settings: alertSettings,
                    labels: ["service": name],
                    team: service.team,
                    summary: summary(threshold)
                )
            )
        }
        add(
            .replicasUnavailable,
            { "max(kube_deployment_status_replicas_unavailable{\(workload)}) > \($0)" },
            { "More than \($0) of \(name)'s pods are unavailable (not ready)." }
        )
        add(
            .replicasMismatch,
            {
                "abs(max(kube_deployment_spec_replicas{\(workload)}) - "
                    + "max(kube_deployment_status_replicas_available{\(workload)})) > \($0)"
            },
            { "\(name)'s available pods differ from the desired count by more than \($0)." }
        )
        add(
            .crashLooping,
            { "max(increase(kube_pod_container_status_restarts_total{\(pods)}[15m])) > \($0)" },
            { "A container of \(name) restarted more than \($0) times in 15 minutes." }
        )
        if service.service.autoscaling != nil {
            add(
                .autoscalerAtMax,
                { _ in
                    let hpa = #"namespace="\#(namespace)",horizontalpodautoscaler="\#(deployment)""#
                    return "max(kube_horizontalpodautoscaler_status_current_replicas{\(hpa)}) >= "
                        + "max(kube_horizontalpodautoscaler_spec_max_replicas{\(hpa)})"
                },
                { _ in "\(name)'s HorizontalPodAutoscaler is at its maximum replicas." }
            )
        }
        add(
            .highErrorRate,
            {
                #"100 * sum(rate(\#(requests){\#(http),\#(code)=~"5.."}[\#(window)])) / "#
                    + "sum(rate(\(requests){\(http)}[\(window)])) > \($0)"
            },
            { "More than \($0)% of \(name)'s requests fail with a 5xx status." }
        )
        add(
            .highClientErrorRate,
            {
                #"100 * sum(rate(\#(requests){\#(http),\#(code)=~"4.."}[\#(window)])) / "#
                    + "sum(rate(\(requests){\(http)}[\(window)])) > \($0)"
            },
            { "More than \($0)% of \(name)'s requests fail with a 4xx status." }
        )
        add(
            .highLatency,
            {
                "histogram_quantile(0.99, sum by (le) (rate(\(service.latencyMetric)_bucket{\(http)}[\(window)]))) "
                    + "> \($0)"
            },
            { "\(name)'s p99 request duration is above \($0) s." }
        )
        add(
            .highMemory,
            {
                "100 * max(sum by (pod) (container_memory_working_set_bytes{\(pods)}) / "
                    + #"sum by (pod) (kube_pod_container_resource_limits{\#(pods),resource="memory"})) > \#($0)"#
            },
            { "A pod of \(name) uses more than \($0)% of its memory limit." }
        )
        return rules
    }

    // MARK: Datastores

    /// The default alerts of one operated datastore.
    func datastoreRules(_ datastore: Datastore) -> [JSONValue] {
        let identity = DatastoreIdentity(scope: scope, datastore: datastore)
        guard let profile = EngineProfile.profile(for: identity) else { return [] }
        let name = datastore.name
        let statefulSet = identity.fullName
        let namespace = scope.namespace
        let members = #"namespace="\#(namespace)",pod=~"\#(statefulSet)-[0-9]+""#
        let container = #"\#(members),container="\#(profile.containerName)""#
        let workload = #"namespace="\#(namespace)",statefulset="\#(statefulSet)""#
        var rules: [JSONValue] = []
        func add(_ alert: ObservabilityAlert, _ expr: (String) -> String, _ summary: (String) -> String) {
            let alertSettings = self.settings.datastoreAlert(alert)
            guard alertSettings.enabled else { return }
            let threshold = Self.number(alertSettings.threshold)
            rules.append(
                rule(
                    alert,
                    expr: expr(threshold),
                    settings: alertSettings,
                    labels: ["datastore": name],
                    team: self.settings.team,
                    summary: summary(threshold)
                )
            )
        }
        if Self.metricsEndpoint(datastore.engine) != nil {
            add(
                .datastoreDown,
                { _ in "min(up{\(members)}) < 1" },
                { _ in "A member of \(name) cannot be scraped: the datastore or its exporter is down." }
            )
        }
        add(
            .datastoreMemberDown,
            {
                "max(kube_statefulset_replicas{\(workload)}) - "
                    + "max(kube_statefulset_status_replicas_ready{\(workload)}) > \($0)"
            },
            { "More than \($0) of \(name)'s members are not ready." }
        )
        add(
            .datastoreCPUHigh,
            {
                "100 * max(sum by (pod) (rate(container_cpu_usage_seconds_total{\(container)}[5m])) / "
                    + #"sum by (pod) (kube_pod_container_resource_requests{\#(container),resource="cpu"})) > \#($0)"#
            },
            { "A member of \(name) uses more than \($0)% of its CPU request." }
        )
        let claims = #"namespace="\#(namespace)",persistentvolumeclaim=~"data-\#(statefulSet)-[0-9]+""#
        add(
            .datastoreStorageLow,
            {
                "100 * min(kubelet_volume_stats_available_bytes{\(claims)} / "
                    + "kubelet_volume_stats_capacity_bytes{\(claims)}) < \($0)"
            },
            { "A volume of \(name) has less than \($0)% free space." }
        )
        switch datastore.engine {
        case .postgreSQL:
            add(
                .postgreSQLConnectionsHigh,
                {
                    "100 * max(sum by (pod) (pg_stat_database_numbackends{\(members)}) / "
                        + "max by (pod) (pg_settings_max_connections{\(members)})) > \($0)"
                },
                { "\(name) uses more than \($0)% of max_connections." }
            )
        case .redis:
            add(
                .redisMemoryHigh,
                {
                    "100 * max(redis_memory_used_bytes{\(members)} / (redis_memory_max_bytes{\(members)} > 0)) > \($0)"
                },
                { "\(name) uses more than \($0)% of its maxmemory." }
            )
        case .rabbitMQ:
            add(
                .rabbitMQResourceAlarm,
                { _ in
                    "max({__name__=~\"rabbitmq_alarms_memory_used_watermark|rabbitmq_alarms_free_disk_space_watermark\","
                        + "\(members)}) > 0"
                },
                { _ in "A node of \(name) raised a memory or disk alarm: publishers are blocked." }
            )
            let links = identity.replicas * (identity.replicas - 1)
            if links > 0 {
                add(
                    .rabbitMQPartition,
                    { _ in "(count(erlang_vm_dist_node_state{\(members)} == 3) or vector(0)) < \(links)" },
                    { _ in "\(name)'s nodes do not all see each other: a network partition or a node down." }
                )
            }
        case .consul:
            add(
                .consulLeaderLost,
                { _ in "max(consul_server_isLeader{\(members)}) < 1" },
                { _ in "\(name) has no Raft leader." }
            )
        default:
            break
        }
        if datastore.backup != nil, profile.backup != nil {
            let cronJob = identity.names.backup
            let jobs = #"namespace="\#(namespace)",job_name=~"\#(cronJob)-[0-9]+""#
            let schedule = #"namespace="\#(namespace)",cronjob="\#(cronJob)""#
            add(
                .backupFailed,
                { _ in
                    "max(kube_job_status_failed{\(jobs)}) > 0 and on () "
                        + "(max(kube_cronjob_status_last_schedule_time{\(schedule)}) > "
                        + "max(kube_cronjob_status_last_successful_time{\(schedule)}))"
                },
                { _ in "The last backup of \(name) failed." }
            )
            add(
                .backupLate,
                { "(time() - max(kube_cronjob_status_last_successful_time{\(schedule)})) / 3600 > \($0)" },
                { "\(name) has had no successful backup for more than \($0) hours." }
            )
        }
        return rules
    }

    /// The metrics endpoint of an engine: a container port name and path (the exporter sidecar's for PostgreSQL,
    /// MongoDB and Redis, see `EngineProfile+Exporters.swift`), or `nil` when it has none.
    static func metricsEndpoint(_ engine: DatastoreEngine) -> (port: String, path: String, params: [String: String])? {
        switch engine {
        case .rabbitMQ: ("prometheus", "/metrics", [:])
        case .consul: ("http", "/v1/agent/metrics", ["format": "prometheus"])
        case .postgreSQL, .mongoDB, .redis: ("metrics", "/metrics", [:])
        default: nil
        }
    }

    // MARK: Rules

    /// A user's rule, with the platform's labels.
    func customRule(_ custom: AlertRule) -> JSONValue {
        var labels = settings.labels.merging(custom.labels ?? [:]) { _, own in own }
        labels["namespace"] = scope.namespace
        labels["agriplatform"] = scope.name
        labels["severity"] = (custom.severity ?? .warning).rawValue
        if let team = settings.team { labels["team"] = team }
        var object: JSONObject = [
            "alert": .string(custom.name),
            "expr": .string(custom.expr),
            "labels": .strings(labels),
        ]
        if let duration = custom.for { object["for"] = .string(duration) }
        if let summary = custom.summary { object["annotations"] = ["summary": .string(summary)] }
        return .object(object)
    }

    /// A default alert's rule.
    func rule(
        _ alert: ObservabilityAlert,
        expr: String,
        settings alertSettings: ObservabilitySettings.Alert,
        labels own: [String: String],
        team: String?,
        summary: String
    ) -> JSONValue {
        var labels = settings.labels.merging(own) { _, own in own }
        labels["namespace"] = scope.namespace
        labels["agriplatform"] = scope.name
        labels["severity"] = alertSettings.severity.rawValue
        if let team { labels["team"] = team }
        return [
            "alert": .string(alert.rawValue),
            "expr": .string(expr),
            "for": .string(alertSettings.for),
            "labels": .strings(labels),
            "annotations": ["summary": .string(summary)],
        ]
    }

    /// A threshold as a PromQL number: `5`, not `5.0`.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
