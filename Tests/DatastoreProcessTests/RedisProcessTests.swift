import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

/// The rendered Redis profile (two members) run with Debian's real `redis-server` and `redis-cli` on loopback ports.
///
/// Rewrites of the rendered text (each fails the test if its target is missing):
/// - `configPath` (`/etc/agri-operator`) in the command → a temporary config folder per member;
/// - in `redis.conf`, `dir /data` (the `dataPath`) → a temporary data folder and `port 6379` → the member's port;
/// - in the command, `'<member 0's host>' 6379` → `'127.0.0.1' <primary port>`;
/// - `-p 6379` in `probe-ready.sh` → the member's port;
/// - in the backup environment, `REDIS_HOST` (the client Service) → `127.0.0.1` and `REDIS_PORT` → the primary's.
/// Beside the rendered environment each member gets `PATH` and `POD_NAME`/`POD_NAMESPACE`, as the common renderer
/// provides them.
@Suite("Redis processes", .serialized)
struct RedisProcessTests {
    struct Member {
        let port: Int
        let environment: [String: String]
        let server: ServerProcess
        let readyScript: String
    }

    let rendered: RenderedDatastores
    let password: String

    init() throws {
        try TestEnvironment.requireBinaries(["redis-server", "redis-cli"])
        rendered = try RenderedDatastores()
        password = try rendered.connection(rendered.redis, "PASSWORD")
    }

    @Test("A primary and a replica start from the rendered command, require the password and replicate")
    func primaryAndReplica() async throws {
        try await withCleanup { cleanup in
            let primary = try await start(ordinal: 0, primaryPort: nil, cleanup: cleanup)
            let replica = try await start(ordinal: 1, primaryPort: primary.port, cleanup: cleanup)

            let authenticated = try await cli(primary, ["ping"], password: password)
            #expect(authenticated.output.trimmingCharacters(in: .whitespacesAndNewlines) == "PONG", "\(authenticated)")
            let anonymous = try await cli(primary, ["ping"], password: nil)
            #expect(anonymous.output.contains("NOAUTH"), "\(anonymous)")
            let wrong = try await cli(primary, ["ping"], password: String(password.reversed()))
            #expect(wrong.output.contains("WRONGPASS") || wrong.output.contains("AUTH failed"), "\(wrong)")
            let user = try await cli(primary, ["acl", "whoami"], password: password)
            #expect(
                user.output.trimmingCharacters(in: .whitespacesAndNewlines)
                    == (try rendered.connection(rendered.redis, "USERNAME")),
                "\(user)"
            )

            let persistence = try await cli(primary, ["config", "get", "appendonly"], password: password)
            #expect(persistence.output.contains("yes"), "\(persistence)")

            let set = try await cli(primary, ["set", "field:1", "north"], password: password)
            #expect(set.output.contains("OK"), "\(set)")
            let replicated = try await timed("redis key replicated") {
                try await poll {
                    try await cli(replica, ["get", "field:1"], password: password).output
                        .trimmingCharacters(in: .whitespacesAndNewlines) == "north"
                }
            }
            #expect(replicated)
            let readOnly = try await cli(replica, ["set", "field:2", "south"], password: password)
            #expect(readOnly.output.contains("READONLY"), "\(readOnly)")

            let backupDir = try TestEnvironment.temporaryFolder("redis-backup")
            await cleanup.track(backupDir)
            let backup = try #require(try rendered.profile(rendered.redis).backup)
            var environment = try rendered.resolve(backup.environment, podName: "backup")
            environment["REDIS_HOST"] = try #require(environment["REDIS_HOST"])
                .rewriting(rendered.redis.clientHost, with: "127.0.0.1")
            environment["REDIS_PORT"] = try #require(environment["REDIS_PORT"])
                .rewriting("6379", with: String(primary.port))
            environment["BACKUP_DIR"] = backupDir.path
            environment["PATH"] = TestEnvironment.path
            let outcome = try await timed("redis backup") {
                try await ProcessRunner.run(["/bin/sh", "-c", backup.script], environment: environment)
            }
            #expect(outcome.succeeded, "\(outcome)")
            #expect(!outcome.output.contains(password))
            let dump = try Data(contentsOf: backupDir.appendingPathComponent("dump.rdb"))
            #expect(dump.starts(with: Array("REDIS".utf8)))
        }
    }

    private func start(ordinal: Int32, primaryPort: Int?, cleanup: Cleanup) async throws -> Member {
        let identity = rendered.redis
        let profile = try rendered.profile(identity)
        let port = try FreePort.next()
        let root = try TestEnvironment.temporaryFolder("redis\(ordinal)")
        await cleanup.track(root)
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)

        var files = profile.configFiles
        files["redis.conf"] = try files["redis.conf", default: ""]
            .rewriting("dir \(profile.dataPath)", with: "dir \(data.path)")
            .rewriting("port 6379", with: "port \(port)")
        files["probe-ready.sh"] = try files["probe-ready.sh", default: ""].rewriting("-p 6379", with: "-p \(port)")
        try TestEnvironment.write(files, into: root)

        var command = try #require(profile.command).map { $0.replacing(profile.configPath, with: root.path) }
        command[command.count - 1] = try command[command.count - 1]
            .rewriting("'\(identity.memberHost(0))' 6379", with: "'127.0.0.1' \(primaryPort ?? port)")
        var environment = try rendered.resolve(profile.environment, podName: identity.podName(ordinal))
        environment["POD_NAME"] = identity.podName(ordinal)
        environment["POD_NAMESPACE"] = identity.namespace
        environment["PATH"] = TestEnvironment.path

        let server = try ProcessRunner.start(
            command,
            environment: environment,
            log: root.appendingPathComponent("redis.log")
        )
        await cleanup.track(server, stopSignal: SIGTERM)
        let member = Member(
            port: port,
            environment: environment,
            server: server,
            readyScript: root.appendingPathComponent("probe-ready.sh").path
        )
        // The rendered readiness probe: PONG with the password, and on the replica master_link_status:up.
        let ready = try await timed("redis member \(ordinal) ready") {
            try await poll {
                try await ProcessRunner.run(["/bin/sh", member.readyScript], environment: environment).succeeded
                    || !server.isRunning
            }
        }
        guard ready, server.isRunning else {
            throw ProcessTestError("redis member \(ordinal) did not become ready:\n\(server.output)")
        }
        return member
    }

    /// `redis-cli` against `member`, authenticated through `REDISCLI_AUTH` when `password` is given.
    private func cli(
        _ member: Member,
        _ arguments: [String],
        password: String?
    ) async throws
        -> ProcessRunner.Outcome
    {
        var environment = ["PATH": TestEnvironment.path]
        if let password { environment["REDISCLI_AUTH"] = password }
        return try await ProcessRunner.run(
            ["redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p", String(member.port)] + arguments,
            environment: environment
        )
    }
}
