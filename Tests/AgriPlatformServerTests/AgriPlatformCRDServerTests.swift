import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// The generated CRD against KubeTestServer: it is accepted, a valid AgriPlatform is stored, and structurally invalid
/// ones are rejected with 422 and the causes the API server reports.
@Suite("AgriPlatform CRD on KubeTestServer", .timeLimit(.minutes(1)))
struct AgriPlatformCRDServerTests {
    static let namespace = "default"

    /// A small valid platform as JSON, to be broken field by field.
    static var validJSON: JSONValue {
        [
            "apiVersion": "agriplatform.io/v1alpha1",
            "kind": "AgriPlatform",
            "metadata": ["name": "farmers", "namespace": .string(namespace)],
            "spec": [
                "services": [
                    [
                        "name": "api",
                        "image": "ghcr.io/kisanlink/farmers-module:1.4.2",
                        "ports": [["name": "http", "port": 8000]],
                        "resources": ["cpu": "0.5 vCPU", "memory": "1 GB"],
                        "healthCheck": ["path": "/health", "intervalSeconds": 30, "timeoutSeconds": 5],
                        "autoscaling": ["minReplicas": 2, "maxReplicas": 10, "targetCPUUtilization": 60],
                        "disruptionBudget": ["maxUnavailable": "50%"],
                        "uses": ["db"],
                    ]
                ],
                "datastores": [
                    [
                        "name": "db",
                        "engine": "PostgreSQL",
                        "version": "16",
                        "postgres": ["postGIS": true],
                        "storage": ["size": "100 GB", "className": "gp3"],
                        "backup": ["window": "03:00-04:00", "retentionDays": 35],
                    ]
                ],
            ],
        ]
    }

    @Test("The generated CRD is accepted, and a valid AgriPlatform is created and read back unchanged")
    func validPlatformIsAccepted() async throws {
        try await withServer { client in
            let created = try await client.create(.agriPlatforms, DynamicObject(json: Self.validJSON))
            #expect(created.json["spec"] == Self.validJSON["spec"])
            let typed = try await client.get(AgriPlatform.self, name: "farmers", namespace: Self.namespace)
            #expect(typed.spec.datastores?.first?.postgres?.postGIS == true)
            #expect(typed.validate() == [])
        }
    }

    /// One structural violation and the cause the server must report for it.
    struct StructuralCase: Sendable, CustomTestStringConvertible {
        let name: String
        let path: [PathStep]
        let value: JSONValue
        let cause: StatusCause
        var testDescription: String { name }
    }

    static let structuralCases: [StructuralCase] = [
        StructuralCase(
            name: "a string where an integer belongs",
            path: [.key("spec"), .key("services"), .index(0), .key("ports"), .index(0), .key("port")],
            value: "http",
            cause: StatusCause(
                reason: "FieldValueTypeInvalid",
                message: "Invalid value: \"http\": spec.services[0].ports[0].port in body must be of type integer: "
                    + "\"string\"",
                field: "spec.services[0].ports[0].port"
            )
        ),
        StructuralCase(
            name: "an engine outside the enum",
            path: [.key("spec"), .key("datastores"), .index(0), .key("engine")],
            value: "Mongo",
            cause: StatusCause(
                reason: "FieldValueNotSupported",
                message: "Unsupported value: \"Mongo\": supported values: \"MongoDB\", \"RabbitMQ\", \"Consul\", "
                    + "\"PostgreSQL\", \"Redis\"",
                field: "spec.datastores[0].engine"
            )
        ),
        StructuralCase(
            name: "a service name that is not a DNS-1035 label",
            path: [.key("spec"), .key("services"), .index(0), .key("name")],
            value: "Api",
            cause: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"Api\": spec.services[0].name in body should match "
                    + "'^[a-z]([-a-z0-9]*[a-z0-9])?$'",
                field: "spec.services[0].name"
            )
        ),
        StructuralCase(
            name: "a port above 65535",
            path: [.key("spec"), .key("services"), .index(0), .key("ports"), .index(0), .key("port")],
            value: 70000,
            cause: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: 70000: spec.services[0].ports[0].port in body should be less than or equal "
                    + "to 65535",
                field: "spec.services[0].ports[0].port"
            )
        ),
        StructuralCase(
            name: "a backup window that is not HH:MM-HH:MM",
            path: [.key("spec"), .key("datastores"), .index(0), .key("backup"), .key("window")],
            value: "3am-4am",
            cause: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"3am-4am\": spec.datastores[0].backup.window in body should match "
                    + "'\(APIConstraintsMirror.backupWindowPattern)'",
                field: "spec.datastores[0].backup.window"
            )
        ),
        StructuralCase(
            name: "a CPU amount in unknown units",
            path: [.key("spec"), .key("services"), .index(0), .key("resources"), .key("cpu")],
            value: "half a core",
            cause: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"half a core\": spec.services[0].resources.cpu in body should match '"
                    + "\(APIConstraintsMirror.cpuPattern)'",
                field: "spec.services[0].resources.cpu"
            )
        ),
        StructuralCase(
            name: "a percentage above 100 in a disruption budget",
            path: [.key("spec"), .key("services"), .index(0), .key("disruptionBudget"), .key("maxUnavailable")],
            value: "150%",
            cause: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"150%\": spec.services[0].disruptionBudget.maxUnavailable in body should "
                    + "match '^(100|[1-9]?[0-9])%$'",
                field: "spec.services[0].disruptionBudget.maxUnavailable"
            )
        ),
        StructuralCase(
            name: "a missing image",
            path: [.key("spec"), .key("services"), .index(0), .key("image")],
            value: .null,
            cause: StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.services[0].image")
        ),
    ]

    @Test("A structurally invalid AgriPlatform is rejected with 422 and the expected cause", arguments: structuralCases)
    func structuralViolationsAreRejected(_ testCase: StructuralCase) async throws {
        try await withServer { client in
            let json = JSONEditing.setting(Self.validJSON, at: testCase.path[...], to: testCase.value)
            let causes = try await Self.rejectionCauses(client, json)
            #expect(causes.contains(testCase.cause), "causes: \(causes)")
        }
    }

    @Test("Two services with the same name are rejected as a duplicate list-map key")
    func duplicateServiceNames() async throws {
        try await withServer { client in
            var json = Self.validJSON
            let service = try #require(json[path: ["spec", "services"]]?.arrayValue?.first)
            json = JSONEditing.setting(json, at: [.key("spec"), .key("services")][...], to: [service, service])
            let causes = try await Self.rejectionCauses(client, json)
            #expect(
                causes.contains(
                    StatusCause(
                        reason: "FieldValueDuplicate",
                        message: "Duplicate value: {\"name\":\"api\"}",
                        field: "spec.services[1]"
                    )
                ),
                "causes: \(causes)"
            )
        }
    }

    /// CEL rules and the causes the API server reports for them: `<path>: Invalid value: "object": <message>`,
    /// the path extended by the rule's `fieldPath`.
    static let celCases: [(String, [PathStep], JSONValue, StatusCause)] = [
        (
            "uses naming an undeclared datastore",
            [.key("spec"), .key("services"), .index(0), .key("uses")], ["cache"],
            celCause(
                "spec.services",
                "every name in a service's uses must be the name of a datastore in spec.datastores"
            )
        ),
        (
            "minReplicas above maxReplicas",
            [.key("spec"), .key("services"), .index(0), .key("autoscaling"), .key("minReplicas")], 20,
            celCause("spec.services[0].autoscaling.minReplicas", "minReplicas must not be greater than maxReplicas")
        ),
        (
            "a backup with schedule and window",
            [.key("spec"), .key("datastores"), .index(0), .key("backup"), .key("schedule")], "0 3 * * *",
            celCause("spec.datastores[0].backup", "exactly one of schedule and window is required")
        ),
        (
            "a health-check timeout not below the interval",
            [.key("spec"), .key("services"), .index(0), .key("healthCheck"), .key("timeoutSeconds")], 30,
            celCause(
                "spec.services[0].healthCheck.timeoutSeconds",
                "timeoutSeconds must be less than intervalSeconds (default 30)"
            )
        ),
        (
            "an external datastore with a version",
            [.key("spec"), .key("datastores"), .index(0), .key("external")], ["secretName": "rds"],
            celCause("spec.datastores[0].external", "an external datastore takes only name, engine and external")
        ),
        (
            "a disruption budget with both fields",
            [.key("spec"), .key("services"), .index(0), .key("disruptionBudget"), .key("minAvailable")], 1,
            celCause(
                "spec.services[0].disruptionBudget",
                "at most one of minAvailable and maxUnavailable may be set"
            )
        ),
        (
            "a canary strategy without canary settings",
            [.key("spec"), .key("services"), .index(0), .key("rollout")], ["strategy": "Canary"],
            celCause(
                "spec.services[0].rollout.canary",
                "canary is required with strategy Canary and forbidden with any other strategy"
            )
        ),
        (
            "a canary step with both setWeight and pause",
            [.key("spec"), .key("services"), .index(0), .key("rollout")],
            ["strategy": "Canary", "canary": ["steps": [["setWeight": 10, "pause": [:]]]]],
            celCause("spec.services[0].rollout.canary.steps[0]", "exactly one of setWeight and pause is required")
        ),
        (
            "an env variable without a source",
            [.key("spec"), .key("services"), .index(0), .key("env")], [["name": "EMPTY"]],
            celCause("spec.services[0].env[0]", "exactly one of value, secret and configMap is required")
        ),
        (
            "metric checks without Prometheus",
            [.key("spec"), .key("services"), .index(0), .key("rollout")], ["analysis": ["maxErrorRatePercent": 5]],
            celCause(
                "spec.services[0].rollout.analysis.prometheusURL",
                "prometheusURL is required for error-rate, latency and custom metric checks"
            )
        ),
        (
            "a custom metric without a threshold",
            [.key("spec"), .key("services"), .index(0), .key("rollout")],
            ["analysis": ["prometheusURL": "http://prometheus:9090", "metrics": [["name": "queue", "query": "up"]]]],
            celCause(
                "spec.services[0].rollout.analysis.metrics[0]",
                "at least one of failIfAbove and failIfBelow is required"
            )
        ),
        (
            "a custom metric named like a built-in check",
            [.key("spec"), .key("services"), .index(0), .key("rollout")],
            [
                "analysis": [
                    "prometheusURL": "http://prometheus:9090",
                    "metrics": [["name": "errorRate", "query": "up", "failIfAbove": 1]],
                ]
            ],
            celCause("spec.services[0].rollout.analysis.metrics[0].name", "the name of a built-in check is reserved")
        ),
        (
            "a VPA in Auto mode beside an HPA on CPU",
            [.key("spec"), .key("services"), .index(0), .key("verticalAutoscaling")], ["mode": "Auto"],
            celCause(
                "spec.services[0].verticalAutoscaling.mode",
                "verticalAutoscaling.mode must be Off when autoscaling targets CPU or memory utilization (the two "
                    + "autoscalers would fight over the requests)"
            )
        ),
        (
            "four Consul servers",
            [.key("spec"), .key("datastores"), .index(0)], ["name": "consul", "engine": "Consul", "replicas": 4],
            celCause("spec.datastores[0].replicas", "Consul needs 3 or 5 servers")
        ),
    ]

    /// The cause the API server reports for a failed CEL rule on an object node (rule without `reason`).
    static func celCause(_ field: String, _ message: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"object\": \(message)", field: field)
    }

    @Test(
        "Cross-field CEL rules reject invalid AgriPlatforms with the rule's message",
        arguments: celCases.indices
    )
    func celViolationsAreRejected(_ index: Int) async throws {
        let (_, path, value, cause) = Self.celCases[index]
        try await withServer { client in
            var json = JSONEditing.setting(Self.validJSON, at: path[...], to: value)
            if cause.field == "spec.datastores[0].replicas" {
                json = JSONEditing.setting(
                    json,
                    at: [.key("spec"), .key("services"), .index(0), .key("uses")][...],
                    to: ["consul"]
                )
            }
            let causes = try await Self.rejectionCauses(client, json)
            #expect(causes.contains(cause), "causes: \(causes)")
        }
    }

    /// Creates `json` expecting a 422 and returns its causes.
    static func rejectionCauses(_ client: KubeClient, _ json: JSONValue) async throws -> [StatusCause] {
        do {
            _ = try await client.create(.agriPlatforms, DynamicObject(json: json))
            Issue.record("the AgriPlatform was accepted")
            return []
        } catch let error as KubeError {
            #expect(error.code == .invalid)
            #expect(error.status?.code == 422)
            return error.status?.details?.causes ?? []
        }
    }

    /// Starts a server, installs the generated CRD through a client, runs `body`, and shuts both down.
    func withServer(_ body: (KubeClient) async throws -> Void) async throws {
        try await TestCluster.with { cluster in
            _ = try await cluster.client.create(AgriPlatformCRD.definition())
            try await body(cluster.client)
        }
    }
}

/// The patterns the expected messages quote, copied from the generated CRD so a changed pattern fails loudly here.
enum APIConstraintsMirror {
    static let backupWindowPattern = "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"
    static var cpuPattern: String {
        let schema = AgriPlatformCRD.definition().spec?.versions?.first?.schema?.openAPIV3Schema
        return schema?.properties?["spec"]?.properties?["services"]?.items?.properties?["resources"]?
            .properties?["cpu"]?.pattern ?? ""
    }
}

/// A step in a JSON path.
enum PathStep: Hashable, Sendable { case key(String), index(Int) }

/// Sets or removes (`null`) the value at a path.
enum JSONEditing {
    static func setting(_ value: JSONValue, at path: ArraySlice<PathStep>, to replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        switch (value, step) {
        case (.object(var members), .key(let key)):
            if path.count == 1, replacement.isNull {
                members[key] = nil
            } else {
                members[key] = setting(members[key] ?? .object([:]), at: path.dropFirst(), to: replacement)
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            elements[index] = setting(elements[index], at: path.dropFirst(), to: replacement)
            return .array(elements)
        default:
            return value
        }
    }
}

extension ResourceDescriptor {
    /// The AgriPlatform resource.
    static var agriPlatforms: ResourceDescriptor { AgriPlatform.resource }
}
