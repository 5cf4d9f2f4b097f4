import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

#if canImport(Glibc)
import Glibc
#endif

/// Starts Debian's `rabbitmq-server` (3.10.8; the profile is rendered with version `3.10`) with the rendered
/// `rabbitmq.conf`, `enabled_plugins`, start-up check script, environment and backup script.
///
/// Rewrites, each because a Kubernetes pod provides something a loopback test cannot:
/// - `configPath` (`/etc/agri-operator`) and `dataPath` (`/var/lib/rabbitmq`, i.e. `HOME` and
///   `RABBITMQ_MNESIA_BASE`) become temporary folders; logs go to a temporary `RABBITMQ_LOG_BASE`, and
///   `RABBITMQ_CONFIG_FILES` points at an empty folder so the host's `/etc/rabbitmq/conf.d` is not read.
/// - The ports (`listeners.tcp.default`, `management.tcp.port`, `prometheus.tcp.port`) become free loopback ports;
///   `ERL_EPMD_PORT` and `RABBITMQ_DIST_PORT` are added with free ports so no system epmd or node is touched.
/// - `RABBITMQ_NODENAME` `rabbit@$(POD_NAME).<headless>.$(POD_NAMESPACE)` becomes `rabbit@127.0.0.1` (two nodes:
///   `rabbit-0@127.0.0.1`, `rabbit-1@127.0.0.1`, since both register with one epmd): still a long name
///   (`RABBITMQ_USE_LONGNAME=true` as rendered), but one that resolves without cluster DNS.
/// - `cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s` becomes `classic_config` (for the
///   cluster: with both node names listed). There is no API server here, and RabbitMQ 3.10 does not fall back to
///   a standalone node when the Kubernetes API is unreachable: it retries the startup lock
///   (`lock_retry_limit` × `lock_retry_timeout`, 10 × 30 s by default) and then fails to boot with
///   `cannot_acquire_startup_lock`. The `cluster_formation.k8s.*` lines stay, so the enabled plugin's schema still
///   validates them.
/// - Secret values come from ``GeneratedSecrets`` with a seeded generator, as `secretKeyRef` would deliver them.
/// - `PATH` starts with `/usr/lib/rabbitmq/bin` (Debian's `/usr/sbin` wrappers switch to the `rabbitmq` user).
/// - `RUNNING_UNDER_SYSTEMD=true` makes Debian's `rabbitmq-server` script `exec` the Erlang VM instead of keeping a
///   signal-forwarding shell, so the test's `Process` is the VM itself and cleanup can always kill it.
/// - The backup's `RABBITMQ_DEFINITIONS_URL` points at the node's management port instead of the client Service.
@Suite("RabbitMQ processes", .serialized)
struct RabbitMQProcessTests {
    @Test("One node starts with the rendered configuration and authenticates only the generated user")
    func singleNode() async throws {
        let fixture = try RabbitFixture(replicas: 3)
        defer { fixture.removeFolders() }
        let node = try fixture.node(name: "rabbit@127.0.0.1", epmdPort: try freePort(), classicNodes: [])
        defer { node.stop() }
        try node.start()
        let started = ContinuousClock.now
        try await node.waitUntilReady()
        print("RabbitMQ node ready after \(ContinuousClock.now - started)")

        let password = try #require(fixture.connection["PASSWORD"])
        #expect(fixture.connection["USERNAME"] == "app")
        let good = node.cli(["rabbitmqctl", "-q", "authenticate_user", "app", password])
        #expect(good.status == 0, "\(good.output)")
        let bad = node.cli(["rabbitmqctl", "-q", "authenticate_user", "app", password + "x"])
        #expect(bad.status != 0)
        let guest = node.cli(["rabbitmqctl", "-q", "authenticate_user", "guest", "guest"])
        #expect(guest.status != 0, "no guest user when a default user is configured")

        let partitions = node.cli(
            ["rabbitmqctl", "-q", "eval", "application:get_env(rabbit, cluster_partition_handling)."]
        )
        #expect(partitions.output.contains("{ok,pause_minority}"), "\(partitions.output)")
        let locator = node.cli(["rabbitmqctl", "-q", "eval", "application:get_env(rabbit, queue_leader_locator)."])
        #expect(locator.output.contains("balanced"), "\(locator.output)")

        let liveness = node.cli(try fixture.probeCommand(fixture.profile.livenessProbe, for: node))
        #expect(liveness.status == 0, "\(liveness.output)")
        // One running node of a target of three is not a majority: the start-up check must wait.
        let sizeCheck = node.cli(try fixture.probeCommand(fixture.profile.startupProbe, for: node))
        #expect(sizeCheck.status != 0, "\(sizeCheck.output)")
        #expect(sizeCheck.output.contains("1 of 3 members running"), "\(sizeCheck.output)")

        let backupDirectory = fixture.root.appending(path: "backup")
        try FileManager.default.createDirectory(at: backupDirectory, withIntermediateDirectories: true)
        let backup = try #require(fixture.profile.backup)
        var environment = node.environment
        environment["BACKUP_DIR"] = backupDirectory.path
        environment["RABBITMQ_DEFINITIONS_URL"] = "http://127.0.0.1:\(node.managementPort)/api/definitions"
        environment["RABBITMQ_USERNAME"] = "app"
        environment["RABBITMQ_PASSWORD"] = password
        let export = runProcess(["/bin/sh", "-c", backup.script], environment: environment)
        #expect(export.status == 0, "\(export.output)")
        #expect(!export.output.contains(password))
        let definitions = try String(contentsOf: backupDirectory.appending(path: "definitions.json"), encoding: .utf8)
        #expect(definitions.contains("\"name\":\"app\""))
    }

    @Test("Two nodes with the generated cookie and long names form one cluster, a majority of three")
    func twoNodeCluster() async throws {
        let fixture = try RabbitFixture(replicas: 3)
        defer { fixture.removeFolders() }
        let names = ["rabbit-0@127.0.0.1", "rabbit-1@127.0.0.1"]
        let epmdPort = try freePort()
        let nodes = try names.map { try fixture.node(name: $0, epmdPort: epmdPort, classicNodes: names) }
        defer { for node in nodes.reversed() { node.stop() } }
        let started = ContinuousClock.now
        for node in nodes { try node.start() }
        for node in nodes { try await node.waitUntilReady() }
        print("RabbitMQ two-node cluster ready after \(ContinuousClock.now - started)")

        for node in nodes {
            let status = node.cli(["rabbitmq-diagnostics", "-q", "cluster_status", "--formatter", "json"])
            for name in names { #expect(status.output.contains("\"\(name)\""), "\(status.output)") }
        }
        // Both nodes see two running members: a majority of the target three, so the start-up check passes.
        let checked = try await pollUntil(seconds: 60) {
            nodes.allSatisfy { node in
                (try? node.cli(fixture.probeCommand(fixture.profile.startupProbe, for: node)).status) == 0
            }
        }
        #expect(checked)
        let password = try #require(fixture.connection["PASSWORD"])
        let replicated = nodes[1].cli(["rabbitmqctl", "-q", "authenticate_user", "app", password])
        #expect(replicated.status == 0, "the default user created on first boot is known cluster-wide")
    }
}

/// The rendered profile and secrets, and temporary folders, shared by the nodes of one test.
private struct RabbitFixture {
    let profile: EngineProfile
    let identity: DatastoreIdentity
    let connection: [String: String]
    let credentials: [String: String]
    let root: URL

    init(replicas: Int32) throws {
        try Self.requireBinaries()
        var datastore = Datastore(name: "mq", engine: .rabbitMQ)
        datastore.version = "3.10"
        datastore.replicas = replicas
        let platform = AgriPlatform(
            metadata: ObjectMeta(name: "farm", namespace: "prod"),
            spec: AgriPlatformSpec(services: [PlatformService(name: "api", image: "api:1")], datastores: [datastore])
        )
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        identity = DatastoreIdentity(scope: scope, datastore: datastore)
        profile = try #require(EngineProfile.profile(for: identity))
        var generator = SeededGenerator(seed: 42)
        var connection: [String: String] = [:]
        var credentials: [String: String] = [:]
        for secret in try GeneratedSecrets.secrets(for: platform, using: &generator) {
            let data = (secret.json["stringData"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            if secret.name == identity.connectionSecretName { connection = data }
            if secret.name == identity.credentialsSecretName { credentials = data }
        }
        self.connection = connection
        self.credentials = credentials
        root = FileManager.default.temporaryDirectory.appending(path: "agri-rabbitmq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    static let binaries = "/usr/lib/rabbitmq/bin"

    func removeFolders() {
        try? FileManager.default.removeItem(at: root)
    }

    static func requireBinaries() throws {
        for tool in ["rabbitmq-server", "rabbitmqctl", "rabbitmq-diagnostics"]
        where !FileManager.default.isExecutableFile(atPath: "\(binaries)/\(tool)") {
            throw ProcessTestError(
                "\(binaries)/\(tool) is missing: run scripts/install-datastores (Debian rabbitmq-server)"
            )
        }
    }

    /// A node's folders, rewritten configuration and environment.
    func node(name: String, epmdPort: Int32, classicNodes: [String]) throws -> RabbitNode {
        let home = root.appending(path: name)
        let configDirectory = home.appending(path: "config")
        let confd = home.appending(path: "conf.d")
        for folder in [home, configDirectory, confd, home.appending(path: "log")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let amqp = try freePort()
        let management = try freePort()
        let prometheus = try freePort()
        for (file, text) in profile.configFiles {
            var contents = text.replacing(profile.configPath, with: configDirectory.path)
            if file == "rabbitmq.conf" {
                contents = contents.replacing("rabbit_peer_discovery_k8s\n", with: "classic_config\n")
                    .replacing("listeners.tcp.default = 5672", with: "listeners.tcp.default = \(amqp)")
                    .replacing("management.tcp.port = 15672", with: "management.tcp.port = \(management)")
                    .replacing("prometheus.tcp.port = 15692", with: "prometheus.tcp.port = \(prometheus)")
                for (index, node) in classicNodes.enumerated() {
                    contents += "cluster_formation.classic_config.nodes.\(index + 1) = \(node)\n"
                }
            }
            try contents.write(to: configDirectory.appending(path: file), atomically: true, encoding: .utf8)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "\(Self.binaries):\(environment["PATH"] ?? "/usr/bin:/bin")"
        for entry in profile.environment {
            guard let key = entry["name"]?.stringValue else { continue }
            if let value = entry["value"]?.stringValue {
                environment[key] = value.replacing(profile.configPath, with: configDirectory.path)
            } else if let reference = entry[path: ["valueFrom", "secretKeyRef"]],
                let secretKey = reference["key"]?.stringValue
            {
                let secret = reference["name"]?.stringValue == identity.credentialsSecretName ? credentials : connection
                guard let value = secret[secretKey] else {
                    throw ProcessTestError("no generated \(secretKey) for \(key)")
                }
                environment[key] = value
            }
        }
        environment["RABBITMQ_NODENAME"] = name
        environment["HOME"] = home.path
        environment["RABBITMQ_MNESIA_BASE"] = home.appending(path: "mnesia").path
        environment["RABBITMQ_LOG_BASE"] = home.appending(path: "log").path
        environment["RABBITMQ_CONFIG_FILES"] = confd.path
        environment["RUNNING_UNDER_SYSTEMD"] = "true"
        environment["ERL_EPMD_PORT"] = String(epmdPort)
        environment["RABBITMQ_DIST_PORT"] = String(try freePort())
        return RabbitNode(
            environment: environment,
            readiness: try Self.command(
                profile.readinessProbe,
                configPath: profile.configPath,
                rewrittenTo: configDirectory.path
            ),
            configDirectory: configDirectory,
            log: home.appending(path: "server.log"),
            managementPort: management
        )
    }

    /// A probe's exec command, with the config path rewritten to the node's.
    func probeCommand(_ probe: JSONValue?, for node: RabbitNode) throws -> [String] {
        try Self.command(probe, configPath: profile.configPath, rewrittenTo: node.configDirectory.path)
    }

    static func command(_ probe: JSONValue?, configPath: String, rewrittenTo path: String) throws -> [String] {
        let command = try #require(probe?[path: ["exec", "command"]]?.arrayValue)
        return command.compactMap { $0.stringValue?.replacing(configPath, with: path) }
    }
}

/// One `rabbitmq-server` process.
private final class RabbitNode: @unchecked Sendable {
    // Only the test's task touches a node; `@unchecked` because `Process` is not `Sendable`.
    let environment: [String: String]
    let readiness: [String]
    let configDirectory: URL
    let log: URL
    let managementPort: Int32
    private var process: Process?

    init(environment: [String: String], readiness: [String], configDirectory: URL, log: URL, managementPort: Int32) {
        self.environment = environment
        self.readiness = readiness
        self.configDirectory = configDirectory
        self.log = log
        self.managementPort = managementPort
    }

    func start() throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(filePath: "\(RabbitFixture.binaries)/rabbitmq-server")
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Polls the rendered readiness command for up to 120 s; fails with the server's log tail.
    func waitUntilReady() async throws {
        let ready = try await pollUntil(seconds: 120) { [self] in
            if let process, !process.isRunning { return true }
            return cli(readiness).status == 0
        }
        let exited = process.map { !$0.isRunning } ?? true
        if !ready || exited {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ProcessTestError("node did not become ready:\n\(text.suffix(4000))")
        }
    }

    func cli(_ arguments: [String]) -> (status: Int32, output: String) {
        runProcess(arguments, environment: environment)
    }

    /// Stops the node gracefully (`rabbitmqctl stop`, then SIGTERM), kills it after 60 s, then stops the epmd it
    /// started (epmd refuses while another node is still registered; the last node's stop ends it).
    func stop() {
        guard let process else { return }
        if process.isRunning { _ = cli(["rabbitmqctl", "-q", "stop"]) }
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { usleep(200_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = runProcess(["epmd", "-kill"], environment: environment)
        self.process = nil
    }
}

/// Runs a command (found on the environment's `PATH`) to completion; stdout and stderr together, through a file
/// (an `epmd -daemon` a CLI tool starts would keep a pipe open forever).
private func runProcess(_ arguments: [String], environment: [String: String]) -> (status: Int32, output: String) {
    let outputFile = FileManager.default.temporaryDirectory.appending(path: "agri-rabbitmq-cli-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outputFile) }
    guard FileManager.default.createFile(atPath: outputFile.path, contents: nil),
        let handle = try? FileHandle(forWritingTo: outputFile)
    else { return (-1, "cannot create \(outputFile.path)") }
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return (-1, "\(error)") }
    process.waitUntilExit()
    let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    return (process.terminationStatus, output)
}

/// Polls `condition` once a second until it holds or `seconds` pass.
private func pollUntil(seconds: Int, _ condition: @Sendable () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .seconds(1))
    }
    return try condition()
}

/// A free loopback port, as the configuration files write ports.
private func freePort() throws -> Int32 { Int32(try FreePort.next()) }
