import AgriPlatformAPI
import KubeCore
import Testing

/// One way to break the valid sample, and every error it must produce.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: [String]
    let mutate: @Sendable (inout AgriPlatform) -> Void

    init(_ name: String, _ expected: [String], _ mutate: @escaping @Sendable (inout AgriPlatform) -> Void) {
        self.name = name
        self.expected = expected
        self.mutate = mutate
    }

    var testDescription: String { name }
}

@Suite("Validation in code")
struct ValidationTests {
    static let cases: [InvalidCase] = [
        InvalidCase(
            "an upper-case service name",
            [
                "spec.services[0].name: Invalid value: \"Api\": a DNS-1035 label must consist of lower case "
                    + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                    + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                    + "'[a-z]([-a-z0-9]*[a-z0-9])?')"
            ]
        ) { $0.spec.services[0].name = "Api" },
        InvalidCase("an empty image", ["spec.services[0].image: Required value"]) { $0.spec.services[0].image = "" },
        InvalidCase(
            "an unknown engine",
            [
                "spec.datastores[0].engine: Unsupported value: \"Mongo\": supported values: \"MongoDB\", "
                    + "\"RabbitMQ\", \"Consul\", \"PostgreSQL\", \"Redis\""
            ]
        ) {
            $0.spec.datastores![0].engine = DatastoreEngine(rawValue: "Mongo")
            $0.spec.datastores![0].postgres = nil
        },
        InvalidCase(
            "duplicate service names",
            ["spec.services[1].name: Duplicate value: \"api\""]
        ) { $0.spec.services.append($0.spec.services[0]) },
        InvalidCase(
            "a use of an undeclared datastore, and the same datastore twice",
            [
                "spec.services[0].uses[1]: Invalid value: \"cache\": no datastore of this name in spec.datastores "
                    + "(declared: \"db\")",
                "spec.services[0].uses[2]: Duplicate value: \"db\"",
            ]
        ) { $0.spec.services[0].uses = ["db", "cache", "db"] },
        InvalidCase(
            "autoscaling with min above max and no target",
            [
                "spec.services[0].autoscaling.minReplicas: Invalid value: 5: must be less than or equal to "
                    + "maxReplicas (3)",
                "spec.services[0].autoscaling: Required value: at least one target is required: "
                    + "targetCPUUtilization, targetMemoryUtilization, requestRate or concurrentRequests",
            ]
        ) { $0.spec.services[0].autoscaling = Autoscaling(minReplicas: 5, maxReplicas: 3) },
        InvalidCase(
            "out-of-range numbers",
            [
                "spec.services[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.services[0].autoscaling.targetCPUUtilization: Invalid value: 0: must be between 1 and 100, "
                    + "inclusive",
                "spec.datastores[0].backup.retentionDays: Invalid value: 36: must be between 1 and 35, inclusive",
            ]
        ) {
            $0.spec.services[0].ports = [ServicePortSpec(name: "http", port: 70000)]
            $0.spec.services[0].autoscaling?.targetCPUUtilization = 0
            $0.spec.datastores![0].backup?.retentionDays = 36
        },
        InvalidCase(
            "AWS units that do not come out whole, and a memory limit below the request",
            [
                "spec.services[0].resources.cpu: Invalid value: \"0.0001 vCPU\": expected a number of vCPU with at "
                    + "most three decimals, e.g. 0.25 vCPU",
                "spec.services[0].resources.limits.memory: Invalid value: \"512 MB\": must be greater than or equal "
                    + "to the memory request (1Gi)",
            ]
        ) {
            $0.spec.services[0].resources = ResourceSpec(
                cpu: "0.0001 vCPU",
                memory: "1 GB",
                limits: ResourceLimits(memory: "512 MB")
            )
        },
        InvalidCase(
            "a backup with both schedule and window, a bad cron and an empty window",
            [
                "spec.datastores[0].backup.window: Forbidden: exactly one of schedule and window may be set",
                "spec.datastores[0].backup.schedule: Invalid value: \"61 3 * * *\": minute field \"61\": 61 is out "
                    + "of range 0-59",
                "spec.datastores[0].backup.window: Invalid value: \"03:00-03:00\": the window must not end when it "
                    + "starts",
            ]
        ) { $0.spec.datastores![0].backup = BackupSpec(schedule: "61 3 * * *", window: "03:00-03:00") },
        InvalidCase(
            "a backup window in the wrong format",
            [
                "spec.datastores[0].backup.window: Invalid value: \"3am-4am\": must be HH:MM-HH:MM in UTC, e.g. "
                    + "03:00-04:00"
            ]
        ) { $0.spec.datastores![0].backup = BackupSpec(window: "3am-4am") },
        InvalidCase(
            "an even MongoDB replica set and four Consul servers",
            [
                "spec.datastores[0].replicas: Invalid value: 2: MongoDB needs an odd number of members (1, 3, 5, 7 "
                    + "or 9) to keep a majority",
                "spec.datastores[1].replicas: Invalid value: 4: Consul needs 3 or 5 servers",
            ]
        ) {
            var mongo = Datastore(name: "mongo", engine: .mongoDB)
            mongo.replicas = 2
            var consul = Datastore(name: "consul", engine: .consul)
            consul.replicas = 4
            $0.spec.datastores = [mongo, consul]
            $0.spec.services[0].uses = nil
        },
        InvalidCase(
            "an external datastore with operated fields",
            [
                "spec.datastores[0].version: Forbidden: an external datastore takes only name, engine and external; "
                    + "the operator does not run it",
                "spec.datastores[0].storage: Forbidden: an external datastore takes only name, engine and external; "
                    + "the operator does not run it",
                "spec.datastores[0].backup: Forbidden: an external datastore takes only name, engine and external; "
                    + "the operator does not run it",
                "spec.datastores[0].postgres: Forbidden: an external datastore takes only name, engine and external; "
                    + "the operator does not run it",
            ]
        ) { $0.spec.datastores![0].external = ExternalDatastore(secretName: "rds") },
        InvalidCase(
            "an env variable with two sources and one with none",
            [
                "spec.services[0].env[0]: Invalid value: \"LOG_LEVEL\": exactly one of value, secret and configMap "
                    + "is required",
                "spec.services[0].env[1]: Invalid value: \"EMPTY\": exactly one of value, secret and configMap is "
                    + "required",
                "spec.services[0].env[2].name: Duplicate value: \"EMPTY\"",
            ]
        ) {
            $0.spec.services[0].env![0].secret = KeyReference(name: "s", key: "k")
            $0.spec.services[0].env![1] = EnvVariable(name: "EMPTY", value: "")
            $0.spec.services[0].env![1].value = nil
            $0.spec.services[0].env!.append(EnvVariable(name: "EMPTY", value: "x"))
        },
        InvalidCase(
            "a VPA in Auto mode beside an HPA on CPU",
            [
                "spec.services[0].verticalAutoscaling.mode: Invalid value: \"Auto\": must be Off when autoscaling "
                    + "targets CPU or memory utilization (the two autoscalers would fight over the requests)"
            ]
        ) { $0.spec.services[0].verticalAutoscaling = VerticalAutoscaling(mode: "Auto") },
        InvalidCase(
            "a canary without steps block, and weights going down",
            [
                "spec.services[0].rollout.canary.steps[2].setWeight: Invalid value: 20: must not be less than the "
                    + "previous step's weight (50)",
                "spec.services[0].rollout.canary.steps[3]: Required value: exactly one of setWeight and pause is "
                    + "required",
                "spec.services[0].rollout.canary.steps[4].setWeight: Invalid value: 101: must be between 0 and 100, "
                    + "inclusive",
            ]
        ) {
            var rollout = Rollout(strategy: .canary)
            rollout.canary = CanaryStrategy(
                steps: [.setWeight(10), .setWeight(50), .setWeight(20), CanaryStep(), .setWeight(101)]
            )
            $0.spec.services[0].rollout = rollout
        },
        InvalidCase(
            "a Canary strategy without canary settings and a blue-green block",
            [
                "spec.services[0].rollout.canary: Required value: canary is required with strategy Canary",
                "spec.services[0].rollout.blueGreen: Forbidden: blueGreen is only valid with strategy BlueGreen",
            ]
        ) {
            var rollout = Rollout(strategy: .canary)
            rollout.blueGreen = BlueGreenStrategy()
            $0.spec.services[0].rollout = rollout
        },
        InvalidCase(
            "metric checks without Prometheus",
            [
                "spec.services[0].rollout.analysis.prometheusURL: Required value: prometheusURL is required for "
                    + "error-rate, latency and custom metric checks"
            ]
        ) {
            var rollout = Rollout()
            var analysis = RolloutAnalysis()
            analysis.maxErrorRatePercent = 5
            rollout.analysis = analysis
            $0.spec.services[0].rollout = rollout
        },
        InvalidCase(
            "a disruption budget with both fields",
            [
                "spec.services[0].disruptionBudget.maxUnavailable: Forbidden: at most one of minAvailable and "
                    + "maxUnavailable may be set",
                "spec.services[0].disruptionBudget.maxUnavailable: Invalid value: \"150%\": must be a number or a "
                    + "percentage between 0% and 100%, e.g. 25%",
            ]
        ) { $0.spec.services[0].disruptionBudget = DisruptionBudget(minAvailable: 1, maxUnavailable: "150%") },
        InvalidCase(
            "a health-check timeout not below the interval",
            [
                "spec.services[0].healthCheck.port: Invalid value: \"grpc\": must name or number one of the "
                    + "service's ports: http (8000)",
                "spec.services[0].healthCheck.timeoutSeconds: Invalid value: 10: must be less than intervalSeconds "
                    + "(10)",
            ]
        ) {
            $0.spec.services[0].healthCheck?.intervalSeconds = 10
            $0.spec.services[0].healthCheck?.timeoutSeconds = 10
            $0.spec.services[0].healthCheck?.port = "grpc"
        },
        InvalidCase(
            "an invalid ingress host on two services, and the host used twice",
            [
                "spec.services[0].ingress.host: Invalid value: \"API.example.com\": a lowercase RFC 1123 subdomain "
                    + "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with "
                    + "an alphanumeric character (e.g. 'example.com', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.services[1].ingress.host: Invalid value: \"API.example.com\": a lowercase RFC 1123 subdomain "
                    + "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with "
                    + "an alphanumeric character (e.g. 'example.com', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.services[1].ingress.host: Invalid value: \"API.example.com\": the host is already used by "
                    + "spec.services[0].ingress.host; hosts must be unique",
            ]
        ) {
            $0.spec.services[0].ingress = IngressSpec(host: "API.example.com")
            var web = PlatformService(name: "web", image: "web:1")
            web.ingress = IngressSpec(host: "API.example.com")
            $0.spec.services.append(web)
        },
        InvalidCase(
            "ports duplicated by name and by number",
            [
                "spec.services[0].ports[1].name: Duplicate value: \"http\"",
                "spec.services[0].ports[1].port: Duplicate value: 8000",
                "spec.services[0].ports[2].port: Duplicate value: 8000",
            ]
        ) {
            $0.spec.services[0].ports = [
                ServicePortSpec(name: "http", port: 8000), ServicePortSpec(name: "http", port: 8000),
                ServicePortSpec(name: "metrics", port: 8000),
            ]
        },
        InvalidCase(
            "a platform name that makes the Deployment name too long",
            [
                "spec.services[0].name: Invalid value: \"api\": the Deployment and Service name "
                    + "\"\(String(repeating: "p", count: 60))-api\" (<platform>-<service>) must be no more than 63 "
                    + "characters",
                "spec.datastores[0].name: Invalid value: \"db\": the StatefulSet name "
                    + "\"\(String(repeating: "p", count: 60))-db\" (<platform>-<datastore>) must be no more than 52 "
                    + "characters, as its pods' controller-revision-hash label adds 11",
            ]
        ) { $0.metadata.name = String(repeating: "p", count: 60) },
        InvalidCase(
            "no services and no name",
            [
                "metadata.name: Required value: name or generateName is required",
                "spec.services: Required value: at least one service is required",
            ]
        ) {
            $0.metadata.name = nil
            $0.spec.services = []
            $0.spec.datastores = nil
        },
        InvalidCase(
            "values outside closed sets",
            [
                "spec.services[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
                    + "\"IfNotPresent\", \"Never\"",
                "spec.services[0].rollout.strategy: Unsupported value: \"Recreate\": supported values: \"Rolling\", "
                    + "\"Canary\", \"BlueGreen\"",
                "spec.datastores[0].storage.reclaimPolicy: Unsupported value: \"Recycle\": supported values: "
                    + "\"Retain\", \"Delete\"",
            ]
        ) {
            $0.spec.services[0].imagePullPolicy = "Sometimes"
            $0.spec.services[0].rollout = Rollout(strategy: RolloutStrategyType(rawValue: "Recreate"))
            $0.spec.datastores![0].storage?.reclaimPolicy = "Recycle"
        },
    ]

    @Test("An invalid spec reports exactly the expected errors, in field order", arguments: cases)
    func invalidSpecs(_ testCase: InvalidCase) {
        var platform = AgriPlatformSamples.valid
        testCase.mutate(&platform)
        #expect(platform.validate().map(\.description) == testCase.expected)
    }

    @Test("The valid sample has no errors")
    func validSample() {
        #expect(AgriPlatformSamples.valid.validate() == [])
    }

    @Test("A valid platform per datastore engine has no errors", arguments: AgriPlatformSamples.validPerEngine.map(\.0))
    func validPerEngine(_ engine: String) throws {
        let platform = try #require(AgriPlatformSamples.validPerEngine.first { $0.0 == engine }?.1)
        #expect(platform.validate().map(\.description) == [])
    }

    @Test(
        "A valid platform per rollout strategy has no errors",
        arguments: AgriPlatformSamples.validPerStrategy.map(\.0)
    )
    func validPerStrategy(_ strategy: String) throws {
        let platform = try #require(AgriPlatformSamples.validPerStrategy.first { $0.0 == strategy }?.1)
        #expect(platform.validate().map(\.description) == [])
    }

    @Test("Spec validation alone does not need the platform's name, and nests under the given path")
    func specValidationPath() {
        var spec = AgriPlatformSamples.valid.spec
        spec.services[0].image = ""
        #expect(spec.validate(at: "x.spec").map(\.description) == ["x.spec.services[0].image: Required value"])
    }

    @Test(
        "Cron schedules are checked field by field",
        arguments: [
            ("0 3 * * *", nil), ("*/15 0-6 1,15 JAN-MAR MON-FRI", nil), ("@weekly", nil), ("0 3 * * ?", nil),
            ("0 3 * *", "expected exactly 5 fields, found 4: 0 3 * *"),
            ("0 24 * * *", "hour field \"24\": 24 is out of range 0-23"),
            ("0 3 * * 7", "day of week field \"7\": 7 is out of range 0-6"),
            ("0 3 5-1 * *", "day of month field \"5-1\": beginning of range (5) beyond end of range (1)"),
            ("*/0 * * * *", "minute field \"*/0\": step must be a positive number"),
            ("@fortnightly", "unrecognized descriptor: @fortnightly"),
            ("TZ=UTC 0 3 * * *", "time zones are not supported in schedule; backups run in UTC"),
        ] as [(String, String?)]
    )
    func cronSchedules(_ schedule: String, _ problem: String?) {
        var platform = AgriPlatformSamples.valid
        platform.spec.datastores![0].backup = BackupSpec(schedule: schedule)
        let errors = platform.validate().map(\.detail)
        #expect(errors == (problem.map { [$0] } ?? []))
    }

    @Test("FieldError prints values as the API server does and keeps its kind")
    func fieldErrorDescription() {
        #expect(FieldError.invalid("a", "x\"y", "bad").description == "a: Invalid value: \"x\\\"y\": bad")
        #expect(FieldError.invalid("a", 3, "bad").description == "a: Invalid value: 3: bad")
        #expect(FieldError.tooLong("a", maxLength: 63).description == "a: Too long: may not be more than 63 bytes")
        #expect(
            FieldError.tooMany("a", count: 3, maxItems: 2).description == "a: Too many: 3: must have at most 2 items"
        )
        #expect(FieldError.forbidden("a", "no").kind.rawValue == "FieldValueForbidden")
    }
}
