import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

@Suite("Consul engine profile")
struct ConsulProfileTests {
    typealias ShellRun = MongoDBProfileTests.ShellRun

    static func platform(replicas: Int32? = nil, image: String? = nil) -> AgriPlatform {
        var datastore = Datastore(name: "consul", engine: .consul)
        datastore.replicas = replicas
        datastore.image = image
        return RenderFixtures.platform(
            [RenderFixtures.service("api") { $0.uses = ["consul"] }],
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

    static func config(_ profile: EngineProfile) throws -> JSONValue {
        let text = try #require(profile.configFiles["server.json"])
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("server.json makes a server cluster of exactly the members", arguments: [Int32(3), 5])
    func serverConfig(replicas: Int32) throws {
        let profile = try Self.profile(replicas: replicas)
        #expect(profile.configFiles.keys.sorted() == ["server.json"])
        let config = try Self.config(profile)
        #expect(config["server"] == true)
        #expect(config["bootstrap_expect"] == .integer(Int64(replicas)))
        let join = (0..<replicas).map {
            JSONValue.string("farm-consul-\($0).farm-consul-headless.prod.svc.cluster.local")
        }
        #expect(config["retry_join"] == .array(join))
        #expect(config["data_dir"] == .string(profile.dataPath))
        #expect(config["client_addr"] == "0.0.0.0")
        #expect(config[path: ["ui_config", "enabled"]] == true)
        #expect(config["leave_on_terminate"] == true)
        #expect(config[path: ["autopilot", "cleanup_dead_servers"]] == true)
        #expect(config[path: ["autopilot", "last_contact_threshold"]] == "200ms")
        #expect(config[path: ["autopilot", "server_stabilization_time"]] == "10s")
        #expect(config[path: ["performance", "raft_multiplier"]] == 1)
        #expect(config[path: ["telemetry", "prometheus_retention_time"]] != nil)
        #expect(config["encrypt"] == nil, "the gossip key never goes into the ConfigMap")
        #expect(config["acl"] == nil)
    }

    @Test("The agent gets its node name and pod IP from the environment, and its gossip key from a file")
    func command() throws {
        let profile = try Self.profile()
        #expect(profile.image == "hashicorp/consul:1.19")
        #expect(try Self.profile(image: "mirror.example/consul:1.19.2").image == "mirror.example/consul:1.19.2")
        #expect(profile.command == ["consul"])
        #expect(
            profile.args == [
                "agent", "-config-file=/etc/agri-operator/server.json", "-node=$(POD_NAME)", "-advertise=$(POD_IP)",
                "-config-file=/consul/gossip/encrypt.json",
            ]
        )
        #expect(profile.environment.allSatisfy { $0["name"] != "CONSUL_GOSSIP_KEY" })
        let initContainer = try #require(profile.initContainers.first)
        #expect(
            profile.environment.first { $0["name"] == "POD_IP" }?[path: ["valueFrom", "fieldRef", "fieldPath"]]
                == "status.podIP"
        )
        #expect(
            initContainer["env"]?.arrayValue?.first { $0["name"] == "CONSUL_GOSSIP_KEY" }?[
                path: ["valueFrom", "secretKeyRef"]
            ] == ["name": "farm-consul-credentials", "key": "gossip-key"]
        )
        #expect(profile.extraVolumes.first?[path: ["emptyDir", "medium"]] == "Memory")
        #expect(profile.memberSecrets == [GeneratedKey(key: "gossip-key", recipe: .base64(bytes: 32))])
        #expect(profile.podManagementPolicy == "Parallel")
        #expect(profile.publishNotReadyAddresses)
        #expect(profile.podSecurityContext["runAsUser"] == 100)
        #expect(profile.podSecurityContext["fsGroup"] == 1000)
    }

    @Test("Clients get HTTP and DNS; server RPC and Serf stay between members")
    func ports() throws {
        let ports = try Self.profile().ports
        let clients = ports.filter(\.clients).map { "\($0.port)/\($0.protocol)" }
        #expect(clients == ["8500/TCP", "8600/TCP", "8600/UDP"])
        let peers = Set(ports.filter { !$0.clients }.map { "\($0.port)/\($0.protocol)" })
        #expect(peers == ["8300/TCP", "8301/TCP", "8301/UDP", "8302/TCP", "8302/UDP"])
        #expect(Set(ports.map(\.name)).count == ports.count)
        #expect(ports.allSatisfy { $0.name.count <= 15 })
    }

    @Test("A generated gossip key is 32 random bytes in base64, and never appears in the profile")
    func gossipKey() throws {
        var generator = SeededGenerator(seed: 11)
        let platform = Self.platform()
        let secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
        let credentials = try #require(secrets.first { $0.name == "farm-consul-credentials" })
        let key = try #require(credentials.json[path: ["stringData", "gossip-key"]]?.stringValue)
        #expect(Data(base64Encoded: key)?.count == 32)
        let text = String(describing: try #require(EngineProfile.profile(for: Self.identity(platform))))
        #expect(!text.contains(key))
    }

    @Test("The connection is the client Service's HTTP address, with no user or password")
    func connection() throws {
        let profile = try Self.profile()
        #expect(profile.connection.username == nil)
        #expect(!profile.connection.hasPassword)
        #expect(profile.connection.port == 8500)
        var generator = SeededGenerator(seed: 5)
        let secrets = try GeneratedSecrets.secrets(for: Self.platform(), using: &generator)
        let connection = try #require(secrets.first { $0.name == "farm-consul-connection" })
        #expect(
            connection.json["stringData"]
                == ["HOST": "farm-consul.prod.svc", "PORT": "8500", "URI": "http://farm-consul.prod.svc:8500"]
        )
    }

    @Test("Readiness needs a known leader, liveness only a local agent; members leave on the way out")
    func probes() throws {
        let profile = try Self.profile()
        #expect(
            profile.readinessProbe[path: ["exec", "command"]]
                == ["sh", "-c", .string(EngineProfile.consulReadinessScript)]
        )
        #expect(profile.livenessProbe?[path: ["exec", "command"]] == ["consul", "info"])
        #expect(profile.startupProbe?[path: ["exec", "command"]] == ["consul", "info"])
        #expect(profile.preStop == ["consul", "leave"])
        #expect(profile.terminationGracePeriodSeconds >= 30)
    }

    @Test(
        "The readiness script passes only when consul info shows a leader address",
        arguments: [
            ("\tleader = false\n\tleader_addr = 10.1.2.3:8300\n", Int32(0)),
            ("\tleader = true\n\tleader_addr = [fd00::5]:8300\n", 0),
            ("\tleader = false\n\tleader_addr = \n", 1),
        ]
    )
    func readinessRuns(info: String, status: Int32) throws {
        let bin = FileManager.default.temporaryDirectory.appending(path: "consul-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bin) }
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // A stand-in consul: prints the `consul:` section of `consul info`.
        let fake = "#!/bin/sh\nprintf 'agent:\\n\\tcheck_monitors = 0\\nconsul:\\n%s' '\(info)'\n"
        try ShellRun.install(fake, as: bin.appending(path: "consul"))
        let result = try ShellRun.run(
            EngineProfile.consulReadinessScript,
            environment: ["PATH": "\(bin.path):/usr/bin:/bin"]
        )
        #expect(result.status == status, "\(result.output)")
    }

    @Test("The backup saves and inspects one snapshot through the client Service")
    func backup() throws {
        let backup = try #require(try Self.profile().backup)
        #expect(backup.image == "hashicorp/consul:1.19")
        #expect(backup.environment == [["name": "CONSUL_HTTP_ADDR", "value": "http://farm-consul.prod.svc:8500"]])
        #expect(backup.script.contains("consul snapshot save \"$BACKUP_DIR/consul.snap\""))
        #expect(!backup.script.contains("set -x"))
        for script in [backup.script, EngineProfile.consulReadinessScript] {
            let result = try ShellRun.run(script, syntaxOnly: true)
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test("The backup fails when the snapshot cannot be saved")
    func backupRuns() throws {
        let backup = try #require(try Self.profile().backup)
        let root = FileManager.default.temporaryDirectory.appending(path: "consul-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // A stand-in consul: `snapshot save` writes the file unless FAIL is set; `inspect` needs it to exist.
        let fake = """
            #!/bin/sh
            [ "$1" = snapshot ] || exit 2
            case "$2" in
              save) [ -z "$FAIL" ] || exit 1; echo snap > "$3" ;;
              inspect) [ -s "$3" ] ;;
              *) exit 2 ;;
            esac
            """
        try ShellRun.install(fake, as: root.appending(path: "consul"))
        var env = ["PATH": "\(root.path):/usr/bin:/bin", "BACKUP_DIR": root.path, "FAIL": ""]
        #expect(try ShellRun.run(backup.script, environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "consul.snap").path))
        env["FAIL"] = "1"
        #expect(try ShellRun.run(backup.script, environment: env).status != 0)
    }

    @Test("The init script writes the gossip key as Consul JSON, readable by its owner only")
    func gossipKeyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "agri-gossip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = EngineProfile.consulGossipScript.replacingOccurrences(
            of: EngineProfile.consulGossipPath,
            with: folder.path
        )
        let key = "c2VjcmV0LWdvc3NpcC1rZXktb2YtMzItYnl0ZXMtISE="
        let result = try ShellRun.run(script, environment: ["PATH": "/usr/bin:/bin", "CONSUL_GOSSIP_KEY": key])
        #expect(result.status == 0, "\(result.output)")
        let file = folder.appending(path: "encrypt.json")
        let json = try JSONValue(parsing: try Data(contentsOf: file))
        #expect(json == ["encrypt": .string(key)])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!result.output.contains(key))
    }
}
