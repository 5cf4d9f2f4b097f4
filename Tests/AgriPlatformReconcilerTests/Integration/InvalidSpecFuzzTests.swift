import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// Generated invalid specs against a running operator: as updates of a Ready platform and as new platforms, through
/// the real CRD (KubeTestServer enforces its structural schema and CEL rules, so some are refused there) and through
/// a CRD whose `spec` schema accepts anything (as a cluster with an outdated CRD would), so every one reaches the
/// operator. No child may change; each is reported on the status with its paths and by a Warning Event.
///
/// Size: `AGRI_FUZZ_RECONCILE_SPECS` specs per CRD (default 60), seed `AGRI_FUZZ_SEED`.
@Suite("Invalid specs through the running reconciler")
struct InvalidSpecFuzzTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_RECONCILE_SPECS"].flatMap(Int.init) ?? 60
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_A6F1
    }

    /// The Ready platform the updates start from: two services, one exposed.
    static var base: AgriPlatform {
        var web = PlatformService(name: "web", image: "ghcr.io/example/web:1.0.0")
        web.ingress = IngressSpec(host: "farm.example.com")
        let worker = PlatformService(name: "worker", image: "ghcr.io/example/worker:1.0.0")
        return OperatorHarness.platform("shop", services: [web, worker])
    }

    /// Edits that make a spec invalid; some the CRD refuses, the others only the operator's validation.
    static let edits: [@Sendable (inout AgriPlatformSpec) -> Void] = [
        { $0.services[1].ingress = IngressSpec(host: "farm.example.com") },
        { $0.services[0].name = "Bad_Name" },
        { $0.services[1].name = $0.services[0].name },
        { $0.services[0].uses = ["nope"] },
        { $0.services[1].dependsOn = ["ghost"] },
        { $0.services[0].replicas = -1 },
        { $0.services[0].image = "ghcr.io/x/web:1 ; rm -rf /" },
        { $0.services[0].image = "" },
        { $0.services[0].resources = ResourceSpec(cpu: "lots", memory: "1 GB") },
        { $0.services[0].autoscaling = Autoscaling(minReplicas: 5, maxReplicas: 2) },
        { $0.services[0].env = [EnvVariable(name: "A", value: "1"), EnvVariable(name: "A", value: "2")] },
        { $0.services[0].env = [EnvVariable(name: "A=B", value: "1")] },
        { $0.services[0].ports = [ServicePortSpec(name: "http", port: 80), ServicePortSpec(name: "web", port: 80)] },
        { $0.services[0].healthCheck = HealthCheck(path: "no-slash") },
        { $0.commonLabels = ["bad key": "v"] },
        { $0.services[0].podLabels = ["team": String(repeating: "x", count: 100)] },
        { $0.imagePullSecrets = ["registry", "registry"] },
        { $0.services[0].name = String(repeating: "a", count: 300) },
        {
            var db = Datastore(name: "db", engine: .postgreSQL)
            db.backup = BackupSpec(schedule: "0 3 * * *; rm -rf /")
            $0.datastores = [db]
        },
        {
            var db = Datastore(name: "db", engine: .postgreSQL)
            db.backup = BackupSpec(window: "25:00-26:00")
            $0.datastores = [db]
        },
        { $0.datastores = [Datastore(name: "db", engine: DatastoreEngine(rawValue: "Oracle"))] },
        { $0.services[0].migration = MigrationJob(command: []) },
    ]

    /// An invalid spec: one to three edits of `base`'s.
    static func invalidSpec(_ random: inout SeededGenerator) -> AgriPlatformSpec {
        var spec = base.spec
        for _ in 0..<Int.random(in: 1...3, using: &random) { edits.randomElement(using: &random)!(&spec) }
        return spec
    }

    /// The AgriPlatform CRD with a `spec` schema that accepts any object and no CEL rules on it.
    static func permissiveCRD() throws -> DynamicObject {
        var json = try JSONValue(encoding: AgriPlatformCRD.definition())
        guard case .array(var versions) = json[path: ["spec", "versions"]] ?? .null else {
            return DynamicObject(json: json)
        }
        for index in versions.indices {
            var schema = versions[index][path: ["schema", "openAPIV3Schema"]] ?? [:]
            schema["x-kubernetes-validations"] = nil
            var properties = schema["properties"] ?? [:]
            properties["spec"] = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
            schema["properties"] = properties
            versions[index]["schema"] = ["openAPIV3Schema": schema]
        }
        json["spec"]?["versions"] = .array(versions)
        return DynamicObject(json: json)
    }

    /// Every child's kind/name with its UID and resourceVersion.
    static func children(_ harness: OperatorHarness) async throws -> [String: String] {
        var versions: [String: String] = [:]
        for resource in [
            Deployment.resource, Service.resource, ServiceAccount.resource, Ingress.resource,
            PodDisruptionBudget.resource, NetworkPolicy.resource, StatefulSet.resource, Secret.resource,
            ConfigMap.resource, Job.resource, CronJob.resource,
        ] {
            let list: ObjectList<DynamicObject> = try await harness.client.list(
                resource,
                namespace: OperatorHarness.namespace
            )
            for object in list.items {
                versions["\(resource.kind)/\(object.name ?? "")"] =
                    "\(object.metadata.uid ?? "")@\(object.metadata.resourceVersion ?? "")"
            }
        }
        return versions
    }

    /// Waits until the operator has judged the stored generation of `name`, and checks what it reported.
    static func expectReported(_ harness: OperatorHarness, _ name: String, errors: [FieldError]) async throws {
        try await poll("\(name)'s generation is reported invalid") {
            let platform = try await harness.platform(name)
            return platform.status?.observedGeneration == platform.metadata.generation
                && platform.status?.conditions?[type: "InvalidSpec"]?.status == "True"
        }
        let platform = try await harness.platform(name)
        let message = platform.status?.conditions?[type: "InvalidSpec"]?.message ?? ""
        for error in errors {
            #expect(message.contains(error.path), "\(error.path) missing from: \(message.prefix(500))")
        }
        #expect(message.utf8.count < 64_000, "the condition message is \(message.utf8.count) bytes")
    }

    @Test(
        "Generated invalid specs, as updates and creates, change no child and are reported with their paths",
        arguments: [false, true]
    )
    func invalidSpecsTouchNothing(schemaBypassed: Bool) async throws {
        var configuration = KubeTestServer.Configuration()
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(50)
        configuration.simulation = simulation
        try await TestCluster.with(configuration) { cluster in
            if schemaBypassed {
                _ = try await cluster.client.create(CustomResourceDefinition.resource, try Self.permissiveCRD())
            } else {
                _ = try await cluster.client.create(AgriPlatformCRD.definition())
            }
            _ = try await cluster.client.create(Namespace(metadata: ObjectMeta(name: OperatorHarness.namespace)))
            let harness = OperatorHarness(cluster: cluster)
            let running = try await harness.startOperator()
            try await harness.create(Self.base)
            try await harness.waitUntilReady("shop")
            let before = try await Self.children(harness)
            harness.server.requestLog.reset()

            var random = SeededGenerator(seed: Self.seed)
            var counts = (reported: 0, refusedByCRD: 0, created: 0)
            for index in 0..<Self.count {
                let spec = Self.invalidSpec(&random)
                let errors = AgriPlatform(metadata: ObjectMeta(name: "shop"), spec: spec).validate()
                #expect(!errors.isEmpty, "edit set \(index) left the spec valid (seed \(Self.seed))")
                let asCreate = index % 5 == 4
                let name = asCreate ? "new\(index)" : "shop"
                do {
                    if asCreate {
                        try await harness.create(AgriPlatform(metadata: ObjectMeta(name: name), spec: spec))
                    } else {
                        var platform = try await harness.platform(name)
                        platform.spec = spec
                        _ = try await harness.client.update(platform)
                    }
                } catch let error as KubeError {
                    #expect(!schemaBypassed, "refused without a schema: \(error)")
                    counts.refusedByCRD += 1
                    continue
                }
                if asCreate { counts.created += 1 }
                try await Self.expectReported(harness, name, errors: errors)
                counts.reported += 1
            }
            print(
                "reconciler fuzz (schema \(schemaBypassed ? "bypassed" : "enforced")): seed \(Self.seed), "
                    + "\(Self.count) specs, \(counts.reported) reported, \(counts.refusedByCRD) refused by the CRD, "
                    + "\(counts.created) created"
            )
            #expect(counts.reported > 0)

            try await poll("a Warning InvalidSpec Event is recorded") {
                let events = try await harness.client.list(Event.self, namespace: OperatorHarness.namespace)
                return events.items.contains { $0.reason == "InvalidSpec" && $0.type == "Warning" }
            }
            #expect(try await Self.children(harness) == before)
            // Only the platforms (status) and Events are written.
            let childWrites = harness.operatorWrites().filter {
                !$0.contains("agriplatforms") && !$0.contains("events")
            }
            #expect(childWrites.isEmpty, "\(childWrites.prefix(10))")
            await running.stop()
        }
    }
}
