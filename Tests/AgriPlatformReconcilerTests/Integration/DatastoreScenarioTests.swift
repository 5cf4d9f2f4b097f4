import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// Operated datastores end to end on the simulated cluster: generated credentials, start ordering, volumes kept.
@Suite("Datastore scenarios", .serialized, .timeLimit(.minutes(5)))
struct DatastoreScenarioTests {
    static func platform() -> AgriPlatform {
        var database = Datastore(name: "db", engine: .postgreSQL)
        database.postgres = PostgresSettings(postGIS: true, database: "farm")
        database.backup = BackupSpec(window: "03:00-04:00", retentionDays: 7)
        let cache = Datastore(name: "cache", engine: .redis)
        var api = PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")
        api.uses = ["db", "cache"]
        return AgriPlatform(
            metadata: ObjectMeta(name: "farm", namespace: OperatorHarness.namespace),
            spec: AgriPlatformSpec(services: [api], datastores: [database, cache])
        )
    }

    func secret(_ harness: OperatorHarness, _ name: String) async throws -> Secret {
        try await harness.client.get(Secret.self, name: name, namespace: OperatorHarness.namespace)
    }

    @Test("Credentials are generated once, stay stable across reconciles and restarts, and are never logged")
    func credentialsAreStableAndSecret() async throws {
        try await OperatorHarness.with { harness in
            let logs = CapturedLogs()
            var running = try await harness.startOperator(logs: logs)
            try await harness.create(Self.platform())
            try await harness.waitUntilReady("farm", timeout: .seconds(60))

            let connection = try await secret(harness, "farm-db-connection")
            let password = try #require(connection.data?["PASSWORD"].map { String(decoding: $0, as: UTF8.self) })
            #expect(password.count == 32)
            let uri = connection.data?["URI"].map { String(decoding: $0, as: UTF8.self) }
            #expect(
                uri
                    == "postgresql://\(connection.data?["USERNAME"].map { String(decoding: $0, as: UTF8.self) } ?? ""):\(password)@farm-db.farm.svc:5432/farm"
            )
            let version = connection.metadata.resourceVersion

            // The service started only after both datastores were ready, and reads the URI by reference.
            let deployment = try #require(try await harness.deployment("farm-api"))
            let environment = deployment.spec?.template?.spec?.containers.first?.env ?? []
            let databaseURL = environment.first { $0.name == "DATABASE_URL" }
            #expect(databaseURL?.valueFrom?.secretKeyRef?.name == "farm-db-connection")
            #expect(databaseURL?.value == nil)

            // A restart and a spec change reconcile again: the Secret is not touched.
            await running.stop()
            running = try await harness.startOperator(logs: logs)
            try await harness.update("farm") { $0.spec.services[0].replicas = 3 }
            try await harness.waitUntilReady("farm", timeout: .seconds(60))
            #expect(try await secret(harness, "farm-db-connection").metadata.resourceVersion == version)

            // A user rotates the password by hand: the operator never writes it back.
            var edited = try await secret(harness, "farm-db-connection")
            edited.data?["PASSWORD"] = Data("rotated-by-hand".utf8)
            let rotated = try await harness.client.update(edited).metadata.resourceVersion
            try await harness.update("farm") { $0.spec.services[0].replicas = 2 }
            try await harness.waitUntilReady("farm", timeout: .seconds(60))
            let kept = try await secret(harness, "farm-db-connection")
            #expect(kept.metadata.resourceVersion == rotated)
            #expect(kept.data?["PASSWORD"] == Data("rotated-by-hand".utf8))

            // Never in the status, Events or logs.
            let status = try await harness.platform("farm").status
            let statusText = String(decoding: try KubeJSON.encode(status), as: UTF8.self)
            #expect(!statusText.contains(password))
            let events = try await harness.client.list(Event.self, namespace: OperatorHarness.namespace)
            let eventsText = String(decoding: try KubeJSON.encode(events), as: UTF8.self)
            #expect(eventsText.contains("CredentialsGenerated"))
            #expect(!eventsText.contains(password))
            #expect(!logs.text.isEmpty)
            #expect(!logs.text.contains(password))
            await running.stop()
        }
    }

    @Test("Deleting the platform keeps the datastores' volumes and credentials")
    func volumesOutliveThePlatform() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(Self.platform())
            try await harness.waitUntilReady("farm", timeout: .seconds(60))
            #expect(try await harness.exists(PersistentVolumeClaim.resource, "data-farm-db-0"))
            #expect(try await harness.exists(PersistentVolumeClaim.resource, "farm-db-backup"))

            try await harness.client.delete(AgriPlatform.resource, name: "farm", namespace: OperatorHarness.namespace)
            try await poll("the garbage collector removed the StatefulSets") {
                try await !harness.exists(StatefulSet.resource, "farm-db")
            }
            for claim in ["data-farm-db-0", "farm-db-backup", "data-farm-cache-0"] {
                #expect(try await harness.exists(PersistentVolumeClaim.resource, claim), "\(claim)")
            }
            #expect(try await harness.exists(Secret.resource, "farm-db-connection"))
            await running.stop()
        }
    }
}
