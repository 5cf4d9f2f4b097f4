import Foundation
import KubeTestServer
import Testing

/// `agri-operator run` as an operations team meets it: the built binary against KubeTestServer, real kubectl to
/// install the CRD, the probe and metrics endpoints over HTTP, JSON logs on standard error, SIGTERM to stop.
@Suite("agri-operator run", .serialized, .timeLimit(.minutes(3)))
struct RunCommandTests {
    /// Flags that keep a test process off the default ports, so tests never collide with each other or anything
    /// else on the machine: port 0, and the process logs which port it got.
    static let loopbackPorts = ["--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0"]

    @Test("run --help lists every flag")
    func help() async throws {
        let result = try await AgriOperatorCLITests.run(["run", "--help"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let flags = [
            "--kubeconfig", "--context", "--namespace", "--leader-elect", "--leader-election-id",
            "--leader-election-namespace", "--metrics-bind-address", "--health-probe-bind-address",
            "--max-concurrent-reconciles", "--list-page-size", "--resync-period", "--log-format", "--log-level",
            "--field-manager",
            "--http2",
        ]
        for flag in flags {
            #expect(result.stdout.contains(flag + " "), "\(flag) in:\n\(result.stdout)")
        }
        for variable in ["KUBECONFIG", "WATCH_NAMESPACE", "POD_NAMESPACE", "POD_NAME"] {
            #expect(result.stdout.contains(variable), "\(variable) documented")
        }
    }

    struct BadFlags: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(
        "a bad flag is rejected with a message naming it and exit status 64",
        arguments: [
            BadFlags(arguments: ["--log-format", "xml"], message: "'xml' is invalid for '--log-format"),
            BadFlags(arguments: ["--log-level", "loud"], message: "'loud' is invalid for '--log-level"),
            BadFlags(
                arguments: ["--max-concurrent-reconciles", "0"],
                message: "--max-concurrent-reconciles must be at least 1 (got 0)"
            ),
            BadFlags(arguments: ["--list-page-size", "0"], message: "--list-page-size must be at least 1 (got 0)"),
            BadFlags(arguments: ["--resync-period=-5"], message: "--resync-period must be 0"),
            BadFlags(
                arguments: ["--leader-elect"],
                message: "--leader-elect needs a namespace for its Lease: pass --leader-election-namespace"
            ),
            BadFlags(
                arguments: [
                    "--leader-elect", "--leader-election-namespace", "x", "--leader-election-id", "Not_A_Name",
                ],
                message: "--leader-election-id \"Not_A_Name\" is not a valid Lease name"
            ),
            BadFlags(arguments: ["--metrics-bind-address", "8080"], message: "--metrics-bind-address: \"8080\""),
            BadFlags(arguments: ["--health-probe-bind-address", ":99999"], message: "must be a number from 0"),
            BadFlags(arguments: ["--namespace", "Farmers"], message: "--namespace \"Farmers\" is not a namespace"),
            BadFlags(arguments: ["--field-manager", ""], message: "--field-manager must have 1 to 128 characters"),
        ]
    )
    func badFlags(_ case: BadFlags) async throws {
        let result = try await AgriOperatorCLITests.run(["run"] + `case`.arguments)
        #expect(result.status == 64, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(`case`.message), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("without the CRD, run exits 1 with one line saying how to install it")
    func crdMissing() async throws {
        try await withKubectl { kubectl, _ in
            let running = try RunningOperator(["--kubeconfig", kubectl.kubeconfig] + Self.loopbackPorts)
            let status = await running.exitStatus()
            #expect(status == 1)
            let lines = running.lines.filter { !$0.isEmpty }
            #expect(lines.count == 1, "one line: \(lines)")
            #expect(
                lines.first?.hasPrefix("agri-operator run: ") == true
                    && lines.first?.contains("install the CRD: kubectl apply --server-side -f crds/") == true,
                "\(lines)"
            )
        }
    }

    @Test("with an API server that does not answer, run exits 1 with one line naming the server")
    func serverUnreachable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let server = try await KubeTestServer.start()
        try server.writeKubeconfig(to: kubeconfig)
        try await server.shutdown()

        let running = try RunningOperator(["--kubeconfig", kubeconfig] + Self.loopbackPorts)
        let status = await running.exitStatus()
        #expect(status == 1)
        let lines = running.lines.filter { !$0.isEmpty }
        #expect(lines.count == 1, "one line: \(lines)")
        #expect(lines.first?.contains("cannot reach the Kubernetes API server at \(server.url)") == true, "\(lines)")
    }

    @Test("without any configuration, run exits 1 saying what it tried")
    func noConfiguration() async throws {
        let running = try RunningOperator(Self.loopbackPorts)
        #expect(await running.exitStatus() == 1)
        let lines = running.lines.filter { !$0.isEmpty }
        #expect(lines.count == 1, "one line: \(lines)")
        #expect(lines.first?.contains("no usable Kubernetes configuration") == true, "\(lines)")
    }

    @Test("run serves healthz, readyz once synced and metrics, logs JSON, and exits 0 on SIGTERM")
    func runsAndStops() async throws {
        try await withKubectl { kubectl, _ in
            try await AgriPlatformKubectlTests.installCRD(kubectl)
            let example = PackageFiles.root.appendingPathComponent("examples/minimal.yaml").path
            try await kubectl.succeed(["apply", "--server-side", "-f", example])

            let running = try RunningOperator(
                ["--kubeconfig", kubectl.kubeconfig, "--log-level", "debug", "--list-page-size", "7"]
                    + Self.loopbackPorts
            )
            let probes = try #require(await running.endpointURL(serving: "health"), "\(running.lines)")
            let metrics = try #require(await running.endpointURL(serving: "metrics"), "\(running.lines)")

            let ready = await running.poll { await RunningOperator.get(probes, "/readyz")?.status == 200 }
            let readiness = await RunningOperator.get(probes, "/readyz?verbose")
            #expect(ready, "readyz: \(readiness.debugDescription)")
            let healthz = await RunningOperator.get(probes, "/healthz?verbose")
            #expect(healthz?.status == 200)
            #expect(healthz?.body.contains("[+]manager ok") == true, "\(healthz.debugDescription)")
            #expect(readiness?.body.contains("[+]informers ok") == true, "\(readiness.debugDescription)")
            #expect(await RunningOperator.get(probes, "/metrics")?.status == 404, "metrics only on the metrics port")

            var scraped = ""
            let hasSeries = await running.poll {
                scraped = await RunningOperator.get(metrics, "/metrics")?.body ?? ""
                return scraped.contains("controller_runtime_reconcile_total")
                    && scraped.contains("workqueue_adds_total")
            }
            #expect(hasSeries, "metrics:\n\(scraped)")
            #expect(scraped.contains("controller_runtime_max_concurrent_reconciles"), "metrics:\n\(scraped)")
            // The release gauges the chart's alerts read, computed from the cached platform once it has a status.
            let releaseSeries =
                #"agriplatform_release_failed{namespace="default",agriplatform="hello",service="web"} 0"#
            let hasRelease = await running.poll {
                scraped = await RunningOperator.get(metrics, "/metrics")?.body ?? ""
                return scraped.contains(releaseSeries)
                    && scraped.contains("# TYPE agriplatform_release_progressing gauge")
            }
            #expect(hasRelease, "metrics:\n\(scraped)")

            let status = await running.stop(with: SIGTERM)
            #expect(status == 0, "logs:\n\(running.lines.joined(separator: "\n"))")
            let lines = running.lines.filter { !$0.isEmpty }
            #expect(lines.count == running.records.count, "every line is a JSON object:\n\(lines)")
            for record in running.records {
                #expect(record["ts"] is String && record["level"] is String && record["msg"] is String)
            }
            let starting = try #require(running.records(withMessage: "starting").first)
            #expect(starting["leaderElection"] as? String == "off")
            #expect(starting["http"] as? String == "HTTP/1.1", "HTTP/1.1 unless --http2")
            #expect(starting["listPageSize"] as? String == "7", "\(starting)")
            #expect(running.records(withMessage: "stopped").count == 1)
        }
    }

    @Test("metrics and probes on the same address share one server (and the client speaks HTTP/2 with --http2)")
    func sharedAddress() async throws {
        try await withKubectl { kubectl, _ in
            try await AgriPlatformKubectlTests.installCRD(kubectl)
            let port = try Self.freePort()
            let address = "127.0.0.1:\(port)"
            let running = try RunningOperator([
                "--kubeconfig", kubectl.kubeconfig, "--metrics-bind-address", address,
                "--health-probe-bind-address", address, "--log-format", "text", "--http2",
            ])
            let base = try #require(URL(string: "http://\(address)"))
            let ready = await running.poll { await RunningOperator.get(base, "/readyz")?.status == 200 }
            #expect(ready, "\(running.lines)")
            #expect(await RunningOperator.get(base, "/metrics")?.body.contains("workqueue_") == true)
            #expect(await running.stop(with: SIGINT) == 0, "\(running.lines)")
            #expect(running.records.isEmpty, "text logs are not JSON: \(running.lines)")
            #expect(running.lines.contains { $0.contains("serving operational endpoints") })
        }
    }

    @Test("of two run --leader-elect processes exactly one leads, and the other takes over when it stops")
    func leaderElection() async throws {
        try await withKubectl { kubectl, _ in
            try await AgriPlatformKubectlTests.installCRD(kubectl)
            let arguments = ["--kubeconfig", kubectl.kubeconfig, "--leader-elect"] + Self.loopbackPorts
            let first = try RunningOperator(arguments, environment: ["POD_NAME": "op-a", "POD_NAMESPACE": "default"])
            let second = try RunningOperator(arguments, environment: ["POD_NAME": "op-b", "POD_NAMESPACE": "default"])
            let lease = ["get", "lease", "agri-operator.agriplatform.io", "-n", "default"]

            var holder = ""
            let held = await first.poll {
                let result = try? await kubectl.run(lease + ["-o", "jsonpath={.spec.holderIdentity}"])
                holder = result?.status == 0 ? result?.stdout ?? "" : ""
                return !holder.isEmpty
            }
            #expect(held, "a holder; logs:\n\(first.lines)\n\(second.lines)")
            let (leader, follower) = holder.hasPrefix("op-a_") ? (first, second) : (second, first)
            #expect(holder.hasPrefix("op-a_") || holder.hasPrefix("op-b_"), "holder \(holder)")
            let leaderLogged = await leader.poll {
                !leader.records(withMessage: "leader election: started leading").isEmpty
            }
            #expect(leaderLogged)
            #expect(follower.records(withMessage: "leader election: started leading").isEmpty)

            let followerProbes = try #require(await follower.endpointURL(serving: "health"))
            let followerReady = await follower.poll {
                await RunningOperator.get(followerProbes, "/readyz")?.status == 200
            }
            #expect(followerReady, "a follower is ready: its caches are warm")

            #expect(await leader.stop(with: SIGTERM) == 0, "\(leader.lines)")
            #expect(
                leader.records(withMessage: "leader election: lease released").first?["released"] as? String == "true"
            )
            let tookOver = await follower.poll {
                !follower.records(withMessage: "leader election: started leading").isEmpty
            }
            #expect(tookOver, "\(follower.lines)")
            let newHolder = try await kubectl.succeed(lease + ["-o", "jsonpath={.spec.holderIdentity}"])
            #expect(newHolder != holder && !newHolder.isEmpty, "\(holder) -> \(newHolder)")
            #expect(await follower.stop(with: SIGTERM) == 0, "\(follower.lines)")
        }
    }

    @Test("a metrics port already in use stops run with exit status 1 and a line naming the address")
    func portInUse() async throws {
        try await withKubectl { kubectl, _ in
            try await AgriPlatformKubectlTests.installCRD(kubectl)
            let (socket, port) = try Self.boundSocket(listening: true)
            defer { close(socket) }
            let running = try RunningOperator([
                "--kubeconfig", kubectl.kubeconfig, "--metrics-bind-address", "127.0.0.1:\(port)",
                "--health-probe-bind-address", "127.0.0.1:0",
            ])
            #expect(await running.exitStatus() == 1)
            let last = running.lines.last { !$0.isEmpty } ?? ""
            #expect(
                last.hasPrefix("agri-operator run: cannot serve metrics on 127.0.0.1:\(port): "),
                "\(running.lines)"
            )
        }
    }

    /// A loopback port nothing listens on right now (bound, read, closed).
    static func freePort() throws -> Int {
        let (socket, port) = try boundSocket(listening: false)
        close(socket)
        return port
    }

    /// A TCP socket bound to a free loopback port, listening if asked; the caller closes it.
    static func boundSocket(listening: Bool) throws -> (socket: Int32, port: Int) {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard bound == 0, named == 0, !listening || listen(socket, 1) == 0 else {
            close(socket)
            throw SocketError(errno: errno)
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    struct SocketError: Error {
        var errno: Int32
    }
}
