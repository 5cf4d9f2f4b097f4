import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

/// One PostgreSQL member started from the rendered profile on a loopback port, as the `postgres` user.
///
/// Rewrites of the rendered text (each fails the test if its target is missing):
/// - `configPath` (`/etc/agri-operator`) → a temporary config folder, in every file and in `args`;
/// - `port = 5432` in `postgresql.conf` → the member's free port;
/// - `-p 5432` in `probe-ready.sh` → the member's port (the probe runs against the member, as in its pod);
/// - in `clone-primary.sh`, member 0's host name → `127.0.0.1` and `primary_port=5432` → the primary's port;
/// - `PGDATA`'s `dataPath` prefix (`/var/lib/postgresql/data`) → a temporary data folder;
/// - the `init-extensions.sql` `subPath` mount → a file of that name in a temporary `initdb.d` folder.
///
/// Stand-in for the image's entrypoint: the official `docker-entrypoint.sh` is not on a Debian machine, so
/// ``entrypointStandIn`` does what it does on a first start (`initdb` with `POSTGRES_USER` and the password from
/// `POSTGRES_PASSWORD` through a password file, a socket-only temporary server started with the rendered
/// arguments plus `listen_addresses=''`, `CREATE DATABASE "$POSTGRES_DB"`, every `*.sql` of the init folder with
/// `psql -v ON_ERROR_STOP=1` against `POSTGRES_DB`, a fast stop) and then `exec`s the rendered arguments. Beside the
/// rendered environment it gets `PATH` (PostgreSQL 15's programs first), `HOME`, `PGPORT` (the stand-in's socket
/// connections; the image uses 5432) and `INITDB_DIR`, plus `POD_NAME`/`POD_NAMESPACE` as the common renderer
/// provides them.
struct PostgreSQLMember {
    let ordinal: Int32
    let port: Int
    let environment: [String: String]
    let server: ServerProcess
    let readyScript: String

    static let entrypointStandIn = """
        #!/bin/sh
        # Stand-in for the postgres image's docker-entrypoint.sh: its first-start steps, then exec "$@".
        set -eu
        if [ "$1" = "postgres" ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
            mkdir -p "$PGDATA"
            chmod 0700 "$PGDATA"
            pwfile=$(mktemp)
            printf '%s\\n' "$POSTGRES_PASSWORD" > "$pwfile"
            initdb --username="$POSTGRES_USER" --pwfile="$pwfile" -D "$PGDATA" > /dev/null
            rm -f "$pwfile"
            shift
            pg_ctl -D "$PGDATA" -o "$* -c listen_addresses=''" -w start > /dev/null
            psql -v ON_ERROR_STOP=1 -X -q --no-password -U "$POSTGRES_USER" -d postgres \\
                -c "CREATE DATABASE \\"$POSTGRES_DB\\""
            for f in "$INITDB_DIR"/*; do
                case "$f" in
                    *.sql) psql -v ON_ERROR_STOP=1 -X -q --no-password -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" ;;
                esac
            done
            pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
            set -- postgres "$@"
        fi
        exec "$@"

        """

    /// Starts member `ordinal` (0 = primary; ≥ 1 runs the rendered `clone-primary` init container first).
    static func start(
        ordinal: Int32,
        rendered: RenderedDatastores,
        primaryPort: Int?,
        cleanup: Cleanup
    ) async throws -> PostgreSQLMember {
        let identity = rendered.postgres
        let profile = try rendered.profile(identity)
        let port = try FreePort.next()
        let root = try TestEnvironment.temporaryFolder("pg\(ordinal)", owner: "postgres")
        await cleanup.track(root)
        let config = root.appendingPathComponent("config")
        let data = root.appendingPathComponent("data")
        let initFolder = root.appendingPathComponent("initdb.d")
        for folder in [config, data, initFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try TestEnvironment.chown(folder.path, to: "postgres")
        }
        try ensureSocketFolder()

        var files: [String: String] = [:]
        for (name, contents) in profile.configFiles {
            files[name] = contents.replacing(profile.configPath, with: config.path)
        }
        files["postgresql.conf"] = try files["postgresql.conf", default: ""]
            .rewriting("port = 5432", with: "port = \(port)")
        files["probe-ready.sh"] = try files["probe-ready.sh", default: ""].rewriting("-p 5432", with: "-p \(port)")
        files["clone-primary.sh"] = try files["clone-primary.sh", default: ""]
            .rewriting(identity.memberHost(0), with: "127.0.0.1")
            .rewriting("primary_port=5432", with: "primary_port=\(primaryPort ?? port)")
        try TestEnvironment.write(files, into: config)
        for mount in profile.extraVolumeMounts {
            guard let subPath = mount["subPath"]?.stringValue, let mountPath = mount["mountPath"]?.stringValue
            else { continue }
            let name = String(mountPath.split(separator: "/").last ?? "")
            try TestEnvironment.write([name: files[subPath, default: ""]], into: initFolder)
        }
        let standIn = root.appendingPathComponent("docker-entrypoint.sh")
        try TestEnvironment.write([standIn.lastPathComponent: entrypointStandIn], into: root)

        let podName = identity.podName(ordinal)
        func environment(_ entries: [JSONValue]) throws -> [String: String] {
            var environment = try rendered.resolve(entries, podName: podName)
            if let pgdata = environment["PGDATA"] {
                environment["PGDATA"] = try pgdata.rewriting(profile.dataPath, with: data.path)
            }
            environment["PATH"] = TestEnvironment.path
            environment["HOME"] = root.path
            return environment
        }
        var mainEnvironment = try environment(profile.environment)
        mainEnvironment["POD_NAME"] = podName
        mainEnvironment["POD_NAMESPACE"] = identity.namespace
        mainEnvironment["PGPORT"] = String(port)
        mainEnvironment["INITDB_DIR"] = initFolder.path

        for container in profile.initContainers {
            let command = try #require(container["command"]?.arrayValue).compactMap(\.stringValue)
                .map { $0.replacing(profile.configPath, with: config.path) }
            let outcome = try await timed("postgres member \(ordinal) init container") {
                try await ProcessRunner.run(
                    command,
                    environment: try environment(container["env"]?.arrayValue ?? []),
                    user: "postgres"
                )
            }
            guard outcome.succeeded else { throw ProcessTestError("init container failed: \(outcome)") }
        }

        let args = try #require(profile.args).map { $0.replacing(profile.configPath, with: config.path) }
        let server = try ProcessRunner.start(
            ["/bin/sh", standIn.path] + args,
            environment: mainEnvironment,
            user: "postgres",
            log: root.appendingPathComponent("postgres.log")
        )
        await cleanup.track(server, stopSignal: SIGINT)
        let member = PostgreSQLMember(
            ordinal: ordinal,
            port: port,
            environment: mainEnvironment,
            server: server,
            readyScript: config.appendingPathComponent("probe-ready.sh").path
        )
        let ready = try await timed("postgres member \(ordinal) ready") {
            try await poll { try await member.isReady() || !server.isRunning }
        }
        guard ready, server.isRunning else {
            throw ProcessTestError("postgres member \(ordinal) did not become ready:\n\(server.output)")
        }
        return member
    }

    /// The rendered readiness probe, run as the container user with the container's environment.
    func isReady() async throws -> Bool {
        try await ProcessRunner.run(["/bin/sh", readyScript], environment: environment, user: "postgres").succeeded
    }

    /// Runs `sql` over TCP on this member as `user` with `password`.
    func psql(
        _ sql: String,
        user: String,
        password: String,
        database: String
    ) async throws
        -> ProcessRunner.Outcome
    {
        try await ProcessRunner.run(
            [
                "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "--no-password", "-h", "127.0.0.1", "-p",
                String(port), "-U", user, "-d", database, "-c", sql,
            ],
            environment: [
                "PATH": TestEnvironment.path, "PGPASSWORD": password, "PGCONNECT_TIMEOUT": "5", "HOME": "/tmp",
            ]
        )
    }

    /// `/var/run/postgresql`, the rendered socket folder, exists on Debian once the server package is installed;
    /// make sure it does and that `postgres` may write it.
    private static func ensureSocketFolder() throws {
        let path = "/var/run/postgresql"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try TestEnvironment.chown(path, to: "postgres")
    }
}
