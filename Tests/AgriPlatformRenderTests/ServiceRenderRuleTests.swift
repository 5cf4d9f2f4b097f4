import AgriPlatformAPI
import KubeCore
import Testing

@testable import AgriPlatformRender

@Suite("Service rendering rules")
struct ServiceRenderRuleTests {
    typealias F = RenderFixtures

    @Test("A Deployment whose scale an HPA owns has no replicas field")
    func noReplicasWithAutoscaler() throws {
        let objects = try F.render(
            F.platform([
                F.service {
                    $0.replicas = 5
                    $0.autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 4)
                    $0.autoscaling?.targetCPUUtilization = 60
                }
            ])
        )
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        #expect(deployment[path: ["spec", "replicas"]] == nil)
        #expect(F.object(objects, kind: "HorizontalPodAutoscaler", name: "farm-api") != nil)
    }

    @Test(
        "Without autoscaling the Deployment runs the spec's replicas, or 2",
        arguments: [(Int32?.none, Int64(2)), (7, 7)]
    )
    func replicas(written: Int32?, expected: Int64) throws {
        let objects = try F.render(F.platform([F.service { $0.replicas = written }]))
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        #expect(deployment[path: ["spec", "replicas"]] == .integer(expected))
    }

    @Test(
        "A disruption budget follows the pod count unless the spec sets one",
        arguments: [
            (Int32?.none, Int32?.none, DisruptionBudget?.none, "maxUnavailable" as String?, JSONValue?.some(1)),
            (1, nil, nil, nil, nil),
            (nil, 1, nil, nil, nil),
            (nil, 3, nil, "maxUnavailable", 1),
            (1, nil, DisruptionBudget(minAvailable: .int(1)), "minAvailable", 1),
            (4, nil, DisruptionBudget(maxUnavailable: .string("25%")), "maxUnavailable", "25%"),
        ]
    )
    func disruptionBudget(
        replicas: Int32?,
        minReplicas: Int32?,
        budget: DisruptionBudget?,
        field: String?,
        value: JSONValue?
    ) throws {
        let objects = try F.render(
            F.platform([
                F.service {
                    $0.replicas = replicas
                    $0.disruptionBudget = budget
                    if let minReplicas {
                        $0.autoscaling = Autoscaling(minReplicas: minReplicas, maxReplicas: 10)
                        $0.autoscaling?.targetCPUUtilization = 70
                    }
                }
            ])
        )
        let pdb = F.object(objects, kind: "PodDisruptionBudget", name: "farm-api")
        if let field {
            let spec = try #require(pdb?["spec"]?.objectValue)
            #expect(spec[field] == value)
            #expect(spec.count == 2)
            #expect(
                spec["selector"] == [
                    "matchLabels": ["app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "farm"]
                ]
            )
        } else {
            #expect(pdb == nil)
        }
    }

    struct ProbeCase: Sendable, CustomTestStringConvertible {
        var check: HealthCheck
        var readiness: [Int64]  // period, timeout, success, failure
        var liveness: [Int64]?
        var startup: [Int64]?
        var testDescription: String { "\(check)" }
    }

    static let probeCases: [ProbeCase] = {
        var defaults = HealthCheck(path: "/health")
        var farmers = HealthCheck(path: "/health")
        farmers.startupGracePeriodSeconds = 45
        farmers.liveness = false
        var appRunner = HealthCheck(path: "/health")
        appRunner.intervalSeconds = 10
        appRunner.timeoutSeconds = 5
        appRunner.healthyThreshold = 1
        appRunner.unhealthyThreshold = 5
        appRunner.startupGracePeriodSeconds = 60
        defaults.port = nil
        return [
            ProbeCase(check: defaults, readiness: [30, 5, 2, 3], liveness: [30, 5, 1, 3], startup: nil),
            ProbeCase(check: farmers, readiness: [30, 5, 2, 3], liveness: nil, startup: [30, 5, 1, 5]),
            ProbeCase(check: appRunner, readiness: [10, 5, 1, 5], liveness: [10, 5, 1, 5], startup: [10, 5, 1, 11]),
        ]
    }()

    @Test("Health checks map to readiness, liveness and start-up probes", arguments: probeCases)
    func probes(probeCase: ProbeCase) throws {
        let objects = try F.render(F.platform([F.service { $0.healthCheck = probeCase.check }]))
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        func numbers(_ probe: JSONValue?) -> [Int64]? {
            guard let probe else { return nil }
            return ["periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"].map {
                probe[$0]?.integerValue ?? -1
            }
        }
        #expect(numbers(container["readinessProbe"]) == probeCase.readiness)
        #expect(numbers(container["livenessProbe"]) == probeCase.liveness)
        #expect(numbers(container["startupProbe"]) == probeCase.startup)
        #expect(container[path: ["readinessProbe", "httpGet"]] == ["path": "/health", "port": "http"])
    }

    @Test("TCP and GRPC health checks use their handlers; GRPC resolves a port name to its number")
    func probeHandlers() throws {
        var tcp = HealthCheck(type: "TCP")
        tcp.port = "9000"
        var grpc = HealthCheck(type: "GRPC")
        grpc.port = "grpc"
        let objects = try F.render(
            F.platform([
                F.service("a") { $0.healthCheck = tcp },
                F.service("b") {
                    $0.healthCheck = grpc
                    $0.ports = [ServicePortSpec(name: "http", port: 8080), ServicePortSpec(name: "grpc", port: 9090)]
                },
            ])
        )
        let a = try #require(F.object(objects, kind: "Deployment", name: "farm-a"))
        let b = try #require(F.object(objects, kind: "Deployment", name: "farm-b"))
        let containers = ["spec", "template", "spec", "containers"]
        #expect(a[path: containers]?.arrayValue?.first?[path: ["readinessProbe", "tcpSocket"]] == ["port": 9000])
        #expect(b[path: containers]?.arrayValue?.first?[path: ["livenessProbe", "grpc"]] == ["port": 9090])
    }

    @Test(
        "Request-rate targets become a per-second milli quantity",
        arguments: [
            (Int32(1000), "Minute", "16666m"), (60, "Minute", "1"), (90, "Minute", "1500m"), (1, "Minute", "16m"),
            (100, "Second", "100"), (250, "second", "250"),
        ]
    )
    func requestRate(target: Int32, per: String, expected: String) throws {
        let objects = try F.render(
            F.platform([
                F.service {
                    $0.autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 10)
                    $0.autoscaling?.requestRate = RequestRateTarget(targetPerPod: target, per: per)
                }
            ])
        )
        let hpa = try #require(F.object(objects, kind: "HorizontalPodAutoscaler", name: "farm-api"))
        let metric = try #require(hpa[path: ["spec", "metrics"]]?.arrayValue?.first)
        #expect(metric["type"] == "Pods")
        #expect(metric[path: ["pods", "metric", "name"]] == "http_requests_per_second")
        #expect(metric[path: ["pods", "target"]] == ["type": "AverageValue", "averageValue": .string(expected)])
    }

    @Test("HPA behaviour carries the stabilization windows")
    func behaviour() throws {
        let objects = try F.render(
            F.platform([
                F.service {
                    $0.autoscaling = Autoscaling(minReplicas: 1, maxReplicas: 25)
                    $0.autoscaling?.targetCPUUtilization = 70
                    $0.autoscaling?.scaleOutStabilizationSeconds = 60
                }
            ])
        )
        let hpa = try #require(F.object(objects, kind: "HorizontalPodAutoscaler", name: "farm-api"))
        #expect(hpa[path: ["spec", "behavior", "scaleUp", "stabilizationWindowSeconds"]] == 60)
        #expect(hpa[path: ["spec", "behavior", "scaleDown", "stabilizationWindowSeconds"]] == 300)
        #expect(
            hpa[path: ["spec", "scaleTargetRef"]] == [
                "apiVersion": "apps/v1", "kind": "Deployment", "name": "farm-api",
            ]
        )
    }

    @Test("Pods and containers get the secure defaults, and spec.security relaxes them")
    func secureDefaults() throws {
        let objects = try F.render(
            F.platform([
                F.service("a"),
                F.service("b") { $0.security = SecuritySettings(runAsUser: 1000, readOnlyRootFilesystem: false) },
            ])
        )
        let a = try #require(
            F.object(objects, kind: "Deployment", name: "farm-a")?[path: ["spec", "template", "spec"]]
        )
        #expect(a["securityContext"] == ["runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]])
        #expect(a["automountServiceAccountToken"] == false)
        #expect(a["serviceAccountName"] == "farm")
        #expect(a["volumes"] == [["name": "tmp", "emptyDir": [:]]])
        #expect(a["terminationGracePeriodSeconds"] == 30)
        let container = try #require(a["containers"]?.arrayValue?.first)
        #expect(
            container["securityContext"]
                == [
                    "allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]],
                    "readOnlyRootFilesystem": true,
                ]
        )
        #expect(container["volumeMounts"] == [["name": "tmp", "mountPath": "/tmp"]])
        let b = try #require(
            F.object(objects, kind: "Deployment", name: "farm-b")?[path: ["spec", "template", "spec"]]
        )
        #expect(b[path: ["securityContext", "runAsUser"]] == 1000)
        #expect(b["volumes"] == nil)
        #expect(b["containers"]?.arrayValue?.first?[path: ["securityContext", "readOnlyRootFilesystem"]] == false)
        let account = try #require(F.object(objects, kind: "ServiceAccount", name: "farm"))
        #expect(account["automountServiceAccountToken"] == false)
    }

    @Test("AWS units become requests; the memory limit equals the request and CPU has no limit")
    func resources() throws {
        let objects = try F.render(
            F.platform([F.service { $0.resources = ResourceSpec(cpu: "0.5 vCPU", memory: "1 GB") }])
        )
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        #expect(container["resources"] == ["requests": ["cpu": "500m", "memory": "1Gi"], "limits": ["memory": "1Gi"]])
    }

    @Test("An unreadable amount is a RenderError with its path, not a trap")
    func unreadableUnits() throws {
        let platform = F.platform([F.service { $0.resources = ResourceSpec(cpu: "lots") }])
        #expect(throws: RenderError.self) { try F.render(platform) }
        do {
            _ = try PlatformRenderer().render(platform)
        } catch {
            #expect(error.path == "spec.services[0].resources.cpu")
        }
    }

    @Test("Used datastores arrive through envFrom with an upper-snake prefix")
    func usesBecomeEnvFrom() throws {
        var external = Datastore(name: "ledger", engine: .postgreSQL)
        external.external = ExternalDatastore(secretName: "rds-ledger")
        let objects = try F.render(
            F.platform(
                [
                    F.service {
                        $0.uses = ["orders-db", "ledger"]
                        $0.envFrom = [EnvSource(configMap: "settings")]
                    }
                ],
                datastores: [Datastore(name: "orders-db", engine: .postgreSQL), external]
            )
        )
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        #expect(
            container["envFrom"]
                == [
                    ["prefix": "ORDERS_DB_", "secretRef": ["name": "farm-orders-db-connection"]],
                    ["prefix": "LEDGER_", "secretRef": ["name": "rds-ledger"]],
                    ["configMapRef": ["name": "settings"]],
                ]
        )
    }

    @Test("A uses entry that names no datastore is a RenderError")
    func unknownDatastore() {
        #expect(throws: RenderError.self) { try F.render(F.platform([F.service { $0.uses = ["nope"] }])) }
    }

    @Test("Objects are owned by the AgriPlatform only when it has a UID")
    func ownerReferences() throws {
        let owned = try F.render(F.platform([F.service()], uid: "1234"))
        for object in owned {
            #expect(
                object.json[path: ["metadata", "ownerReferences"]]
                    == [
                        [
                            "apiVersion": "agriplatform.io/v1alpha1", "kind": "AgriPlatform", "name": "farm",
                            "uid": "1234", "controller": true, "blockOwnerDeletion": true,
                        ]
                    ]
            )
        }
        let offline = try F.render(F.platform([F.service()]))
        #expect(offline.allSatisfy { $0.json[path: ["metadata", "ownerReferences"]] == nil })
    }

    @Test("The VPA is rendered only where it is installed, and stays Off beside a CPU-scaling HPA")
    func verticalAutoscaler() throws {
        let platform = F.platform([
            F.service("a") {
                $0.verticalAutoscaling = VerticalAutoscaling(mode: "Recreate")
                $0.autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 3)
                $0.autoscaling?.targetCPUUtilization = 50
            },
            F.service("b") { $0.verticalAutoscaling = VerticalAutoscaling(mode: "Initial") },
        ])
        #expect(try F.render(platform).allSatisfy { $0.kind != "VerticalPodAutoscaler" })
        let objects = try F.render(platform, context: RenderContext(verticalPodAutoscalerAvailable: true))
        let a = try #require(F.object(objects, kind: "VerticalPodAutoscaler", name: "farm-a"))
        let b = try #require(F.object(objects, kind: "VerticalPodAutoscaler", name: "farm-b"))
        #expect(a[path: ["spec", "updatePolicy", "updateMode"]] == "Off")
        #expect(b[path: ["spec", "updatePolicy", "updateMode"]] == "Initial")
    }

    @Test("An Ingress gets TLS with the default Secret and the cert-manager issuer")
    func ingress() throws {
        var ingress = IngressSpec(host: "api.example.com")
        ingress.tls = IngressTLS(clusterIssuer: "letsencrypt")
        let objects = try F.render(F.platform([F.service { $0.ingress = ingress }]))
        let rendered = try #require(F.object(objects, kind: "Ingress", name: "farm-api"))
        #expect(rendered[path: ["metadata", "annotations", "cert-manager.io/cluster-issuer"]] == "letsencrypt")
        #expect(rendered[path: ["spec", "tls"]] == [["hosts": ["api.example.com"], "secretName": "farm-api-tls"]])
        let path = rendered[path: ["spec", "rules"]]?.arrayValue?.first?[path: ["http", "paths"]]?.arrayValue?.first
        #expect(
            path == [
                "path": "/", "pathType": "Prefix",
                "backend": ["service": ["name": "farm-api", "port": ["name": "http"]]],
            ]
        )
    }

    @Test("The migration Job is named after the pod template's revision, which changes with the image")
    func migrationJob() throws {
        func render(_ image: String) throws -> (job: String, revision: String) {
            let objects = try F.render(
                F.platform([
                    F.service {
                        $0.image = image
                        $0.migration = MigrationJob(command: ["migrate", "up"])
                    }
                ])
            )
            let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
            let revision = try #require(
                deployment[path: ["spec", "template", "metadata", "annotations", "agriplatform.io/revision"]]?
                    .stringValue
            )
            let job = try #require(objects.first { $0.kind == "Job" })
            #expect(job.json[path: ["spec", "template", "spec", "restartPolicy"]] == "Never")
            #expect(
                job.json[path: ["spec", "template", "metadata", "labels", "app.kubernetes.io/name"]] == "api-migrate"
            )
            return (try #require(job.name), revision)
        }
        let first = try render("app:1")
        #expect(first.revision.count == 16)
        #expect(first.job == "farm-api-migrate-\(first.revision.prefix(10))")
        #expect(try render("app:1") == first)
        #expect(try render("app:2").revision != first.revision)
    }

    @Test("Objects come sorted by kind, then name, all in the platform's namespace and managed by the operator")
    func ordering() throws {
        var service = F.service("b")
        service.ingress = IngressSpec(host: "b.example.com")
        let objects = try F.render(F.platform([service, F.service("a")]))
        let kinds = objects.map { PlatformRenderer.kindOrder.firstIndex(of: $0.kind!)! }
        #expect(kinds == kinds.sorted())
        #expect(objects.map(\.kind).prefix(3) == ["ServiceAccount", "Service", "Service"])
        #expect(objects.allSatisfy { $0.namespace == "prod" })
        #expect(objects.allSatisfy { $0.metadata.labels?["app.kubernetes.io/managed-by"] == "agri-operator" })
    }

    @Test("FNV-1a 64 matches the reference vectors")
    func fnv() {
        var empty = FNV1a64()
        #expect(empty.hexDigits == "cbf29ce484222325")
        empty.combine("a")
        #expect(empty.hexDigits == "af63dc4c8601ec8c")
        var foobar = FNV1a64()
        foobar.combine("foobar")
        #expect(foobar.hexDigits == "85944171f73967e8")
    }
}
