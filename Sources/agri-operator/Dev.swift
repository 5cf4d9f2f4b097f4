import AgriPlatformAPI
import AgriPlatformCLI
import AgriPlatformReconciler
import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging

/// `agri-operator dev`: the zero-cluster playground — the operator's main job on an embedded cluster.
///
/// Starts the in-process API server with its simulated workload controllers (Deployments get ReplicaSets and pods
/// that become ready, HPAs scale), installs the AgriPlatform CRD, applies an example (the embedded minimal one, an
/// `examples/` one with `--example`, or files with `-f`), runs the operator against it, and prints each platform's
/// progress as it changes. Real `kubectl` works against it through the kubeconfig it writes. Ctrl-C stops it.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the operator on an embedded cluster: an in-process API server, an example AgriPlatform, and "
            + "a kubeconfig for kubectl.",
        discussion: """
            No cluster is needed. The embedded API server simulates the workload controllers (Deployments roll \
            out pods that become ready; HPAs scale), so you see the operator create objects and the platform go \
            Pending → Progressing → Ready. While it runs, point kubectl at the printed kubeconfig:

              kubectl get agp
              kubectl describe agp hello
              kubectl get deployments,pods

            Edit the platform (kubectl edit agp hello, change the image) and watch the release roll.
            """
    )

    @Option(help: "Where to write the kubeconfig and other playground files.")
    var directory: String = FileManager.default.temporaryDirectory.appendingPathComponent("agri-operator-dev").path

    @Option(help: "The loopback port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Stop by itself after this many seconds (for scripts and tests); 0 runs until Ctrl-C.")
    var seconds: Int = 0

    @Option(help: "Apply examples/<NAME>.yaml (from the current directory) instead of the embedded minimal example.")
    var example: String?

    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: "Apply the AgriPlatforms in this file or directory instead; repeat for several."
    )
    var filenames: [String] = []

    @Option(help: "The namespace for platforms that name none.")
    var namespace: String = "default"

    func validate() throws {
        if example != nil, !filenames.isEmpty {
            throw ValidationError("give either --example or -f, not both")
        }
    }

    func run() async throws {
        let platforms = try loadPlatforms()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = KubeTestServer.Configuration()
        configuration.port = port
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(500)
        configuration.simulation = simulation
        let server = try await KubeTestServer.start(configuration)
        let kubeconfig = (directory as NSString).appendingPathComponent("kubeconfig")
        try server.writeKubeconfig(to: kubeconfig)
        var clientConfiguration = try ClientConfiguration.fromKubeconfig(path: kubeconfig)
        clientConfiguration.userAgent = "agri-operator"
        let client = try KubeClient(configuration: clientConfiguration)
        do {
            try await play(platforms, server: server, client: client, kubeconfig: kubeconfig)
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
        print("agri-operator dev: stopping")
        try await client.shutdown()
        try await server.shutdown()
    }

    private func play(
        _ platforms: [AgriPlatform],
        server: KubeTestServer,
        client: KubeClient,
        kubeconfig: String
    ) async throws {
        _ = try await client.create(AgriPlatformCRD.definition())
        var quiet = Logger(label: "agri-operator")
        quiet.logLevel = .warning
        let recorder = EventRecorder(
            client: client,
            configuration: EventRecorder.Configuration(
                aggregator: EventAggregator.Configuration(
                    reportingController: "agri-operator",
                    reportingInstance: "dev"
                )
            ),
            logger: quiet
        )
        let reconciler = AgriPlatformReconciler(client: client, recorder: recorder, logger: quiet)
        let manager = ControllerManager(
            controllers: [try await reconciler.makeController()],
            logger: quiet
        )
        print(
            """
            agri-operator dev: an in-process Kubernetes API server is listening on \(server.url)
            with simulated workload controllers, and the operator is running against it.

              export KUBECONFIG=\(kubeconfig)
              kubectl get agp
              kubectl get deployments,pods
              kubectl agri get hello -w        # with kubectl-agri on PATH: swift build --product kubectl-agri

            Press Ctrl-C to stop.

            """
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.run() }
            group.addTask { try await manager.run() }
            group.addTask { try await Self.reportProgress(client: client) }
            await manager.waitUntilCachesSynced()
            for platform in platforms {
                let namespace = platform.metadata.namespace ?? namespace
                try await ensureNamespace(namespace, client: client)
                var platform = platform
                platform.metadata.namespace = namespace
                _ = try await client.create(platform)
                print("applied AgriPlatform \(namespace)/\(platform.metadata.name ?? "")")
            }
            try await Self.waitForInterrupt(orSeconds: seconds)
            group.cancelAll()
        }
    }

    /// The platforms to apply: from `-f`, from `--example`, or the embedded minimal example.
    private func loadPlatforms() throws -> [AgriPlatform] {
        var sources: [ManifestInput.Source]
        if !filenames.isEmpty {
            do {
                sources = try ManifestInput.read(filenames)
            } catch {
                throw ValidationError(error.description)
            }
        } else if let example {
            do {
                sources = try ManifestInput.read(["examples/\(example).yaml"])
            } catch {
                throw ValidationError("\(error.description) (run from the repository root, or use -f)")
            }
        } else {
            sources = [
                ManifestInput.Source(name: "examples/\(EmbeddedExample.fileName)", text: EmbeddedExample.minimal)
            ]
        }
        var platforms: [AgriPlatform] = []
        for source in sources {
            let loaded = ManifestLoader.load(source.text)
            guard loaded.diagnostics.isEmpty else {
                let problems = loaded.diagnostics.map { $0.formatted(file: source.name) }.joined(separator: "\n")
                throw ValidationError(problems)
            }
            platforms += loaded.platforms.map(\.platform)
        }
        return platforms
    }

    private func ensureNamespace(_ name: String, client: KubeClient) async throws {
        do {
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: name)))
        } catch let error as KubeError where error.code == .alreadyExists {
            return
        }
    }

    /// Prints a line for each platform whenever its phase, ready counts or progress message changes, a line for each
    /// service whose release moves (strategy, step, canary weight, what it waits for), and every new Event the
    /// operator records on a platform (what it applied, generated or deleted; release steps, promotions and
    /// rollbacks).
    private static func reportProgress(client: KubeClient) async throws {
        var last: [String: String] = [:]
        var seenEvents: Set<String> = []
        while !Task.isCancelled {
            if let platforms = try? await client.listAll(AgriPlatform.self) {
                for platform in platforms.items {
                    let name = "\(platform.metadata.namespace ?? "")/\(platform.metadata.name ?? "")"
                    let lines =
                        [(name, Self.progressLine(platform))]
                        + (platform.status?.services ?? []).compactMap { service in
                            Self.releaseLine(service).map { ("\(name) \(service.name)", $0) }
                        }
                    for (key, line) in lines where last[key] != line {
                        last[key] = line
                        print("\(key): \(line)")
                    }
                }
            }
            if let events = try? await client.listAll(Event.self) {
                let fresh = events.items.filter { event in
                    event.regarding?.kind == AgriPlatform.resource.kind
                        && !seenEvents.contains(event.metadata.uid ?? event.metadata.name ?? "")
                }
                for event in fresh.sorted(by: {
                    ($0.eventTime?.date ?? .distantPast) < ($1.eventTime?.date ?? .distantPast)
                }) {
                    seenEvents.insert(event.metadata.uid ?? event.metadata.name ?? "")
                    let regarding = "\(event.regarding?.namespace ?? "")/\(event.regarding?.name ?? "")"
                    print("\(regarding): event \(event.type ?? "Normal") \(event.reason ?? ""): \(event.note ?? "")")
                }
            }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// `release Canary Progressing step 2 weight 20% revision … — …` while a release runs, `steady at revision …`
    /// once it is done, `nil` before the operator has reported one.
    static func releaseLine(_ service: AgriPlatformAPI.ServiceStatus) -> String? {
        guard let rollout = service.rollout, let phase = rollout.phase else { return nil }
        if phase == .healthy {
            return "steady at revision \(rollout.stableRevision.map { String($0.prefix(8)) } ?? "-")"
        }
        var parts = ["release", rollout.strategy?.rawValue ?? "Rolling", phase.rawValue]
        if let step = rollout.currentStepIndex { parts.append("step \(step + 1)") }
        if let weight = rollout.canaryWeight { parts.append("weight \(weight)%") }
        if let revision = rollout.desiredRevision { parts.append("revision \(revision)") }
        return parts.joined(separator: " ") + (rollout.message.map { " — \($0)" } ?? "")
    }

    /// `Ready  services 1/1  datastores 0/0  — 1 services and 0 datastores are ready`.
    static func progressLine(_ platform: AgriPlatform) -> String {
        let status = platform.status
        let conditions = status?.conditions ?? []
        let explaining =
            [AgriPlatformConditionType.invalidSpec, AgriPlatformConditionType.degraded]
            .compactMap { type in conditions[type: type].flatMap { $0.status == "True" ? $0 : nil } }.first
            ?? conditions[type: AgriPlatformConditionType.progressing].flatMap { $0.status == "True" ? $0 : nil }
            ?? conditions[type: AgriPlatformConditionType.ready]
        return "\(status?.phase?.rawValue ?? "Pending")  services \(status?.readyServices ?? "-")  "
            + "datastores \(status?.readyDatastores ?? "-")  — \(explaining?.message ?? "waiting for the operator")"
    }

    /// Waits for SIGINT or SIGTERM, or for `seconds` when it is positive.
    private static func waitForInterrupt(orSeconds seconds: Int) async throws {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        if seconds > 0 {
            let timer = Task {
                try? await Task.sleep(for: .seconds(seconds))
                continuation.finish()
            }
            defer { timer.cancel() }
            for await _ in signals { break }
        } else {
            for await _ in signals { break }
        }
    }
}
