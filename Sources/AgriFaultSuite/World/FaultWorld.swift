import AgriPlatformAPI
import AgriPlatformReconciler
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import Synchronization

/// A KubeTestServer with simulated workloads and the AgriPlatform CRD, a client for the suite's own reads and
/// writes, and operators started and killed at will: the world one scenario run lives in.
///
/// The minimal part of the reconciler tests' `OperatorHarness` the suite needs, without Swift Testing.
final class FaultWorld: Sendable {
    /// The namespace every platform lives in.
    static let namespace = "farm"
    /// The `User-Agent` prefix of every operator; faults aimed at the operator match it.
    static let operatorAgent = "agri-operator"

    let server: KubeTestServer
    /// The suite's own client (user agent `fault-suite`), never targeted by faults aimed at the operator.
    let client: KubeClient
    private let clients = Mutex<[KubeClient]>([])

    private init(server: KubeTestServer, client: KubeClient) {
        self.server = server
        self.client = client
    }

    /// Runs `body` in a fresh world, shut down afterwards even when `body` throws.
    static func with<Result: Sendable>(_ body: (FaultWorld) async throws -> Result) async throws -> Result {
        var configuration = KubeTestServer.Configuration()
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(50)
        configuration.simulation = simulation
        let server = try await KubeTestServer.start(configuration)
        let world: FaultWorld
        do {
            world = FaultWorld(server: server, client: try makeClient(server, userAgent: "fault-suite"))
            _ = try await world.client.create(AgriPlatformCRD.definition())
            _ = try await world.client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        } catch {
            try? await server.shutdown()
            throw error
        }
        do {
            let result = try await body(world)
            await world.shutdown()
            return result
        } catch {
            await world.shutdown()
            throw error
        }
    }

    /// A client that never retries by itself, identified by `userAgent`, shut down with the world.
    func makeClient(userAgent: String) throws -> KubeClient {
        let client = try Self.makeClient(server, userAgent: userAgent)
        clients.withLock { $0.append(client) }
        return client
    }

    private static func makeClient(_ server: KubeTestServer, userAgent: String) throws -> KubeClient {
        guard let url = URL(string: server.url) else { throw FaultSuiteError.setUp("server URL \(server.url)") }
        var configuration = ClientConfiguration(
            server: url,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        configuration.retryPolicy = .never
        configuration.userAgent = userAgent
        return try KubeClient(configuration: configuration)
    }

    private func shutdown() async {
        for extra in clients.withLock({ $0 }) { try? await extra.shutdown() }
        try? await client.shutdown()
        try? await server.shutdown()
    }

    /// Starts an operator whose requests carry `userAgent`; with `leaseName` it reconciles only while it holds that
    /// Lease (3 s lease, 2 s renew deadline, 0.5 s retry period), as `agri-operator run --leader-elect` does.
    func startOperator(userAgent: String = operatorAgent, leaseName: String? = nil) async throws -> OperatorInstance {
        let client = try makeClient(userAgent: userAgent)
        var logger = Logger(label: "agri-operator.faults")
        logger.logLevel = .critical  // Faults make operators log errors by design; the table tells the story.
        let recorder = EventRecorder(
            client: client,
            configuration: EventRecorder.Configuration(
                aggregator: EventAggregator.Configuration(
                    reportingController: "agri-operator",
                    reportingInstance: userAgent
                )
            ),
            logger: logger
        )
        let reconciler = AgriPlatformReconciler(
            client: client,
            recorder: recorder,
            configuration: AgriPlatformReconciler.Configuration(),
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
        return OperatorInstance(
            userAgent: userAgent,
            tasks: [Task { try await recorder.run() }, Task { try await manager.run() }]
        )
    }

    /// Creates `platform` in the namespace.
    func create(_ platform: AgriPlatform) async throws {
        var platform = platform
        platform.metadata.namespace = Self.namespace
        _ = try await client.create(platform)
    }

    /// The platform called `name`.
    func platform(_ name: String) async throws -> AgriPlatform {
        try await client.get(AgriPlatform.self, name: name, namespace: Self.namespace)
    }

    /// Changes the platform with a read-modify-write, retrying on conflicts.
    func update(_ name: String, _ change: @Sendable (inout AgriPlatform) -> Void) async throws {
        for _ in 0..<20 {
            var platform = try await platform(name)
            change(&platform)
            do {
                _ = try await client.update(platform)
                return
            } catch let error as KubeError where error.code == .conflict {
                continue
            }
        }
        throw FaultSuiteError.timedOut("\(name) could be updated without a conflict")
    }

    /// Whether the platform is `Ready=True` at its generation and every service's release is finished (healthy,
    /// the desired revision stable).
    func isSettled(_ name: String) async throws -> Bool {
        let platform = try await platform(name)
        let ready = platform.status?.conditions?[type: "Ready"]
        guard ready?.status == "True", platform.status?.observedGeneration == platform.metadata.generation else {
            return false
        }
        return (platform.status?.services ?? []).allSatisfy { service in
            guard let rollout = service.rollout else { return true }
            return rollout.phase == .healthy && rollout.desiredRevision == rollout.stableRevision
        }
    }

    /// Waits until every platform in `names` is settled (``isSettled(_:)``).
    ///
    /// - Throws: ``FaultSuiteError/timedOut(_:)`` naming each platform that is not, with what its status says.
    func waitUntilSettled(_ names: [String], timeout: Duration = .seconds(90)) async throws {
        do {
            try await poll("\(names.joined(separator: ", ")) Ready with finished releases", timeout: timeout) {
                for name in names where try await !isSettled(name) { return false }
                return true
            }
        } catch let error as FaultSuiteError {
            var states: [String] = []
            for name in names where (try? await isSettled(name)) != true {
                states.append(await describe(name))
            }
            throw FaultSuiteError.timedOut("\(error): not settled: \(states.joined(separator: "; "))")
        }
    }

    /// What the platform's status says, in one line: generations, Ready, and each release's phase and message.
    func describe(_ name: String) async -> String {
        guard let platform = try? await platform(name) else { return "\(name): cannot be read" }
        let ready = platform.status?.conditions?[type: "Ready"]
        let releases = (platform.status?.services ?? []).compactMap { service in
            service.rollout.map { "\(service.name) \($0.phase?.rawValue ?? "-"): \($0.message ?? "")" }
        }
        return "\(name) generation \(platform.metadata.generation ?? 0) observed "
            + "\(platform.status?.observedGeneration ?? 0), Ready \(ready?.status ?? "-") \(ready?.reason ?? "") "
            + "\(ready?.message ?? ""), \(releases.joined(separator: ", "))"
    }

    /// Polls `condition` every 50 ms until it holds; transient errors count as "not yet".
    func poll(
        _ what: String,
        timeout: Duration,
        _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FaultSuiteError.timedOut(what)
    }

    /// The server's request log so far.
    var requests: [LoggedRequest] { server.requestLog.entries.map(LoggedRequest.init) }

    /// The arrival counter of the newest request so far.
    var lastSequence: Int { server.requestLog.entries.map(\.answeredSequence).max() ?? 0 }

    /// The acting writes (``LoggedRequest/isActingWrite``) of `agent` since `sequence`.
    func actingWrites(by agent: String = operatorAgent, after sequence: Int) -> Int {
        RequestLogChecks.actingWrites(in: requests, by: agent, after: sequence).count
    }
}
