import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

@Suite("MongoDB engine profile")
struct MongoDBProfileTests {
    static func platform(replicas: Int32? = nil, image: String? = nil) -> AgriPlatform {
        var datastore = Datastore(name: "mongodb", engine: .mongoDB)
        datastore.replicas = replicas
        datastore.image = image
        return RenderFixtures.platform(
            [RenderFixtures.service("api") { $0.uses = ["mongodb"] }],
            datastores: [datastore]
        )
    }

    static func identity(_ platform: AgriPlatform) throws -> DatastoreIdentity {
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        return DatastoreIdentity(scope: scope, datastore: try #require(platform.spec.datastores?.first))
    }

    static func profile(replicas: Int32? = nil, image: String? = nil) throws -> EngineProfile {
        try #require(EngineProfile.profile(for: identity(platform(replicas: replicas, image: image))))
    }

    static func secretRef(_ env: [JSONValue], _ name: String) -> JSONValue? {
        env.first { $0["name"] == .string(name) }?[path: ["valueFrom", "secretKeyRef"]]
    }

    @Test("The official image of the version runs mongod as a keyfile-authenticated replica set named after it")
    func command() throws {
        let profile = try Self.profile()
        #expect(profile.image == "mongo:7.0")
        #expect(try Self.profile(image: "mirror.example/mongo:7.0.12").image == "mirror.example/mongo:7.0.12")
        #expect(profile.containerName == "mongod")
        #expect(profile.command == nil, "the image's entrypoint creates the root user on first start")
        #expect(
            profile.args == [
                "mongod", "--replSet", "mongodb", "--bind_ip_all", "--keyFile", "/var/run/mongodb-keyfile/keyfile",
                "--dbpath", "/data/mongodb/db",
            ]
        )
        #expect(profile.ports == [EnginePort(name: "mongodb", port: 27017, clients: true)])
        #expect(profile.podManagementPolicy == "Parallel")
        #expect(profile.publishNotReadyAddresses)
        #expect(profile.podSecurityContext["runAsUser"] == 999)
        #expect(profile.podSecurityContext["fsGroup"] == 999)
        #expect(profile.configFiles.isEmpty)
    }

    @Test("The root user comes from the connection Secret's USERNAME and PASSWORD keys")
    func rootUser() throws {
        let env = try Self.profile().environment
        #expect(
            Self.secretRef(env, "MONGO_INITDB_ROOT_USERNAME")
                == ["name": "farm-mongodb-connection", "key": "USERNAME"]
        )
        #expect(
            Self.secretRef(env, "MONGO_INITDB_ROOT_PASSWORD")
                == ["name": "farm-mongodb-connection", "key": "PASSWORD"]
        )
        #expect(env.filter { $0["value"] != nil } == [["name": "HOME", "value": "/tmp"]], "no inline values but HOME")
    }

    @Test("The keyfile is copied from the credentials Secret to a memory emptyDir with mode 0400")
    func keyfile() throws {
        let profile = try Self.profile()
        #expect(profile.memberSecrets == [GeneratedKey(key: "keyfile", recipe: .base64(bytes: 756))])
        let secretVolume = try #require(profile.extraVolumes.first { $0["name"] == "keyfile-secret" })
        #expect(secretVolume[path: ["secret", "secretName"]] == "farm-mongodb-credentials")
        #expect(secretVolume[path: ["secret", "items"]] == [["key": "keyfile", "path": "keyfile"]])
        let emptyDir = try #require(profile.extraVolumes.first { $0["name"] == "keyfile" })
        #expect(emptyDir[path: ["emptyDir", "medium"]] == "Memory")
        #expect(
            profile.extraVolumeMounts == [
                ["name": "keyfile", "mountPath": "/var/run/mongodb-keyfile", "readOnly": true]
            ]
        )
        let initContainer = try #require(profile.initContainers.first)
        #expect(initContainer["image"] == .string(profile.image))
        let mounts = try #require(initContainer["volumeMounts"]?.arrayValue)
        #expect(Set(mounts.compactMap { $0["name"]?.stringValue }) == ["keyfile-secret", "keyfile", "data"])
        let script = try #require(initContainer[path: ["command"]]?.arrayValue?.last?.stringValue)
        #expect(script.contains("chmod 0400 \"/var/run/mongodb-keyfile/keyfile\""))
        #expect(script.contains("mkdir -p \"/data/mongodb/db\""))
    }

    @Test("The init script really copies the keyfile with mode 0400 and creates the database folder")
    func initScriptRuns() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "mongo-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appending(path: "secret")
        let target = root.appending(path: "keyfile")
        let data = root.appending(path: "data")
        for folder in [source, target, data] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("c2VjcmV0a2V5".utf8).write(to: source.appending(path: "keyfile"))
        // Rewrites: the Secret mount, the emptyDir mount and the data path point at temporary folders.
        let script = EngineProfile.mongoDBInitScript(dataPath: data.path)
            .replacing("/var/run/mongodb-keyfile-secret", with: source.path)
            .replacing("/var/run/mongodb-keyfile", with: target.path)
        let result = try ShellRun.run(script)
        #expect(result.status == 0, "\(result.output)")
        let copied = target.appending(path: "keyfile")
        let attributes = try FileManager.default.attributesOfItem(atPath: copied.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o400)
        #expect(try String(contentsOf: copied, encoding: .utf8) == "c2VjcmV0a2V5")
        #expect(FileManager.default.fileExists(atPath: data.appending(path: "db").path))
    }

    @Test("A generated keyfile is 1 008 characters of the base64 alphabet, within mongod's 6 to 1 024")
    func generatedKeyfile() throws {
        var generator = SeededGenerator(seed: 7)
        let secrets = try GeneratedSecrets.secrets(for: Self.platform(), using: &generator)
        let credentials = try #require(secrets.first { $0.name == "farm-mongodb-credentials" })
        let keyfile = try #require(credentials.json[path: ["stringData", "keyfile"]]?.stringValue)
        #expect(keyfile.count == 1008)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        #expect(keyfile.allSatisfy { alphabet.contains($0) })
    }

    @Test("The connection is the root user with a replica set URI through the client Service")
    func connection() throws {
        let profile = try Self.profile()
        #expect(profile.connection.username == "root")
        #expect(profile.connection.hasPassword)
        #expect(profile.connection.port == 27017)
        #expect(profile.connection.database == nil)
        var generator = SeededGenerator(seed: 3)
        let secrets = try GeneratedSecrets.secrets(for: Self.platform(), using: &generator)
        let connection = try #require(secrets.first { $0.name == "farm-mongodb-connection" })
        let password = try #require(connection.json[path: ["stringData", "PASSWORD"]]?.stringValue)
        #expect(
            connection.json[path: ["stringData", "URI"]]
                == .string(
                    "mongodb://root:\(password)@farm-mongodb.prod.svc:27017/?replicaSet=mongodb&authSource=admin"
                )
        )
    }

    @Test(
        "Liveness and start-up ping the local mongod; readiness needs PRIMARY or SECONDARY; first start gets ten minutes"
    )
    func probes() throws {
        let profile = try Self.profile()
        let ping: JSONValue = ["mongosh", "--quiet", "--eval", "db.adminCommand(\"ping\").ok"]
        for probe in [profile.livenessProbe, profile.startupProbe] {
            #expect(probe?[path: ["exec", "command"]] == ping)
        }
        let ready: JSONValue = ["mongosh", "--quiet", "--eval", .string(EngineProfile.mongoReadyQuery)]
        #expect(profile.readinessProbe[path: ["exec", "command"]] == ready)
        let startup = try #require(profile.startupProbe)
        let budget = (startup["periodSeconds"]?.integerValue ?? 0) * (startup["failureThreshold"]?.integerValue ?? 0)
        #expect(budget >= 600)
        #expect(profile.terminationGracePeriodSeconds >= 30)
    }

    @Test("No generated secret value appears anywhere in the profile or its Job")
    func noSecretLiterals() throws {
        for seed in [UInt64(1), 2, 3] {
            var generator = SeededGenerator(seed: seed)
            let platform = Self.platform(replicas: 5)
            let secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
            let values = secrets.flatMap { $0.json["stringData"]?.objectValue?.values.compactMap(\.stringValue) ?? [] }
                .filter { $0.count >= 32 }
            #expect(values.count == 3, "PASSWORD, URI and keyfile")
            let text = String(describing: try #require(EngineProfile.profile(for: Self.identity(platform))))
            for value in values { #expect(!text.contains(value)) }
        }
    }

    @Test("The backup dumps the set through the connection URI into one archive")
    func backup() throws {
        let backup = try #require(try Self.profile().backup)
        #expect(backup.image == "mongo:7.0")
        #expect(Self.secretRef(backup.environment, "MONGODB_URI") == ["name": "farm-mongodb-connection", "key": "URI"])
        #expect(backup.script.contains("--archive=\"$BACKUP_DIR/dump.archive.gz\" --gzip"))
        #expect(backup.script.contains("--readPreference=secondaryPreferred"))
        #expect(!backup.script.contains("set -x"))
    }

    @Test("The backup script runs mongodump with the URI and fails when it writes nothing")
    func backupScriptRuns() throws {
        let backup = try #require(try Self.profile().backup)
        let root = FileManager.default.temporaryDirectory.appending(path: "mongo-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appending(path: "bin")
        let dir = root.appending(path: "backup")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A stand-in mongodump: records its arguments and writes the archive it is given.
        let fake = """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(root.path)/args"
            for arg in "$@"; do
              case "$arg" in --archive=*) [ -n "$FAKE_EMPTY" ] || echo dump > "${arg#--archive=}" ;; esac
            done
            """
        try ShellRun.install(fake, as: bin.appending(path: "mongodump"))
        var env = ["PATH": "\(bin.path):/usr/bin:/bin", "BACKUP_DIR": dir.path, "MONGODB_URI": "mongodb://u:p@h/"]
        env["FAKE_EMPTY"] = ""
        let result = try ShellRun.run(backup.script, environment: env)
        #expect(result.status == 0, "\(result.output)")
        let args = try String(contentsOf: root.appending(path: "args"), encoding: .utf8)
        #expect(args.contains("--uri=mongodb://u:p@h/\n"))
        #expect(FileManager.default.fileExists(atPath: dir.appending(path: "dump.archive.gz").path))
        try FileManager.default.removeItem(at: dir.appending(path: "dump.archive.gz"))
        env["FAKE_EMPTY"] = "1"
        #expect(try ShellRun.run(backup.script, environment: env).status != 0)
    }

    @Test("Rendered shell scripts pass sh -n")
    func shellSyntax() throws {
        let profile = try Self.profile()
        let scripts = [
            try #require(profile.initContainers.first?[path: ["command"]]?.arrayValue?.last?.stringValue),
            try #require(profile.backup?.script),
        ]
        for script in scripts {
            let result = try ShellRun.run(script, syntaxOnly: true)
            #expect(result.status == 0, "\(result.output)")
        }
    }
}

extension MongoDBProfileTests {

    /// Runs a rendered POSIX script with `/bin/sh`, as the container would.
    enum ShellRun {
        struct Result {
            var status: Int32
            var output: String
        }

        static func run(
            _ script: String,
            environment: [String: String] = ["PATH": "/usr/bin:/bin"],
            syntaxOnly: Bool = false
        ) throws -> Result {
            let file = FileManager.default.temporaryDirectory.appending(path: "script-\(UUID().uuidString).sh")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(script.utf8).write(to: file)
            let process = Process()
            process.executableURL = URL(filePath: "/bin/sh")
            process.arguments = syntaxOnly ? ["-n", file.path] : [file.path]
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
        }

        /// Writes an executable script.
        static func install(_ script: String, as file: URL) throws {
            try Data(script.utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
    }

    @Test(
        "The readiness query passes for a primary or a secondary only",
        arguments: [("{isWritablePrimary: true}", 0), ("{secondary: true}", 0), ("{}", 1), ("{arbiterOnly: true}", 1)]
    )
    func readinessQuery(hello: String, status: Int32) throws {
        try MongoDBMembersJobTests.requireNode()
        let program =
            "const db = {hello: () => (\(hello))}; function quit(code) { process.exit(code) }; "
            + EngineProfile.mongoReadyQuery
        let result = try MongoDBMembersJobTests.node(["-e", program], environment: [:])
        #expect(result.status == status, "\(result.output)")
    }
}
