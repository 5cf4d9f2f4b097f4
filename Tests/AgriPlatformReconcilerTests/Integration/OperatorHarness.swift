import AgriPlatformAPI
import AgriPlatformReconciler
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import TestSupport
import Testing
import Yams

/// A KubeTestServer with simulated workloads, the AgriPlatform CRD installed, and operators that can be started and
/// stopped (killed) at will: the world the reconciler's end-to-end tests run in.
struct OperatorHarness {
    static let namespace = "farm"
    /// The user agent of the operator's client, to single out its requests in the server's request log.
    static let operatorAgent = "agri-operator"

    let cluster: TestCluster
    var server: KubeTestServer { cluster.server }
    var client: KubeClient { cluster.client }

    /// Runs `body` with a fresh server (workload simulation on), the CRD installed and the namespace created.
    static func with(_ body: (OperatorHarness) async throws -> Void) async throws {
        var configuration = KubeTestServer.Configuration()
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(50)
        configuration.simulation = simulation
        try await TestCluster.with(configuration) { cluster in
            _ = try await cluster.client.create(AgriPlatformCRD.definition())
            _ = try await cluster.client.create(Namespace(metadata: ObjectMeta(name: namespace)))
            try await body(OperatorHarness(cluster: cluster))
        }
    }

    /// A running operator: its controller and event recorder, stopped by ``stop()``.
    struct RunningOperator {
        let tasks: [Task<Void, any Error>]

        /// Stops the operator the hard way — cancelled at whatever step it was — and waits until it is gone.
        func stop() async {
            for task in tasks { task.cancel() }
            for task in tasks { _ = await task.result }
        }
    }

    /// Starts an operator whose requests carry `userAgent`; with `leaseName`, it reconciles only while it holds
    /// that Lease (leader election through a ``ControllerManager``, as `agri-operator run --leader-elect` does).
    func startOperator(
        userAgent: String = operatorAgent,
        resyncPeriod: Duration? = nil,
        listPageSize: Int? = nil,
        leaseName: String? = nil,
        logs: CapturedLogs? = nil
    ) async throws -> RunningOperator {
        let client = try cluster.makeClient(userAgent: userAgent)
        let recorder = EventRecorder(
            client: client,
            configuration: EventRecorder.Configuration(
                aggregator: EventAggregator.Configuration(
                    reportingController: "agri-operator",
                    reportingInstance: userAgent
                )
            )
        )
        var configuration = AgriPlatformReconciler.Configuration()
        configuration.resyncPeriod = resyncPeriod
        if let listPageSize { configuration.listPageSize = listPageSize }
        var logger =
            logs.map { logs in Logger(label: "agri-operator.test") { _ in logs.handler() } }
            ?? Logger(label: "agri-operator.test")
        logger.logLevel = logs == nil ? .warning : .trace
        let reconciler = AgriPlatformReconciler(
            client: client,
            recorder: recorder,
            configuration: configuration,
            logger: logger
        )
        let controller = try await reconciler.makeController()
        var elector: LeaderElector?
        if let leaseName {
            elector = LeaderElector(
                client: client,
                leaseName: leaseName,
                leaseNamespace: Self.namespace,
                configuration: try LeaderElectionStateMachine.Configuration(
                    identity: userAgent,
                    leaseDuration: .seconds(3),
                    renewDeadline: .seconds(2),
                    retryPeriod: .milliseconds(500)
                ),
                releaseOnCancel: false
            )
        }
        let manager = ControllerManager(controllers: [controller], leaderElector: elector)
        let tasks = [
            Task { try await recorder.run() },
            Task { try await manager.run() },
        ]
        return RunningOperator(tasks: tasks)
    }

    /// Creates `platform` in the test namespace.
    @discardableResult
    func create(_ platform: AgriPlatform) async throws -> AgriPlatform {
        var platform = platform
        platform.metadata.namespace = Self.namespace
        return try await client.create(platform)
    }

    /// The platform called `name`, as stored.
    func platform(_ name: String) async throws -> AgriPlatform {
        try await client.get(AgriPlatform.self, name: name, namespace: Self.namespace)
    }

    /// Changes the platform's spec (or metadata) with a read-modify-write, retrying on conflicts.
    func update(_ name: String, _ change: (inout AgriPlatform) -> Void) async throws {
        for _ in 0..<10 {
            var platform = try await platform(name)
            change(&platform)
            do {
                _ = try await client.update(platform)
                return
            } catch let error as KubeError where error.code == .conflict {
                continue
            }
        }
        Issue.record("could not update \(name): conflicts")
    }

    /// Waits until the platform reports `Ready=True` for its current generation.
    func waitUntilReady(_ name: String, timeout: Duration = .seconds(30)) async throws {
        try await poll("\(name) is Ready", timeout: timeout) {
            let platform = try await platform(name)
            let ready = platform.status?.conditions?[type: "Ready"]
            return ready?.status == "True" && platform.status?.observedGeneration == platform.metadata.generation
        }
    }

    /// The Deployment called `name` in the test namespace, or `nil`.
    func deployment(_ name: String) async throws -> Deployment? {
        do {
            return try await client.get(Deployment.self, name: name, namespace: Self.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }

    /// Whether an object of `resource` called `name` exists in the test namespace.
    func exists(_ resource: ResourceDescriptor, _ name: String) async throws -> Bool {
        do {
            _ = try await client.get(resource, name: name, namespace: Self.namespace)
            return true
        } catch let error as KubeError where error.code == .notFound {
            return false
        }
    }

    /// The write requests the operator sent since the log was last reset, as `verb resource/name` lines.
    func operatorWrites(userAgent: String = operatorAgent) -> [String] {
        server.requestLog.entries
            .filter { $0.isWrite && $0.userAgent?.hasPrefix(userAgent) == true }
            .map { "\($0.verb) \($0.resource ?? "")\($0.subresource.map { "/\($0)" } ?? "")/\($0.name ?? "")" }
    }

    /// The example `name` from `examples/`, in the test namespace.
    static func example(_ name: String) throws -> AgriPlatform {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("examples/\(name).yaml"), encoding: .utf8)
        let yaml = try Yams.load(yaml: text) ?? [:]
        var platform = try KubeJSON.decode(AgriPlatform.self, from: try JSONSerialization.data(withJSONObject: yaml))
        platform.metadata.namespace = namespace
        return platform
    }

    /// The names of the examples in `examples/`.
    static func exampleNames() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("examples").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A one-service platform.
    static func platform(
        _ name: String,
        services: [PlatformService] = [PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")]
    ) -> AgriPlatform {
        AgriPlatform(metadata: ObjectMeta(name: name, namespace: namespace), spec: AgriPlatformSpec(services: services))
    }
}

/// Every line an operator logged, with its metadata, for tests that check what is never logged.
final class CapturedLogs: Sendable {
    private let lines = Locked<[String]>([])

    /// Everything logged so far, one entry per line.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func handler() -> some LogHandler { Handler(logs: self) }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            logs.append("\(event.level) \(event.message) \(merged) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}
