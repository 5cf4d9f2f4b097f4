import AgriPlatformAPI
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

@Suite("PostgreSQL profile")
struct PostgreSQLProfileTests {
    static func identity(configure: (inout Datastore) -> Void = { _ in }) throws -> DatastoreIdentity {
        var datastore = Datastore(name: "orders-db", engine: .postgreSQL)
        configure(&datastore)
        let platform = RenderFixtures.platform([RenderFixtures.service()], datastores: [datastore])
        return DatastoreIdentity(
            scope: try PlatformScope(platform: platform, context: RenderContext()),
            datastore: datastore
        )
    }

    @Test(
        "The image follows the version, PostGIS and the override",
        arguments: [
            (nil, false, nil, "postgres:16"),
            ("15", false, nil, "postgres:15"),
            ("16", true, nil, "postgis/postgis:16-3.4"),
            ("15", true, nil, "postgis/postgis:15-3.4"),
            ("16", true, "mirror.example/postgis:16", "mirror.example/postgis:16"),
        ] as [(String?, Bool, String?, String)]
    )
    func image(version: String?, postGIS: Bool, override: String?, expected: String) throws {
        let identity = try Self.identity {
            $0.version = version
            $0.postgres = PostgresSettings(postGIS: postGIS)
            $0.image = override
        }
        let profile = EngineProfile.postgreSQL(identity)
        #expect(profile.image == expected)
        #expect(profile.backup?.image == expected)
        #expect(profile.initContainers.first?["image"]?.stringValue == expected)
    }

    @Test("The database is postgres.database or the datastore name in snake case")
    func database() throws {
        let byName = EngineProfile.postgreSQL(try Self.identity())
        #expect(byName.connection.database == "orders_db")
        let named = EngineProfile.postgreSQL(try Self.identity { $0.postgres = PostgresSettings(database: "farmers") })
        #expect(named.connection.database == "farmers")
        #expect(
            named.connection.uriTemplate
                == "postgresql://$(USERNAME):$(PASSWORD)@farm-orders-db.prod.svc:5432/farmers"
        )
        #expect(named.connection.username == "app")
        #expect(named.connection.hasPassword)
    }

    @Test("Credentials reach the container only by secretKeyRef to the connection Secret")
    func credentials() throws {
        let profile = EngineProfile.postgreSQL(try Self.identity())
        let env = Dictionary(
            profile.environment.compactMap { entry in entry["name"]?.stringValue.map { ($0, entry) } },
            uniquingKeysWith: { first, _ in first }
        )
        for (name, key) in [
            ("POSTGRES_USER", "USERNAME"), ("POSTGRES_PASSWORD", "PASSWORD"), ("POSTGRES_DB", "DATABASE"),
        ] {
            #expect(env[name]?[path: ["valueFrom", "secretKeyRef", "name"]] == "farm-orders-db-connection")
            #expect(env[name]?[path: ["valueFrom", "secretKeyRef", "key"]]?.stringValue == key)
            #expect(env[name]?["value"] == nil)
        }
        #expect(env["PGDATA"]?["value"] == "/var/lib/postgresql/data/pgdata")
        let backupEnv = profile.backup?.environment ?? []
        let password = backupEnv.first { $0["name"] == "PGPASSWORD" }
        #expect(password?[path: ["valueFrom", "secretKeyRef", "key"]] == "PASSWORD")
    }

    @Test("No generated secret value appears anywhere in the profile")
    func noSecretLiteral() throws {
        var datastore = Datastore(name: "db", engine: .postgreSQL)
        datastore.replicas = 2
        datastore.postgres = PostgresSettings(postGIS: true, extensions: ["pg_trgm"])
        let platform = RenderFixtures.platform([RenderFixtures.service()], datastores: [datastore])
        var generator = SeededGenerator(seed: 7)
        let secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
        let password = try #require(secrets.first?.json[path: ["stringData", "PASSWORD"]]?.stringValue)
        let identity = DatastoreIdentity(
            scope: try PlatformScope(platform: platform, context: RenderContext()),
            datastore: datastore
        )
        let text = try Self.text(of: EngineProfile.postgreSQL(identity))
        #expect(!text.contains(password))
        #expect(!text.contains("set -x"))
    }

    @Test("The configuration listens everywhere, uses SCRAM and is ready for streaming replication")
    func configuration() throws {
        let profile = EngineProfile.postgreSQL(try Self.identity())
        let config = try #require(profile.configFiles["postgresql.conf"])
        for line in [
            "listen_addresses = '*'", "port = 5432", "password_encryption = scram-sha-256", "wal_level = replica",
            "hot_standby = on", "hba_file = '/etc/agri-operator/pg_hba.conf'",
        ] {
            #expect(config.contains(line), "missing \(line)")
        }
        let hba = try #require(profile.configFiles["pg_hba.conf"])
        let rules = hba.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ") }
        for rule in rules where rule.first == "host" {
            #expect(rule.last == "scram-sha-256", "\(rule)")
        }
        #expect(rules.contains { $0.first == "host" && $0.dropFirst().first == "replication" })
        #expect(rules.filter { $0.last == "trust" }.allSatisfy { $0.first == "local" })
        #expect(profile.args == ["postgres", "-c", "config_file=/etc/agri-operator/postgresql.conf"])
    }

    @Test("The init SQL creates PostGIS and the quoted extensions, once each")
    func initSQL() throws {
        let profile = EngineProfile.postgreSQL(
            try Self.identity { $0.postgres = PostgresSettings(postGIS: true, extensions: ["uuid-ossp", "postgis"]) }
        )
        let sql = try #require(profile.configFiles["init-extensions.sql"])
        #expect(sql.contains("CREATE EXTENSION IF NOT EXISTS \"postgis\";"))
        #expect(sql.contains("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";"))
        #expect(sql.split(separator: "\n").filter { $0.contains("\"postgis\"") }.count == 1)
        let mount = profile.extraVolumeMounts.first { $0["subPath"] == "init-extensions.sql" }
        #expect(mount?["mountPath"] == "/docker-entrypoint-initdb.d/50-agri-extensions.sql")
        #expect(mount?["name"] == "config")

        let plain = EngineProfile.postgreSQL(try Self.identity())
        #expect(plain.configFiles["init-extensions.sql"]?.contains("CREATE EXTENSION") == false)
    }

    @Test("Members clone member 0 through its stable host; the pod template does not depend on the count")
    func replicas() throws {
        let single = EngineProfile.postgreSQL(try Self.identity())
        let three = EngineProfile.postgreSQL(try Self.identity { $0.replicas = 3 })
        let script = try #require(three.configFiles["clone-primary.sh"])
        #expect(script.contains("primary_host='farm-orders-db-0.farm-orders-db-headless.prod.svc.cluster.local'"))
        #expect(script.contains("pg_basebackup"))
        #expect(script.contains(" -R "))
        #expect(three.initContainers == single.initContainers)
        #expect(three.configFiles == single.configFiles)
        #expect(three.podManagementPolicy == "OrderedReady")
        let clone = try #require(three.initContainers.first)
        #expect(clone[path: ["env"]]?.arrayValue?.contains { $0["name"] == "POD_NAME" } == true)
    }

    @Test("Probes query the server; the readiness probe uses the password and checks a replica's stream")
    func probes() throws {
        let profile = EngineProfile.postgreSQL(try Self.identity())
        #expect(profile.readinessProbe[path: ["exec", "command"]] == ["sh", "/etc/agri-operator/probe-ready.sh"])
        let ready = try #require(profile.configFiles["probe-ready.sh"])
        #expect(ready.contains("pg_isready"))
        #expect(ready.contains("PGPASSWORD=\"$POSTGRES_PASSWORD\" "))
        #expect(ready.contains("pg_stat_wal_receiver"))
        #expect(profile.livenessProbe?[path: ["exec", "command"]]?.arrayValue?.first == "pg_isready")
        let startup = try #require(profile.startupProbe)
        #expect((startup["failureThreshold"]?.integerValue ?? 0) * (startup["periodSeconds"]?.integerValue ?? 0) >= 300)
        #expect(profile.preStop?.joined(separator: " ").contains("-m fast") == true)
    }

    @Test("The backup dumps in custom format, checks the dump and writes one file into BACKUP_DIR")
    func backup() throws {
        let backup = try #require(EngineProfile.postgreSQL(try Self.identity()).backup)
        #expect(backup.script.contains("pg_dump --format=custom"))
        #expect(backup.script.contains("pg_restore --list"))
        #expect(backup.script.contains("$BACKUP_DIR/"))
        #expect(backup.environment.first { $0["name"] == "PGHOST" }?["value"] == "farm-orders-db.prod.svc")
    }

    /// The profile as one text: every string of its JSON parts, files, scripts and commands.
    static func text(of profile: EngineProfile) throws -> String {
        var parts: [JSONValue] = profile.environment + profile.extraVolumes + profile.extraVolumeMounts
        parts += profile.initContainers + profile.extraObjects
        parts += [profile.readinessProbe, profile.podSecurityContext]
        parts += [profile.livenessProbe, profile.startupProbe].compactMap { $0 }
        parts += profile.backup?.environment ?? []
        var text = try parts.map { String(decoding: try $0.serialized(), as: UTF8.self) }.joined(separator: "\n")
        text += profile.configFiles.values.joined(separator: "\n")
        text += (profile.command ?? []).joined(separator: " ") + (profile.args ?? []).joined(separator: " ")
        text += (profile.preStop ?? []).joined(separator: " ") + (profile.backup?.script ?? "")
        text += profile.connection.uriTemplate
        return text
    }

}
