import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import KubeRuntime
import Testing

@testable import AgriPlatformReconciler

@Suite("Deciding about operated datastores")
struct DatastoreDecisionTests {
    typealias F = DecideFixtures

    static func postgres(replicas: Int32? = nil) -> Datastore {
        var datastore = Datastore(name: "db", engine: .postgreSQL)
        datastore.replicas = replicas
        return datastore
    }

    static func api(uses: [String]) -> PlatformService {
        var service = PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")
        service.uses = uses
        return service
    }

    static let deployment = ChildKey(group: "apps", kind: "Deployment", name: "farm-api")
    static let statefulSet = ChildKey(group: "apps", kind: "StatefulSet", name: "farm-db")
    static let connectionKeys: Set<String> = ["HOST", "PORT", "USERNAME", "PASSWORD", "DATABASE", "URI"]

    @Test("A new datastore gets its Secrets first; its StatefulSet and the service using it wait for them")
    func newDatastore() throws {
        let platform = F.platform(services: [Self.api(uses: ["db"])], datastores: [Self.postgres()])
        let observation = F.observation(platform)
        let plan = PlatformDecision.plan(for: observation, context: .init())
        #expect(plan.secretsToCreate == ["farm-db-connection"])
        let applied = Set(plan.applies.map { ChildKey(of: $0.json) })
        #expect(!applied.contains(Self.statefulSet))
        #expect(!applied.contains(Self.deployment))
        #expect(applied.contains(ChildKey(group: "", kind: "Service", name: "farm-db")))

        let withSecrets = PlatformDecision.plan(
            for: F.observation(platform, secretKeys: ["farm-db-connection": Self.connectionKeys]),
            context: .init()
        )
        #expect(withSecrets.secretsToCreate.isEmpty)
        #expect(withSecrets.applies.contains { ChildKey(of: $0.json) == Self.statefulSet })
        let status = F.status(observation)
        let entry = try #require(status.datastores?.first)
        #expect(entry.ready == false)
        #expect(entry.message?.contains("generating credentials") == true)
        let progressing = status.conditions?[type: AgriPlatformConditionType.progressing]
        #expect(progressing?.message?.contains("service api waits for datastore db") == true)
    }

    @Test("Once its datastore is ready, the service's Deployment is applied and the endpoint is reported")
    func readyDatastoreReleasesService() throws {
        let platform = F.platform(services: [Self.api(uses: ["db"])], datastores: [Self.postgres()])
        var children = F.applied(try F.render(platform))
        children[Self.deployment] = nil
        let observation = F.observation(
            platform,
            children: children,
            secretKeys: ["farm-db-connection": Self.connectionKeys]
        )
        let plan = PlatformDecision.plan(for: observation, context: .init())
        #expect(plan.secretsToCreate.isEmpty)
        #expect(plan.applies.map { ChildKey(of: $0.json) } == [Self.deployment])
        let entry = try #require(F.status(observation).datastores?.first)
        #expect(entry.ready == true)
        #expect(entry.endpoint == "farm-db.prod.svc:5432")
        #expect(entry.readyReplicas == 1)
        #expect(entry.version == "16")
    }

    @Test("A held Deployment that exists is neither changed nor pruned while its datastore is not ready")
    func heldDeploymentIsKept() throws {
        let before = F.platform(services: [Self.api(uses: ["db"])], datastores: [Self.postgres()])
        let children = F.applied(try F.render(before), readyMembers: { _ in 0 })
        var service = Self.api(uses: ["db"])
        service.image = "ghcr.io/example/api:2.0.0"
        let after = F.platform(services: [service], datastores: [Self.postgres()], generation: 2)
        let plan = PlatformDecision.plan(
            for: F.observation(after, children: children, secretKeys: ["farm-db-connection": Self.connectionKeys]),
            context: .init()
        )
        #expect(!plan.applies.contains { ChildKey(of: $0.json) == Self.deployment })
        #expect(!plan.deletions.contains { $0.key == Self.deployment })
    }

    @Test("A generated Secret deleted after the datastore started is reported, never generated again")
    func missingSecretIsNotRegenerated() throws {
        let platform = F.platform(services: [Self.api(uses: ["db"])], datastores: [Self.postgres()])
        let observation = F.observation(platform, children: F.applied(try F.render(platform)))
        let plan = PlatformDecision.plan(for: observation, context: .init())
        #expect(plan.secretsToCreate.isEmpty)
        let entry = try #require(F.status(observation).datastores?.first)
        #expect(entry.ready == false)
        #expect(entry.message?.contains("restore the Secret") == true)
    }

    @Test("A paused platform generates no Secrets")
    func pausedGeneratesNothing() {
        let platform = F.platform(
            datastores: [Self.postgres()],
            annotations: [AgriPlatform.pausedAnnotation: "true"]
        )
        let plan = PlatformDecision.plan(for: F.observation(platform), context: .init())
        #expect(plan.secretsToCreate.isEmpty)
        #expect(!plan.changesChildren)
    }

    @Test("A RabbitMQ scale-down is refused: the member count stays and the platform is Degraded")
    func rabbitScaleDownRefused() throws {
        var three = Datastore(name: "mq", engine: .rabbitMQ)
        three.replicas = 3
        let before = F.platform(datastores: [three])
        let children = F.applied(try F.render(before))
        var one = three
        one.replicas = 1
        let after = F.platform(datastores: [one], generation: 2)
        let secrets = GeneratedSecrets.secretNames(for: after)["mq"] ?? []
        let observation = F.observation(
            after,
            children: children,
            secretKeys: Dictionary(uniqueKeysWithValues: secrets.map { ($0, Self.connectionKeys) })
        )
        let plan = PlatformDecision.plan(for: observation, context: .init())
        let set = try #require(plan.desired.first { ChildKey(of: $0.json).kind == "StatefulSet" })
        #expect(set.json[path: ["spec", "replicas"]]?.integerValue == 3)
        #expect(plan.applies.isEmpty, "the configuration keeps the current size too, so no node restarts")
        let status = F.status(observation)
        let degraded = status.conditions?[type: AgriPlatformConditionType.degraded]
        #expect(degraded?.status == "True")
        #expect(degraded?.reason == ConditionReason.scaleDownRefused.rawValue)
        #expect(degraded?.message?.contains("from 3 to 1") == true)
        #expect(status.phase == .degraded)
    }

    @Test(
        "A MongoDB scale-down keeps the members until the membership Job for the new count succeeded",
        arguments: [false, true]
    )
    func mongoScaleDownWaitsForReconfiguration(jobSucceeded: Bool) throws {
        var five = Datastore(name: "mongo", engine: .mongoDB)
        five.replicas = 5
        let before = F.platform(datastores: [five])
        var children = F.applied(try F.render(before))
        var three = five
        three.replicas = 3
        let after = F.platform(datastores: [three], generation: 2)
        let job = ChildKey(group: "batch", kind: "Job", name: "farm-mongo-members-3")
        if jobSucceeded {
            let rendered = try #require(try F.render(after).first { ChildKey(of: $0.json) == job })
            children.merge(F.applied([rendered])) { _, new in new }
        }
        let secrets = GeneratedSecrets.secretNames(for: after)["mongo"] ?? []
        let observation = F.observation(
            after,
            children: children,
            secretKeys: Dictionary(uniqueKeysWithValues: secrets.map { ($0, Self.connectionKeys) })
        )
        let plan = PlatformDecision.plan(for: observation, context: .init())
        let set = try #require(plan.desired.first { ChildKey(of: $0.json).kind == "StatefulSet" })
        #expect(set.json[path: ["spec", "replicas"]]?.integerValue == (jobSucceeded ? 3 : 5))
        #expect(plan.desired.contains { ChildKey(of: $0.json) == job })
    }

    @Test("A backup scheduled after the last success with no run active is reported failed, with a Warning Event")
    func failedBackupIsReported() throws {
        var datastore = Self.postgres()
        datastore.backup = BackupSpec(window: "03:00-04:00")
        let platform = F.platform(datastores: [datastore])
        var children = F.applied(try F.render(platform))
        let cronJob = ChildKey(group: "batch", kind: "CronJob", name: "farm-db-backup")
        children[cronJob]?.status = [
            "lastScheduleTime": "2026-11-27T03:00:00Z",
            "lastSuccessfulTime": "2026-11-26T03:04:00Z",
        ]
        let observation = F.observation(
            platform,
            children: children,
            secretKeys: ["farm-db-connection": Self.connectionKeys]
        )
        let status = F.status(observation)
        let entry = try #require(status.datastores?.first)
        #expect(entry.lastBackupTime.map { Time.format($0.date, fractionalDigits: 0) } == "2026-11-26T03:04:00Z")
        #expect(entry.lastFailedBackupTime.map { Time.format($0.date, fractionalDigits: 0) } == "2026-11-27T03:00:00Z")
        let plan = PlatformDecision.plan(for: observation, context: .init())
        let events = PlatformEvents.events(
            previous: nil,
            next: status,
            plan: plan,
            applied: [],
            deleted: [],
            failures: []
        )
        #expect(events.contains { $0.reason == "BackupFailed" && $0.type == .warning })
    }

    @Test("A changed storage size is refused: the StatefulSet keeps its volume claim templates and says why")
    func storageChangeRefused() throws {
        var small = Self.postgres()
        small.storage = StorageSpec(size: "10Gi")
        let before = F.platform(datastores: [small])
        var children = F.applied(try F.render(before))
        let rendered = try #require(try F.render(before).first { ChildKey(of: $0.json) == Self.statefulSet })
        children[Self.statefulSet]?.metadata.annotations =
            rendered.json[path: ["metadata", "annotations"]]?.objectValue?.compactMapValues(\.stringValue)
        var big = small
        big.storage = StorageSpec(size: "100Gi")
        let after = F.platform(datastores: [big], generation: 2)
        let observation = F.observation(
            after,
            children: children,
            secretKeys: ["farm-db-connection": Self.connectionKeys]
        )
        let plan = PlatformDecision.plan(for: observation, context: .init())
        let set = try #require(plan.desired.first { ChildKey(of: $0.json) == Self.statefulSet })
        let templates = set.json[path: ["spec", "volumeClaimTemplates"]]?.arrayValue
        #expect(templates?.first?[path: ["spec", "resources", "requests", "storage"]] == "10Gi")
        #expect(!plan.applies.contains { ChildKey(of: $0.json) == Self.statefulSet })
        let degraded = F.status(observation).conditions?[type: AgriPlatformConditionType.degraded]
        #expect(degraded?.reason == ConditionReason.storageChangeRefused.rawValue)
        #expect(degraded?.message?.contains("storage.size from 10Gi to 100Gi") == true)
    }

    @Test("A membership Job that failed for good is deleted, to be created afresh")
    func failedJobIsRetried() throws {
        let platform = F.platform(datastores: [Datastore(name: "mongo", engine: .mongoDB)])
        var children = F.applied(try F.render(platform))
        let job = ChildKey(group: "batch", kind: "Job", name: "farm-mongo-members-3")
        children[job]?.status = ["failed": 7, "conditions": [["type": "Failed", "status": "True"]]]
        let secrets = GeneratedSecrets.secretNames(for: platform)["mongo"] ?? []
        let plan = PlatformDecision.plan(
            for: F.observation(
                platform,
                children: children,
                secretKeys: Dictionary(uniqueKeysWithValues: secrets.map { ($0, Self.connectionKeys) })
            ),
            context: .init()
        )
        #expect(plan.deletions.map(\.key) == [job])
        #expect(!plan.applies.contains { ChildKey(of: $0.json) == job })
    }

    @Test("An owned PersistentVolumeClaim is never pruned, even when no longer rendered")
    func claimsAreNeverPruned() throws {
        var datastore = Self.postgres()
        datastore.storage = StorageSpec(reclaimPolicy: "Delete")
        datastore.backup = BackupSpec(schedule: "0 2 * * *")
        let before = F.platform(datastores: [datastore])
        let children = F.applied(try F.render(before))
        #expect(children.keys.contains { $0.kind == "PersistentVolumeClaim" })
        datastore.backup = nil
        let after = F.platform(datastores: [datastore], generation: 2)
        let plan = PlatformDecision.plan(
            for: F.observation(after, children: children, secretKeys: ["farm-db-connection": Self.connectionKeys]),
            context: .init()
        )
        #expect(plan.deletions.map(\.key.kind) == ["CronJob"])
    }
}
