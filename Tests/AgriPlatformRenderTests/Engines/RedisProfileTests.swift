import AgriPlatformAPI
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

@Suite("Redis profile")
struct RedisProfileTests {
    static func identity(configure: (inout Datastore) -> Void = { _ in }) throws -> DatastoreIdentity {
        var datastore = Datastore(name: "cache", engine: .redis)
        configure(&datastore)
        let platform = RenderFixtures.platform([RenderFixtures.service()], datastores: [datastore])
        return DatastoreIdentity(
            scope: try PlatformScope(platform: platform, context: RenderContext()),
            datastore: datastore
        )
    }

    @Test("The image follows the version unless overridden")
    func image() throws {
        #expect(EngineProfile.redis(try Self.identity()).image == "redis:7.2")
        #expect(EngineProfile.redis(try Self.identity { $0.version = "7.0" }).image == "redis:7.0")
        #expect(EngineProfile.redis(try Self.identity { $0.image = "mirror/redis:7" }).image == "mirror/redis:7")
    }

    @Test("The connection is the default user with a generated password on database 0")
    func connection() throws {
        let connection = EngineProfile.redis(try Self.identity()).connection
        #expect(connection.username == "default")
        #expect(connection.hasPassword)
        #expect(connection.port == 6379)
        #expect(connection.uriTemplate == "redis://$(USERNAME):$(PASSWORD)@farm-cache.prod.svc:6379/0")
    }

    @Test("The password reaches the server from the environment, by secretKeyRef, never inline")
    func password() throws {
        let profile = EngineProfile.redis(try Self.identity())
        let auth = try #require(profile.environment.first { $0["name"] == "REDISCLI_AUTH" })
        #expect(auth[path: ["valueFrom", "secretKeyRef", "name"]] == "farm-cache-connection")
        #expect(auth[path: ["valueFrom", "secretKeyRef", "key"]] == "PASSWORD")
        let command = try #require(profile.command)
        #expect(command.prefix(2) == ["sh", "-c"])
        #expect(command.last?.contains("--requirepass \"$REDISCLI_AUTH\"") == true)
        #expect(command.last?.contains("--masterauth \"$REDISCLI_AUTH\"") == true)
        let configLines = (profile.configFiles["redis.conf"] ?? "").split(separator: "\n")
        #expect(!configLines.contains { $0.hasPrefix("requirepass") || $0.hasPrefix("masterauth") })

        var datastore = Datastore(name: "cache", engine: .redis)
        datastore.replicas = 3
        let platform = RenderFixtures.platform([RenderFixtures.service()], datastores: [datastore])
        var generator = SeededGenerator(seed: 11)
        let secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
        let generated = try #require(secrets.first?.json[path: ["stringData", "PASSWORD"]]?.stringValue)
        let identity = DatastoreIdentity(
            scope: try PlatformScope(platform: platform, context: RenderContext()),
            datastore: datastore
        )
        #expect(try !PostgreSQLProfileTests.text(of: EngineProfile.redis(identity)).contains(generated))
    }

    @Test("Persistence is on and the data lives on the volume")
    func persistence() throws {
        let profile = EngineProfile.redis(try Self.identity())
        let config = try #require(profile.configFiles["redis.conf"])
        for line in ["appendonly yes", "appendfsync everysec", "dir /data", "port 6379", "protected-mode no"] {
            #expect(config.contains(line), "missing \(line)")
        }
        #expect(config.contains("\nsave "))
        #expect(profile.dataPath == "/data")
    }

    @Test("Members other than 0 replicate from member 0's stable host; the template ignores the count")
    func replicas() throws {
        let single = EngineProfile.redis(try Self.identity())
        let three = EngineProfile.redis(try Self.identity { $0.replicas = 3 })
        let script = try #require(three.command?.last)
        #expect(script.contains("--replicaof 'farm-cache-0.farm-cache-headless.prod.svc.cluster.local' 6379"))
        #expect(script.contains("${POD_NAME##*-}"))
        #expect(single.command == three.command)
    }

    @Test("Readiness authenticates and requires a replica's link; liveness tolerates loading")
    func probes() throws {
        let profile = EngineProfile.redis(try Self.identity())
        #expect(profile.readinessProbe[path: ["exec", "command"]] == ["sh", "/etc/agri-operator/probe-ready.sh"])
        let ready = try #require(profile.configFiles["probe-ready.sh"])
        #expect(ready.contains("master_link_status:up"))
        #expect(ready.contains("ping"))
        let live = profile.livenessProbe?[path: ["exec", "command"]]?.arrayValue?.last?.stringValue ?? ""
        #expect(live.contains("LOADING"))
        #expect(profile.startupProbe != nil)
    }

    @Test("The backup copies an RDB snapshot into BACKUP_DIR with the password from the environment")
    func backup() throws {
        let backup = try #require(EngineProfile.redis(try Self.identity()).backup)
        #expect(backup.script.contains("--rdb \"$target.partial\""))
        #expect(backup.script.contains("$BACKUP_DIR/dump.rdb"))
        #expect(backup.environment.contains { $0["name"] == "REDISCLI_AUTH" })
        #expect(backup.environment.first { $0["name"] == "REDIS_HOST" }?["value"] == "farm-cache.prod.svc")
    }
}
