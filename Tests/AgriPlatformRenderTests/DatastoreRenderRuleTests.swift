import AgriPlatformAPI
import Foundation
import KubeCore
import Testing

@testable import AgriPlatformRender

/// The common half of an operated datastore, with a small stand-in engine profile so the rules are checked apart
/// from any real engine.
@Suite("Datastore rendering rules")
struct DatastoreRenderRuleTests {
    typealias F = RenderFixtures

    static func identity(
        _ configure: (inout Datastore) -> Void = { _ in },
        uid: String? = "uid-1"
    ) throws
        -> DatastoreIdentity
    {
        var datastore = Datastore(name: "db", engine: .postgreSQL)
        configure(&datastore)
        let platform = F.platform([F.service()], datastores: [datastore], uid: uid)
        return DatastoreIdentity(
            scope: try PlatformScope(platform: platform, context: RenderContext()),
            datastore: datastore
        )
    }

    static func profile(
        config: [String: String] = ["engine.conf": "port 1"],
        primaryOnly: Bool = false
    )
        -> EngineProfile
    {
        var profile = EngineProfile(
            containerName: "engine",
            image: "example/engine:1",
            ports: [
                EnginePort(name: "client", port: 1000, clients: true),
                EnginePort(name: "peer", port: 2000, clients: false),
            ],
            configFiles: config,
            dataPath: "/data",
            readinessProbe: ["exec": ["command": ["true"]]],
            podSecurityContext: ["fsGroup": 999],
            backup: BackupCommand(image: "example/engine:1", script: "dump > \"$BACKUP_DIR/dump\""),
            connection: ConnectionTemplate(
                username: "app",
                hasPassword: true,
                port: 1000,
                database: "app",
                uriTemplate: "engine://$(USERNAME):$(PASSWORD)@farm-db.prod.svc:1000/app"
            )
        )
        profile.clientsReachPrimaryOnly = primaryOnly
        return profile
    }

    static func objects(_ identity: DatastoreIdentity, _ profile: EngineProfile = profile()) throws -> [JSONValue] {
        try DatastoreRender(identity: identity, profile: profile, path: "spec.datastores[0]").objects()
    }

    static func object(_ objects: [JSONValue], _ kind: String, _ name: String) -> JSONValue? {
        objects.first { $0["kind"]?.stringValue == kind && $0[path: ["metadata", "name"]]?.stringValue == name }
    }

    @Test(
        "Volumes are retained on scale-down always, and on deletion unless reclaimPolicy is Delete",
        arguments: [(nil, "Retain"), ("Retain", "Retain"), ("Delete", "Delete")]
    )
    func volumeRetention(policy: String?, whenDeleted: String) throws {
        let identity = try Self.identity { $0.storage = StorageSpec(size: "5Gi", reclaimPolicy: policy) }
        let set = try #require(Self.object(try Self.objects(identity), "StatefulSet", "farm-db"))
        let retention = set[path: ["spec", "persistentVolumeClaimRetentionPolicy"]]
        #expect(retention?["whenScaled"] == "Retain")
        #expect(retention?["whenDeleted"]?.stringValue == whenDeleted)
        let claim = set[path: ["spec", "volumeClaimTemplates"]]?.arrayValue?.first
        #expect(claim?[path: ["spec", "resources", "requests", "storage"]] == "5Gi")
    }

    @Test("The backup volume is owned by the platform only with reclaimPolicy Delete", arguments: [nil, "Delete"])
    func backupClaimOwnership(policy: String?) throws {
        let identity = try Self.identity {
            $0.storage = StorageSpec(reclaimPolicy: policy)
            $0.backup = BackupSpec(schedule: "0 2 * * *")
        }
        let claim = try #require(Self.object(try Self.objects(identity), "PersistentVolumeClaim", "farm-db-backup"))
        #expect((claim[path: ["metadata", "ownerReferences"]] != nil) == (policy == "Delete"))
    }

    @Test(
        "A backup window starts at its opening, in UTC, and may start late only inside the window",
        arguments: [("03:00-04:00", "0 3 * * *", 3600), ("23:30-00:15", "30 23 * * *", 2700)]
    )
    func backupWindow(window: String, schedule: String, deadline: Int64) throws {
        let identity = try Self.identity { $0.backup = BackupSpec(window: window, retentionDays: 35) }
        let cronJob = try #require(Self.object(try Self.objects(identity), "CronJob", "farm-db-backup"))
        #expect(cronJob[path: ["spec", "schedule"]]?.stringValue == schedule)
        #expect(cronJob[path: ["spec", "timeZone"]] == "Etc/UTC")
        #expect(cronJob[path: ["spec", "concurrencyPolicy"]] == "Forbid")
        #expect(cronJob[path: ["spec", "startingDeadlineSeconds"]]?.integerValue == deadline)
        let container = cronJob[path: ["spec", "jobTemplate", "spec", "template", "spec", "containers"]]?
            .arrayValue?.first
        let environment = container?["env"]?.arrayValue ?? []
        #expect(environment.contains { $0["name"] == "RETENTION_DAYS" && $0["value"] == "35" })
    }

    @Test("Backup pods are labelled apart from the members, so the datastore's Services never select them")
    func backupPodsAreNotMembers() throws {
        let identity = try Self.identity { $0.backup = BackupSpec(schedule: "0 2 * * *") }
        let objects = try Self.objects(identity)
        let cronJob = try #require(Self.object(objects, "CronJob", "farm-db-backup"))
        let podLabels = cronJob[path: ["spec", "jobTemplate", "spec", "template", "metadata", "labels"]]
        let selector = try #require(
            Self.object(objects, "Service", "farm-db")?[path: ["spec", "selector"]]?.objectValue
        )
        let matches = selector.allSatisfy { podLabels?[$0.key] == $0.value }
        #expect(!matches)
    }

    @Test("The backup script runs the engine's command in a fresh folder and prunes only after a success")
    func backupScriptPrunesAfterSuccess() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "agri-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appending(path: "20200101T000000Z"),
            withIntermediateDirectories: true
        )
        let old = root.appending(path: "20200101T000000Z")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3 * 86_400)],
            ofItemAtPath: old.path
        )

        func run(_ engineScript: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(filePath: "/bin/sh")
            process.arguments = ["-c", DatastoreRender.backupWrapper, "backup", engineScript]
            process.environment = ["BACKUP_ROOT": root.path, "RETENTION_DAYS": "2", "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }

        #expect(try run("exit 3") != 0)
        var entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(entries == ["20200101T000000Z"], "a failed backup leaves nothing behind and prunes nothing")

        #expect(try run("echo dump > \"$BACKUP_DIR/dump\"") == 0)
        entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(entries.count == 1)
        let written = try #require(entries.first)
        #expect(written != "20200101T000000Z" && !written.hasSuffix(".partial"))
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "\(written)/dump").path))
    }

    @Test("A configuration change changes the pod template, so members roll")
    func configurationHashRolls() throws {
        let identity = try Self.identity()
        func hash(_ config: [String: String]) throws -> String? {
            let set = Self.object(try Self.objects(identity, Self.profile(config: config)), "StatefulSet", "farm-db")
            return set?[path: [
                "spec", "template", "metadata", "annotations", DatastoreRender.configurationHashAnnotation,
            ]]?
            .stringValue
        }
        #expect(try hash(["engine.conf": "port 1"]) != nil)
        #expect(try hash(["engine.conf": "port 1"]) != hash(["engine.conf": "port 2"]))
    }

    @Test("The client Service exposes client ports only, and with a single primary selects member 0")
    func clientService() throws {
        let identity = try Self.identity { $0.replicas = 2 }
        let plain = try #require(Self.object(try Self.objects(identity), "Service", "farm-db"))
        #expect(plain[path: ["spec", "ports"]]?.arrayValue?.map { $0["name"] } == ["client"])
        #expect(plain[path: ["spec", "selector", "statefulset.kubernetes.io/pod-name"]] == nil)
        let primary = try #require(
            Self.object(try Self.objects(identity, Self.profile(primaryOnly: true)), "Service", "farm-db")
        )
        #expect(primary[path: ["spec", "selector", "statefulset.kubernetes.io/pod-name"]] == "farm-db-0")
        let headless = try #require(Self.object(try Self.objects(identity), "Service", "farm-db-headless"))
        #expect(headless[path: ["spec", "clusterIP"]] == "None")
        #expect(headless[path: ["spec", "ports"]]?.arrayValue?.count == 2)
    }

    @Test(
        "Members avoid sharing a node, preferred by default and required on request",
        arguments: [
            (nil, "preferredDuringSchedulingIgnoredDuringExecution"),
            ("Required", "requiredDuringSchedulingIgnoredDuringExecution"),
        ]
    )
    func antiAffinity(setting: String?, field: String) throws {
        let identity = try Self.identity {
            $0.podAntiAffinity = setting; $0.replicas = 3
        }
        let set = try #require(Self.object(try Self.objects(identity), "StatefulSet", "farm-db"))
        #expect(set[path: ["spec", "template", "spec", "affinity", "podAntiAffinity", field]] != nil)
        #expect(set[path: ["spec", "template", "spec", "topologySpreadConstraints"]] != nil)
    }

    @Test("At most one member is down in a voluntary disruption")
    func disruptionBudget() throws {
        let budget = try #require(Self.object(try Self.objects(try Self.identity()), "PodDisruptionBudget", "farm-db"))
        #expect(budget[path: ["spec", "maxUnavailable"]]?.integerValue == 1)
    }

    @Test("A datastore name that makes the StatefulSet's name too long is a render error, not a broken object")
    func longNameIsAnError() throws {
        var datastore = Datastore(name: String(repeating: "d", count: 50), engine: .postgreSQL)
        datastore.replicas = 1
        let platform = F.platform([F.service()], datastores: [datastore])
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        #expect(throws: RenderError.self) {
            try DatastoreRender.objects(scope: scope, datastore: datastore, index: 0)
        }
    }
}

@Suite("Generated datastore Secrets")
struct GeneratedSecretsTests {
    /// A deterministic generator (SplitMix64) so the tests can compare values; the operator uses the system's.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("Base64 matches Foundation's for every length remainder", arguments: 0..<8)
    func base64(length: Int) {
        var generator = SeededGenerator(state: UInt64(length))
        let bytes = (0..<(length * 7)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        #expect(GeneratedSecrets.base64(bytes) == Data(bytes).base64EncodedString())
    }

    @Test("Passwords are 32 alphanumeric characters and differ between generators")
    func passwords() {
        var first = SeededGenerator(state: 1)
        var second = SeededGenerator(state: 2)
        let a = GeneratedSecrets.value(.alphanumeric(length: 32), &first)
        let b = GeneratedSecrets.value(.alphanumeric(length: 32), &second)
        #expect(a.count == 32 && a.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(a != b)
    }

    @Test("The connection keys hold the host, port, user, database and a URI with the same password")
    func connectionData() {
        var generator = SeededGenerator(state: 7)
        let data = GeneratedSecrets.connectionData(
            DatastoreRenderRuleTests.profile().connection,
            host: "farm-db.prod.svc",
            &generator
        )
        let password = data["PASSWORD"] ?? ""
        #expect(password.count == GeneratedSecrets.passwordLength)
        #expect(data["HOST"] == "farm-db.prod.svc")
        #expect(data["PORT"] == "1000")
        #expect(data["USERNAME"] == "app")
        #expect(data["DATABASE"] == "app")
        #expect(data["URI"] == "engine://app:\(password)@farm-db.prod.svc:1000/app")
    }
}
