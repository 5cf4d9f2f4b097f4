import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import TestSupport
import Testing

/// No secret value leaves its Secret: a canary in the user's Secrets (read through `envFrom`, a `secretKeyRef` and
/// an external datastore's connection Secret) and the generated credentials are searched for in every log line (at
/// trace level), every Event, the whole stored platform (status included) and every validation message, through
/// create, a release and an invalid spec. DatastoreScenarioTests holds the generated-credentials part for an
/// operated PostgreSQL; this adds the user's Secrets and the release and invalid-spec paths.
@Suite("Secret values never leak")
struct SecretCanaryTests {
    static let canary = "CANARY-6f1d-never-print-me"

    @Test("A canary in user Secrets and the generated credentials appear in no log, Event, status or error")
    func canaryNeverLeaks() async throws {
        try await OperatorHarness.with { harness in
            let namespace = OperatorHarness.namespace
            _ = try await harness.client.create(
                Secret(
                    metadata: ObjectMeta(name: "app-env", namespace: namespace),
                    stringData: ["API_KEY": Self.canary, "OTHER": "x-\(Self.canary)"]
                )
            )
            _ = try await harness.client.create(
                Secret(
                    metadata: ObjectMeta(name: "rds", namespace: namespace),
                    stringData: ["HOST": "db.example.com", "URI": "postgresql://app:\(Self.canary)@db.example.com/app"]
                )
            )
            var api = PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")
            api.envFrom = [EnvSource(secret: "app-env", prefix: "APP_")]
            api.env = [EnvVariable(name: "KEY", secret: KeyReference(name: "app-env", key: "API_KEY"))]
            api.uses = ["db", "cache"]
            var db = Datastore(name: "db", engine: .postgreSQL)
            db.external = ExternalDatastore(secretName: "rds")
            let platform = AgriPlatform(
                metadata: ObjectMeta(name: "shop", namespace: namespace),
                spec: AgriPlatformSpec(services: [api], datastores: [db, Datastore(name: "cache", engine: .redis)])
            )

            let logs = CapturedLogs()
            let running = try await harness.startOperator(logs: logs)
            try await harness.create(platform)
            try await harness.waitUntilReady("shop", timeout: .seconds(60))
            // A release, then an invalid spec.
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:2.0.0" }
            try await harness.waitUntilReady("shop", timeout: .seconds(60))
            // A label key the API server would refuse on every child: the CRD accepts it, the operator does not.
            try await harness.update("shop") { $0.spec.commonLabels = ["bad key": "v"] }
            try await poll("the invalid spec is reported") {
                let stored = try await harness.platform("shop")
                return stored.status?.conditions?[type: "InvalidSpec"]?.status == "True"
                    && stored.status?.observedGeneration == stored.metadata.generation
            }

            // The secret values: the canary, and every generated password and URI.
            var secrets = [Self.canary]
            let list = try await harness.client.list(Secret.self, namespace: namespace)
            for secret in list.items where !["app-env", "rds"].contains(secret.metadata.name ?? "") {
                for (key, value) in secret.data ?? [:] where ["PASSWORD", "URI"].contains(key) || key.hasSuffix("KEY") {
                    secrets.append(String(decoding: value, as: UTF8.self))
                }
            }
            #expect(secrets.count > 1, "no generated credentials found")

            let stored = try await harness.platform("shop")
            let storedText = String(decoding: try KubeJSON.encode(stored), as: UTF8.self)
            let events = try await harness.client.list(Event.self, namespace: namespace)
            let eventsText = String(decoding: try KubeJSON.encode(events), as: UTF8.self)
            let errorsText = stored.validate().map(\.description).joined(separator: "\n")
            #expect(!logs.text.isEmpty)
            #expect(eventsText.contains("InvalidSpec"))
            for secret in secrets {
                #expect(!logs.text.contains(secret), "a secret value is in the logs")
                #expect(!eventsText.contains(secret), "a secret value is in an Event")
                #expect(!storedText.contains(secret), "a secret value is in the stored platform")
                #expect(!errorsText.contains(secret), "a secret value is in a validation message")
            }
            await running.stop()
        }
    }
}
