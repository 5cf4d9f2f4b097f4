import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport
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
        let threeDaysAgo = Date(timeIntervalSinceNow: -3 * 86_400)
        for folder in ["20200101T000000Z", "lost+found"] {
            let url = root.appending(path: folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.modificationDate: threeDaysAgo], ofItemAtPath: url.path)
        }

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
        var entries = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(entries == ["20200101T000000Z", "lost+found"], "a failed backup leaves nothing and prunes nothing")

        #expect(try run("echo dump > \"$BACKUP_DIR/dump\"") == 0)
        entries = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0 != "lost+found" }
        #expect(entries.count == 1, "the old backup is pruned, lost+found stays: \(entries)")
        let written = try #require(entries.first)
        #expect(written != "20200101T000000Z" && !written.hasSuffix(".partial"))
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "\(written)/dump").path))
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "lost+found").path))
    }

    @Test("With an S3 target the dump runs first, then the copy; without a Secret it runs as the platform's account")
    func s3BackupPod() throws {
        func pod(_ secret: String?) throws -> JSONValue? {
            let identity = try Self.identity {
                var target = S3BackupTarget(bucket: "farm-backups")
                target.secretName = secret
                target.endpoint = "https://minio.storage:9000"
                $0.backup = BackupSpec(schedule: "0 2 * * *")
                $0.backup?.s3 = target
            }
            let cronJob = Self.object(try Self.objects(identity), "CronJob", "farm-db-backup")
            return cronJob?[path: ["spec", "jobTemplate", "spec", "template", "spec"]]
        }
        let withSecret = try #require(try pod("s3-credentials"))
        #expect(withSecret["initContainers"]?.arrayValue?.map { $0["name"] } == ["backup"])
        let upload = try #require(withSecret["containers"]?.arrayValue?.first)
        #expect(upload["name"] == "upload-s3")
        let environment = upload["env"]?.arrayValue ?? []
        #expect(environment.contains { $0["name"] == "S3_PREFIX" && $0["value"] == "prod/farm/db" })
        #expect(environment.contains { $0["name"] == "S3_ENDPOINT" && $0["value"] == "https://minio.storage:9000" })
        let key = environment.first { $0["name"] == "AWS_SECRET_ACCESS_KEY" }
        #expect(key?[path: ["valueFrom", "secretKeyRef", "name"]] == "s3-credentials")
        #expect(withSecret["serviceAccountName"] == nil)
        let withIdentity = try #require(try pod(nil))
        #expect(withIdentity["serviceAccountName"] == "farm")
        #expect(withIdentity["automountServiceAccountToken"] == true)
    }

    @Test("The S3 copy uploads the newest finished backup and prunes only copies older than the retention")
    func s3UploadScript() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "agri-s3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let backups = root.appending(path: "backup")
        let bin = root.appending(path: "bin")
        for folder in ["20261126T030000Z", "20261127T030000Z", "20261127T040000Z.partial", "lost+found"] {
            try FileManager.default.createDirectory(
                at: backups.appending(path: folder),
                withIntermediateDirectories: true
            )
        }
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // A stand-in `aws`: records its arguments and lists two old copies and one recent one.
        let calls = root.appending(path: "calls")
        let recent = Self.stamp(Date(timeIntervalSinceNow: -86_400))
        let stub = """
            #!/bin/sh
            echo "$*" >> "\(calls.path)"
            case "$*" in
              *" s3 ls "*) printf '                           PRE 20200101T000000Z/\\n'
                           printf '                           PRE 20200102T000000Z/\\n'
                           printf '                           PRE \(recent)/\\n' ;;
            esac
            """
        try stub.write(to: bin.appending(path: "aws"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appending(path: "aws").path)

        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", DatastoreRender.s3UploadScript]
        process.environment = [
            "PATH": "\(bin.path):/usr/bin:/bin", "BACKUP_ROOT": backups.path, "RETENTION_DAYS": "7",
            "S3_BUCKET": "farm-backups", "S3_PREFIX": "prod/farm/db", "S3_ENDPOINT": "https://minio.storage:9000",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let recorded = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        let target = "s3://farm-backups/prod/farm/db"
        #expect(
            recorded == [
                "--endpoint-url https://minio.storage:9000 s3 cp --recursive --only-show-errors "
                    + "\(backups.path)/20261127T030000Z \(target)/20261127T030000Z/",
                "--endpoint-url https://minio.storage:9000 s3 ls \(target)/",
                "--endpoint-url https://minio.storage:9000 s3 rm --recursive --only-show-errors "
                    + "\(target)/20200101T000000Z/",
                "--endpoint-url https://minio.storage:9000 s3 rm --recursive --only-show-errors "
                    + "\(target)/20200102T000000Z/",
            ]
        )
    }

    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ",
            parts.year ?? 0,
            parts.month ?? 0,
            parts.day ?? 0,
            parts.hour ?? 0,
            parts.minute ?? 0,
            parts.second ?? 0
        )
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

    @Test("Base64 matches Foundation's for every length remainder", arguments: 0..<8)
    func base64(length: Int) {
        var generator = SeededGenerator(seed: UInt64(length))
        let bytes = (0..<(length * 7)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        #expect(GeneratedSecrets.base64(bytes) == Data(bytes).base64EncodedString())
    }

    @Test("Passwords are 32 alphanumeric characters and differ between generators")
    func passwords() {
        var first = SeededGenerator(seed: 1)
        var second = SeededGenerator(seed: 2)
        let a = GeneratedSecrets.value(.alphanumeric(length: 32), &first)
        let b = GeneratedSecrets.value(.alphanumeric(length: 32), &second)
        #expect(a.count == 32 && a.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(a != b)
    }

    @Test("The connection keys hold the host, port, user, database and a URI with the same password")
    func connectionData() {
        var generator = SeededGenerator(seed: 7)
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
