import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// `promtool test rules` on the rendered PrometheusRule: every default alert fires when a synthetic series crosses
/// its threshold and holds for the alert's `for` duration, is still pending one minute before that, and stays silent
/// on a series just below the threshold.
@Suite("Default alerts under promtool test rules")
struct ObservabilityAlertRuleTests {
    /// One input series: its name with labels, and promtool's expanding notation (`0+6x30`: 0, 6, 12, …).
    typealias Series = (series: String, values: String)

    /// How one alert is exercised.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var alert: ObservabilityAlert
        /// The service or datastore the alert is about.
        var owner: String
        /// Series that cross the threshold no later than ``start`` minutes in.
        var firing: [Series]
        /// Series just below the threshold (or the healthy state of a condition without one).
        var quiet: [Series]
        /// The minute from which the firing series surely satisfy the expression (rates need two samples).
        var start: Int = 0

        var testDescription: String { alert.rawValue }
    }

    static let pod = #"namespace="shop",pod="farm-api-5d8f7c9b4-x2x9z",container="api""#
    static let http = #"namespace="shop",service="api""#

    /// One scenario per default alert, on the fixture platform below.
    static let scenarios: [Scenario] = [
        Scenario(
            alert: .replicasUnavailable,
            owner: "api",
            firing: [(#"kube_deployment_status_replicas_unavailable{namespace="shop",deployment="farm-api"}"#, "1x40")],
            quiet: [(#"kube_deployment_status_replicas_unavailable{namespace="shop",deployment="farm-api"}"#, "0x40")]
        ),
        Scenario(
            alert: .replicasMismatch,
            owner: "api",
            firing: [
                (#"kube_deployment_spec_replicas{namespace="shop",deployment="farm-api"}"#, "3x40"),
                (#"kube_deployment_status_replicas_available{namespace="shop",deployment="farm-api"}"#, "2x40"),
            ],
            quiet: [
                (#"kube_deployment_spec_replicas{namespace="shop",deployment="farm-api"}"#, "3x40"),
                (#"kube_deployment_status_replicas_available{namespace="shop",deployment="farm-api"}"#, "3x40"),
            ]
        ),
        Scenario(
            alert: .crashLooping,
            owner: "api",
            firing: [("kube_pod_container_status_restarts_total{\(pod)}", "0+1x40")],
            quiet: [("kube_pod_container_status_restarts_total{\(pod)}", "0 1 2x40")],
            start: 4
        ),
        Scenario(
            alert: .autoscalerAtMax,
            owner: "api",
            firing: [
                (
                    #"kube_horizontalpodautoscaler_status_current_replicas{namespace="shop",horizontalpodautoscaler="farm-api"}"#,
                    "10x40"
                ),
                (
                    #"kube_horizontalpodautoscaler_spec_max_replicas{namespace="shop",horizontalpodautoscaler="farm-api"}"#,
                    "10x40"
                ),
            ],
            quiet: [
                (
                    #"kube_horizontalpodautoscaler_status_current_replicas{namespace="shop",horizontalpodautoscaler="farm-api"}"#,
                    "9x40"
                ),
                (
                    #"kube_horizontalpodautoscaler_spec_max_replicas{namespace="shop",horizontalpodautoscaler="farm-api"}"#,
                    "10x40"
                ),
            ]
        ),
        Scenario(
            alert: .highErrorRate,
            owner: "api",
            firing: [
                (#"http_requests_total{\#(http),code="200"}"#, "0+949x40"),
                (#"http_requests_total{\#(http),code="500"}"#, "0+51x40"),
            ],
            quiet: [
                (#"http_requests_total{\#(http),code="200"}"#, "0+951x40"),
                (#"http_requests_total{\#(http),code="500"}"#, "0+49x40"),
            ],
            start: 1
        ),
        Scenario(
            alert: .highClientErrorRate,
            owner: "api",
            firing: [
                (#"http_requests_total{\#(http),code="200"}"#, "0+899x40"),
                (#"http_requests_total{\#(http),code="404"}"#, "0+101x40"),
            ],
            quiet: [
                (#"http_requests_total{\#(http),code="200"}"#, "0+901x40"),
                (#"http_requests_total{\#(http),code="404"}"#, "0+99x40"),
            ],
            start: 1
        ),
        Scenario(
            alert: .highLatency,
            owner: "api",
            // p99 in the (1, 2.5] bucket: 2 s; below, in the (0.5, 1] bucket: 0.95 s.
            firing: [
                (#"http_request_duration_seconds_bucket{\#(http),le="0.5"}"#, "0+90x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="1"}"#, "0+97x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="2.5"}"#, "0+100x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="+Inf"}"#, "0+100x40"),
            ],
            quiet: [
                (#"http_request_duration_seconds_bucket{\#(http),le="0.5"}"#, "0+90x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="1"}"#, "0+100x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="2.5"}"#, "0+100x40"),
                (#"http_request_duration_seconds_bucket{\#(http),le="+Inf"}"#, "0+100x40"),
            ],
            start: 1
        ),
        Scenario(
            alert: .highMemory,
            owner: "api",
            firing: [
                ("container_memory_working_set_bytes{\(pod)}", "810x40"),
                (#"kube_pod_container_resource_limits{\#(pod),resource="memory"}"#, "1000x40"),
            ],
            quiet: [
                ("container_memory_working_set_bytes{\(pod)}", "790x40"),
                (#"kube_pod_container_resource_limits{\#(pod),resource="memory"}"#, "1000x40"),
            ]
        ),
        Scenario(
            alert: .datastoreDown,
            owner: "queue",
            firing: [
                (#"up{namespace="shop",pod="farm-queue-0"}"#, "0x40"),
                (#"up{namespace="shop",pod="farm-queue-1"}"#, "1x40"),
            ],
            quiet: [
                (#"up{namespace="shop",pod="farm-queue-0"}"#, "1x40"),
                (#"up{namespace="shop",pod="farm-queue-1"}"#, "1x40"),
            ]
        ),
        Scenario(
            alert: .datastoreMemberDown,
            owner: "pg",
            firing: [
                (#"kube_statefulset_replicas{namespace="shop",statefulset="farm-pg"}"#, "3x40"),
                (#"kube_statefulset_status_replicas_ready{namespace="shop",statefulset="farm-pg"}"#, "2x40"),
            ],
            quiet: [
                (#"kube_statefulset_replicas{namespace="shop",statefulset="farm-pg"}"#, "3x40"),
                (#"kube_statefulset_status_replicas_ready{namespace="shop",statefulset="farm-pg"}"#, "3x40"),
            ]
        ),
        Scenario(
            alert: .datastoreCPUHigh,
            owner: "pg",
            // 0.81 and 0.79 CPU-seconds per second against a request of 1 CPU.
            firing: [
                (
                    #"container_cpu_usage_seconds_total{namespace="shop",pod="farm-pg-0",container="postgres"}"#,
                    "0+48.6x40"
                ),
                (
                    #"kube_pod_container_resource_requests{namespace="shop",pod="farm-pg-0",container="postgres",resource="cpu"}"#,
                    "1x40"
                ),
            ],
            quiet: [
                (
                    #"container_cpu_usage_seconds_total{namespace="shop",pod="farm-pg-0",container="postgres"}"#,
                    "0+47.4x40"
                ),
                (
                    #"kube_pod_container_resource_requests{namespace="shop",pod="farm-pg-0",container="postgres",resource="cpu"}"#,
                    "1x40"
                ),
            ],
            // rate() over 5m divides by the whole window: it reaches the per-second rate once 5 minutes are in.
            start: 5
        ),
        Scenario(
            alert: .datastoreStorageLow,
            owner: "pg",
            firing: [
                (
                    #"kubelet_volume_stats_available_bytes{namespace="shop",persistentvolumeclaim="data-farm-pg-0"}"#,
                    "9x40"
                ),
                (
                    #"kubelet_volume_stats_capacity_bytes{namespace="shop",persistentvolumeclaim="data-farm-pg-0"}"#,
                    "100x40"
                ),
            ],
            quiet: [
                (
                    #"kubelet_volume_stats_available_bytes{namespace="shop",persistentvolumeclaim="data-farm-pg-0"}"#,
                    "11x40"
                ),
                (
                    #"kubelet_volume_stats_capacity_bytes{namespace="shop",persistentvolumeclaim="data-farm-pg-0"}"#,
                    "100x40"
                ),
            ]
        ),
        Scenario(
            alert: .postgreSQLConnectionsHigh,
            owner: "pg",
            firing: [
                (#"pg_stat_database_numbackends{namespace="shop",pod="farm-pg-0",datname="app"}"#, "81x40"),
                (#"pg_settings_max_connections{namespace="shop",pod="farm-pg-0"}"#, "100x40"),
            ],
            quiet: [
                (#"pg_stat_database_numbackends{namespace="shop",pod="farm-pg-0",datname="app"}"#, "79x40"),
                (#"pg_settings_max_connections{namespace="shop",pod="farm-pg-0"}"#, "100x40"),
            ]
        ),
        Scenario(
            alert: .redisMemoryHigh,
            owner: "cache",
            firing: [
                (#"redis_memory_used_bytes{namespace="shop",pod="farm-cache-0"}"#, "91x40"),
                (#"redis_memory_max_bytes{namespace="shop",pod="farm-cache-0"}"#, "100x40"),
            ],
            quiet: [
                (#"redis_memory_used_bytes{namespace="shop",pod="farm-cache-0"}"#, "89x40"),
                (#"redis_memory_max_bytes{namespace="shop",pod="farm-cache-0"}"#, "100x40"),
            ]
        ),
        Scenario(
            alert: .rabbitMQResourceAlarm,
            owner: "queue",
            firing: [
                (#"rabbitmq_alarms_memory_used_watermark{namespace="shop",pod="farm-queue-0"}"#, "1x40"),
                (#"rabbitmq_alarms_free_disk_space_watermark{namespace="shop",pod="farm-queue-0"}"#, "0x40"),
            ],
            quiet: [
                (#"rabbitmq_alarms_memory_used_watermark{namespace="shop",pod="farm-queue-0"}"#, "0x40"),
                (#"rabbitmq_alarms_free_disk_space_watermark{namespace="shop",pod="farm-queue-0"}"#, "0x40"),
            ]
        ),
        Scenario(
            alert: .rabbitMQPartition,
            owner: "queue",
            // Three nodes: six distribution links when every node sees the others (state 3 = up).
            firing: links(upFrom: ["0-1", "0-2", "1-0", "2-0"], pendingFrom: ["1-2", "2-1"]),
            quiet: links(upFrom: ["0-1", "0-2", "1-0", "1-2", "2-0", "2-1"], pendingFrom: [])
        ),
        Scenario(
            alert: .consulLeaderLost,
            owner: "consul",
            firing: (0..<3).map { (#"consul_server_isLeader{namespace="shop",pod="farm-consul-\#($0)"}"#, "0x40") },
            quiet: (0..<3).map {
                (#"consul_server_isLeader{namespace="shop",pod="farm-consul-\#($0)"}"#, $0 == 1 ? "1x40" : "0x40")
            }
        ),
        Scenario(
            alert: .backupFailed,
            owner: "pg",
            firing: [
                (#"kube_job_status_failed{namespace="shop",job_name="farm-pg-backup-29000000"}"#, "1x40"),
                (#"kube_cronjob_status_last_schedule_time{namespace="shop",cronjob="farm-pg-backup"}"#, "2000x40"),
                (#"kube_cronjob_status_last_successful_time{namespace="shop",cronjob="farm-pg-backup"}"#, "1000x40"),
            ],
            quiet: [
                (#"kube_job_status_failed{namespace="shop",job_name="farm-pg-backup-29000000"}"#, "0x40"),
                (#"kube_cronjob_status_last_schedule_time{namespace="shop",cronjob="farm-pg-backup"}"#, "2000x40"),
                (#"kube_cronjob_status_last_successful_time{namespace="shop",cronjob="farm-pg-backup"}"#, "1000x40"),
            ]
        ),
        Scenario(
            alert: .backupLate,
            owner: "pg",
            // At minute 10 (time() = 600 s): the last success 26.33 hours ago, or 25.83 hours ago.
            firing: [
                (#"kube_cronjob_status_last_successful_time{namespace="shop",cronjob="farm-pg-backup"}"#, "-94200x40")
            ],
            quiet: [
                (#"kube_cronjob_status_last_successful_time{namespace="shop",cronjob="farm-pg-backup"}"#, "-92400x40")
            ]
        ),
    ]

    /// `erlang_vm_dist_node_state` of the RabbitMQ nodes: `from-to` links up (3) or pending (1).
    static func links(upFrom up: [String], pendingFrom pending: [String]) -> [Series] {
        (up.map { ($0, "3x40") } + pending.map { ($0, "1x40") }).map { link, values in
            let ends = link.split(separator: "-")
            return (
                #"erlang_vm_dist_node_state{namespace="shop",pod="farm-queue-\#(ends[0])",peer="rabbit@farm-queue-\#(ends[1])"}"#,
                values
            )
        }
    }

    /// The fixture: service `api` (autoscaled) and a datastore of each engine, in namespace `shop`, team `agri`.
    static func platform() -> AgriPlatform {
        var api = PlatformService(name: "api", image: "ghcr.io/example/api:1")
        var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 10)
        autoscaling.targetCPUUtilization = 60
        api.autoscaling = autoscaling
        var pg = Datastore(name: "pg", engine: .postgreSQL)
        pg.backup = BackupSpec(schedule: "0 3 * * *")
        var spec = AgriPlatformSpec(
            services: [api],
            datastores: [
                pg, Datastore(name: "cache", engine: .redis), Datastore(name: "queue", engine: .rabbitMQ),
                Datastore(name: "consul", engine: .consul), Datastore(name: "mongo", engine: .mongoDB),
            ]
        )
        spec.observability = PlatformObservability(team: "agri")
        return AgriPlatform(metadata: ObjectMeta(name: "farm", namespace: "shop"), spec: spec)
    }

    /// The rendered PrometheusRule's `spec` (a rule file's body).
    static func ruleFile(_ platform: AgriPlatform) throws -> JSONValue {
        let renderer = PlatformRenderer(
            context: RenderContext(verticalPodAutoscalerAvailable: false, prometheusOperatorAvailable: true)
        )
        let objects = try renderer.render(platform)
        let rule = try #require(objects.first { $0.kind == "PrometheusRule" })
        return try #require(rule.json["spec"])
    }

    /// Minutes of a duration such as `5m` (every default duration is whole minutes).
    static func minutes(_ duration: String) throws -> Int {
        try #require(duration.hasSuffix("m") ? Int(duration.dropLast()) : (duration == "0s" ? 0 : nil))
    }

    @Test("The scenarios cover every default alert")
    func coverage() {
        #expect(Set(Self.scenarios.map(\.alert)) == Set(ObservabilityAlert.known))
    }

    @Test(
        "Each default alert fires above its threshold after its for duration and stays silent just below it",
        arguments: scenarios
    )
    func alertFires(scenario: Scenario) throws {
        let rules = try Self.ruleFile(Self.platform())
        let rule = try #require(
            (rules["groups"]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }.first {
                $0["alert"]?.stringValue == scenario.alert.rawValue
                    && ($0[path: ["labels", "service"]] ?? $0[path: ["labels", "datastore"]])?.stringValue
                        == scenario.owner
            },
            "no \(scenario.alert.rawValue) rule for \(scenario.owner)"
        )
        let waiting = try Self.minutes(rule["for"]?.stringValue ?? "0s")
        let expected: JSONValue = [
            "exp_labels": try #require(rule["labels"]),
            "exp_annotations": try #require(rule["annotations"]),
        ]
        func series(_ list: [Series]) -> JSONValue {
            .array(list.map { ["series": .string($0.series), "values": .string($0.values)] })
        }
        let name = JSONValue.string(scenario.alert.rawValue)
        var firingChecks: [JSONValue] = [
            ["eval_time": .string("\(scenario.start + waiting)m"), "alertname": name, "exp_alerts": [expected]]
        ]
        if waiting > 0 {
            firingChecks.append(["eval_time": .string("\(waiting - 1)m"), "alertname": name, "exp_alerts": []])
        }
        let tests: JSONValue = [
            "rule_files": ["rules.json"],
            "evaluation_interval": "1m",
            "tests": [
                ["interval": "1m", "input_series": series(scenario.firing), "alert_rule_test": .array(firingChecks)],
                [
                    "interval": "1m",
                    "input_series": series(scenario.quiet),
                    "alert_rule_test": [
                        ["eval_time": .string("\(scenario.start + waiting)m"), "alertname": name, "exp_alerts": []],
                        [
                            "eval_time": .string("\(scenario.start + waiting + 10)m"), "alertname": name,
                            "exp_alerts": [],
                        ],
                    ],
                ],
            ],
        ]
        let result = try Promtool.run(
            ["test", "rules", "tests.json"],
            files: ["rules.json": try Promtool.text(rules), "tests.json": try Promtool.text(tests)]
        )
        #expect(result.status == 0, "promtool test rules failed:\n\(result.output)")
    }

    @Test("A threshold override moves where the alert fires")
    func overrideMovesThreshold() throws {
        var platform = Self.platform()
        platform.spec.observability?.alerts = [AlertOverride(name: .highMemory, threshold: 85, for: "0s")]
        let rules = try Self.ruleFile(platform)
        let rule = try #require(
            (rules["groups"]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }.first {
                $0["alert"]?.stringValue == "HighMemory"
            }
        )
        let tests: JSONValue = [
            "rule_files": ["rules.json"],
            "tests": [
                [
                    "interval": "1m",
                    "input_series": [
                        ["series": .string("container_memory_working_set_bytes{\(Self.pod)}"), "values": "860x5"],
                        [
                            "series": .string(#"kube_pod_container_resource_limits{\#(Self.pod),resource="memory"}"#),
                            "values": "1000x5",
                        ],
                    ],
                    "alert_rule_test": [
                        [
                            "eval_time": "0m",
                            "alertname": "HighMemory",
                            "exp_alerts": [
                                [
                                    "exp_labels": try #require(rule["labels"]),
                                    "exp_annotations": try #require(rule["annotations"]),
                                ]
                            ],
                        ]
                    ],
                ],
                [
                    "interval": "1m",
                    "input_series": [
                        ["series": .string("container_memory_working_set_bytes{\(Self.pod)}"), "values": "840x5"],
                        [
                            "series": .string(#"kube_pod_container_resource_limits{\#(Self.pod),resource="memory"}"#),
                            "values": "1000x5",
                        ],
                    ],
                    "alert_rule_test": [["eval_time": "3m", "alertname": "HighMemory", "exp_alerts": []]],
                ],
            ],
        ]
        let result = try Promtool.run(
            ["test", "rules", "tests.json"],
            files: ["rules.json": try Promtool.text(rules), "tests.json": try Promtool.text(tests)]
        )
        #expect(result.status == 0, "promtool test rules failed:\n\(result.output)")
    }
}
