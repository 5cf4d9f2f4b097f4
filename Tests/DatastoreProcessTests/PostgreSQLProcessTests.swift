import Foundation
import Testing

@testable import AgriPlatformRender

/// The rendered PostgreSQL profile (version 15 with PostGIS, two members) run with Debian's real `postgres`,
/// `pg_basebackup`, `pg_dump` and `psql` on loopback ports. See ``PostgreSQLMember`` for every rewrite and for the
/// entrypoint stand-in.
@Suite("PostgreSQL processes", .serialized)
struct PostgreSQLProcessTests {
    let rendered: RenderedDatastores
    let user: String
    let password: String
    let database: String

    init() throws {
        try TestEnvironment.requireBinaries(["postgres", "initdb", "pg_ctl", "psql", "pg_basebackup", "pg_dump"])
        rendered = try RenderedDatastores()
        user = try rendered.connection(rendered.postgres, "USERNAME")
        password = try rendered.connection(rendered.postgres, "PASSWORD")
        database = try rendered.connection(rendered.postgres, "DATABASE")
    }

    @Test("The primary starts with the rendered files, has PostGIS and the extensions, and checks passwords")
    func primary() async throws {
        try await withCleanup { cleanup in
            let primary = try await PostgreSQLMember.start(
                ordinal: 0,
                rendered: rendered,
                primaryPort: nil,
                cleanup: cleanup
            )
            let identity = try await primary.psql(
                "select current_user || ' ' || current_database()",
                user: user,
                password: password,
                database: database
            )
            #expect(identity.succeeded, "\(identity)")
            #expect(identity.output.trimmingCharacters(in: .whitespacesAndNewlines) == "app farmers_module")

            let postGIS = try await primary.psql(
                "select postgis_full_version()",
                user: user,
                password: password,
                database: database
            )
            #expect(postGIS.output.contains("POSTGIS=\"3."), "\(postGIS)")

            let extensions = try await primary.psql(
                "select string_agg(extname, ',' order by extname) from pg_extension",
                user: user,
                password: password,
                database: database
            )
            for name in ["pg_trgm", "postgis", "uuid-ossp"] {
                #expect(extensions.output.contains(name), "\(extensions)")
            }

            let verifier = try await primary.psql(
                "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = current_user",
                user: user,
                password: password,
                database: database
            )
            #expect(verifier.output.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(verifier)")

            let wrong = try await primary.psql(
                "select 1",
                user: user,
                password: String(password.reversed()),
                database: database
            )
            #expect(!wrong.succeeded)
            #expect(wrong.output.contains("password authentication failed"), "\(wrong)")

            let noPassword = try await primary.psql("select 1", user: user, password: "", database: database)
            #expect(!noPassword.succeeded, "\(noPassword)")
        }
    }

    @Test("A member cloned by the rendered init container streams from the primary")
    func streamingReplica() async throws {
        try await withCleanup { cleanup in
            let primary = try await PostgreSQLMember.start(
                ordinal: 0,
                rendered: rendered,
                primaryPort: nil,
                cleanup: cleanup
            )
            // The replica's readiness probe passes only once its WAL receiver streams.
            let replica = try await PostgreSQLMember.start(
                ordinal: 1,
                rendered: rendered,
                primaryPort: primary.port,
                cleanup: cleanup
            )
            let streaming = try await poll {
                try await primary.psql(
                    "select count(*) from pg_stat_replication where state = 'streaming'",
                    user: user,
                    password: password,
                    database: database
                ).output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            }
            #expect(streaming)

            let recovery = try await replica.psql(
                "select pg_is_in_recovery()",
                user: user,
                password: password,
                database: database
            )
            #expect(recovery.output.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(recovery)")

            let write = try await primary.psql(
                "create table fields (id int primary key, name text); insert into fields values (1, 'north')",
                user: user,
                password: password,
                database: database
            )
            #expect(write.succeeded, "\(write)")
            let replicated = try await timed("postgres row replicated") {
                try await poll {
                    try await replica.psql(
                        "select name from fields where id = 1",
                        user: user,
                        password: password,
                        database: database
                    ).output.trimmingCharacters(in: .whitespacesAndNewlines) == "north"
                }
            }
            #expect(replicated)

            let readOnly = try await replica.psql(
                "insert into fields values (2, 'south')",
                user: user,
                password: password,
                database: database
            )
            #expect(!readOnly.succeeded, "\(readOnly)")
        }
    }

    @Test("The rendered backup script writes a dump pg_restore can read")
    func backup() async throws {
        try await withCleanup { cleanup in
            let primary = try await PostgreSQLMember.start(
                ordinal: 0,
                rendered: rendered,
                primaryPort: nil,
                cleanup: cleanup
            )
            let write = try await primary.psql(
                "create table harvests (id int primary key, kilograms int); insert into harvests values (1, 420)",
                user: user,
                password: password,
                database: database
            )
            #expect(write.succeeded, "\(write)")

            let profile = try rendered.profile(rendered.postgres)
            let backup = try #require(profile.backup)
            let backupDir = try TestEnvironment.temporaryFolder("pg-backup")
            await cleanup.track(backupDir)
            // Rewrites: the client Service host → 127.0.0.1, its port → the primary's port.
            var environment = try rendered.resolve(backup.environment, podName: "backup")
            environment["PGHOST"] = try #require(environment["PGHOST"])
                .rewriting(rendered.postgres.clientHost, with: "127.0.0.1")
            environment["PGPORT"] = try #require(environment["PGPORT"]).rewriting("5432", with: String(primary.port))
            environment["BACKUP_DIR"] = backupDir.path
            environment["PATH"] = TestEnvironment.path
            environment["HOME"] = backupDir.path
            let outcome = try await timed("postgres backup") {
                try await ProcessRunner.run(["/bin/sh", "-c", backup.script], environment: environment)
            }
            #expect(outcome.succeeded, "\(outcome)")
            #expect(!outcome.output.contains(password))

            let dump = backupDir.appendingPathComponent("\(database).dump")
            #expect(FileManager.default.fileExists(atPath: dump.path))
            let list = try await ProcessRunner.run(
                ["pg_restore", "--list", dump.path],
                environment: ["PATH": TestEnvironment.path]
            )
            #expect(list.succeeded, "\(list)")
            #expect(list.output.contains("TABLE public harvests"), "\(list)")
        }
    }
}
