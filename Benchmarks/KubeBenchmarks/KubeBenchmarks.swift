import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer

/// `swift run -c release KubeBenchmarks [codec|list|watch|render|all|runtime|applied|operator]`: the foundation's
/// benchmarks (`all` runs codec, list, watch and render), KubeRuntime's (`runtime`, see ``RuntimeBenchmarks``), the
/// renderer's, the applied-children cache's (`applied`, see ``AppliedObjectBenchmark``), JSON decoding's (`decode`, see
/// ``DecodeBenchmark``) and the reconciler's (`operator`, see ``OperatorBenchmark``; `operator-scale` at several sizes,
/// see ``OperatorScaleBenchmark``).
///
/// Each benchmark runs in its own process (`all` re-executes this binary per benchmark), so peak-memory readings are
/// not polluted by another benchmark's allocations. Results are printed as Markdown table rows for
/// `docs/benchmarks.md`.
@main
enum KubeBenchmarks {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        switch arguments.first ?? "all" {
        case "codec": try codec()
        case "list": try decodeList()
        case "watch": try await watchEndToEnd()
        case "render": try RenderBenchmark.run()
        case "applied": try AppliedObjectBenchmark.run()
        case "decode": try DecodeBenchmark.run()
        case "all": try runAllInSeparateProcesses()
        case "runtime": try await RuntimeBenchmarks.runAll()
        case "runtime-memory":
            guard let name = arguments.dropFirst().first, let variant = RuntimeBenchmarks.Variant(rawValue: name)
            else {
                let variants = RuntimeBenchmarks.Variant.allCases.map(\.rawValue).joined(separator: "|")
                emit("usage: KubeBenchmarks runtime-memory [\(variants)]")
                exit(2)
            }
            try await RuntimeBenchmarks.memory(variant)
        case "runtime-throughput": try await RuntimeBenchmarks.throughput()
        case "operator": try await OperatorBenchmark.run()
        case "operator-scale": try await OperatorScaleBenchmark.run()
        case "operator-process": try await OperatorBenchmark.runOperatorProcess()
        case "runtime-server":
            let objects = arguments.dropFirst().first.flatMap { Int($0) } ?? RuntimeBenchmarks.objects
            try await RuntimeServer.run(objects: objects)
        default:
            emit("usage: KubeBenchmarks [codec|list|watch|render|all|runtime|applied|decode|operator|operator-scale]")
            exit(2)
        }
    }

    static func runAllInSeparateProcesses() throws {
        emit("Machine: \(Meter.machine())")
        emit("")
        emit("| benchmark | result | peak RSS |")
        emit("|---|---|---|")
        for name in ["codec", "list", "watch", "render"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = [name]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                emit("benchmark \(name) failed with status \(process.terminationStatus)")
                exit(1)
            }
        }
    }

    /// Writes a line unbuffered, so the parent's lines and its children's come out in order.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func report(_ name: String, _ result: String) {
        let peak = Meter.peakResidentBytes().map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "n/a"
        emit("| \(name) | \(result) | \(peak) |")
    }

    /// Encodes and decodes a realistic Deployment.
    static func codec() throws {
        let deployment = sampleDeployment(index: 0)
        let encoder = KubeJSON.encoder
        let decoder = KubeJSON.decoder
        let iterations = 20_000
        var bytes = 0
        let timing = try Meter.time(iterations: 5) {
            for _ in 0..<iterations {
                let data = try encoder.encode(deployment)
                bytes = data.count
                let decoded = try decoder.decode(Deployment.self, from: data)
                precondition(decoded.metadata.name == deployment.metadata.name)
            }
        }
        let rate = Double(iterations) / timing.best
        report(
            "Deployment encode+decode (\(bytes) bytes of JSON)",
            String(format: "%.0f objects/s (median %.0f)", rate, Double(iterations) / timing.median)
        )
    }

    /// Decodes a 10 000-item ConfigMap list, as a list response of that size arrives from the server.
    static func decodeList() throws {
        let count = 10_000
        let items = (0..<count).map { index in
            ConfigMap(
                metadata: ObjectMeta(
                    name: "settings-\(index)",
                    namespace: "farm-\(index % 10)",
                    uid: UUID().uuidString.lowercased(),
                    resourceVersion: String(1000 + index),
                    labels: ["app.kubernetes.io/name": "settings", "app.kubernetes.io/instance": "i-\(index)"]
                ),
                data: ["config.yaml": String(repeating: "key: value\n", count: 10), "mode": "production"]
            )
        }
        let data = try KubeJSON.encode(ObjectList(apiVersion: "v1", kind: "ConfigMapList", items: items))
        let baseline = Meter.residentBytes() ?? 0
        var decodedCount = 0
        let timing = try Meter.time(iterations: 5) {
            let list = try KubeJSON.decode(ObjectList<ConfigMap>.self, from: data)
            decodedCount = list.items.count
        }
        precondition(decodedCount == count)
        let peakAbove = Double((Meter.peakResidentBytes() ?? 0) - baseline) / 1_048_576
        report(
            String(format: "decode a %d-ConfigMap list (%.1f MiB of JSON)", count, Double(data.count) / 1_048_576),
            String(
                format: "%.0f ms (median %.0f ms), peak +%.0f MiB over the encoded input",
                timing.best * 1000,
                timing.median * 1000,
                peakAbove
            )
        )
    }

    /// Watch throughput end to end on loopback (TLS, HTTP/2): the server replays `count` stored changes to one watch,
    /// which the client frames and decodes into typed events. The creates that made those changes are timed too.
    static func watchEndToEnd() async throws {
        let count = Int(ProcessInfo.processInfo.environment["KUBE_BENCH_WATCH_COUNT"] ?? "") ?? 5_000
        var configuration = KubeTestServer.Configuration()
        configuration.watchHistoryLimit = count * 2
        let server = try await KubeTestServer.start(configuration)
        let client = try KubeClient(
            server: URL(string: server.url)!,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        let before = try await client.list(ConfigMap.self, namespace: "default").metadata.resourceVersion

        let createStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 8) {
                        _ = try await client.create(
                            ConfigMap(
                                metadata: ObjectMeta(name: "bench-\(index)", namespace: "default"),
                                data: ["index": String(index)]
                            )
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let createSeconds = (ContinuousClock.now - createStart).seconds

        let watchStart = ContinuousClock.now
        let stream = try await client.watch(
            ConfigMap.self,
            namespace: "default",
            options: WatchOptions(resourceVersion: before, timeoutSeconds: 600)
        )
        var received = 0
        for try await event in stream where event.type == .added {
            received += 1
            if received == count { break }
        }
        let watchSeconds = (ContinuousClock.now - watchStart).seconds
        try await client.shutdown()
        try await server.shutdown()
        report(
            "creates through the client (\(count) ConfigMaps, 8 concurrent writers, TLS loopback)",
            String(format: "%.0f creates/s", Double(count) / createSeconds)
        )
        report(
            "watch events end to end (\(count) stored changes replayed to one watch, decoded as ConfigMap)",
            String(format: "%.0f events/s", Double(received) / watchSeconds)
        )
    }

    static func sampleDeployment(index: Int) -> Deployment {
        Deployment(
            metadata: ObjectMeta(
                name: "farm-api-\(index)",
                namespace: "agri",
                uid: "0b7c6f0e-6d0a-4c56-9a7e-2d2c4b2f\(String(format: "%04d", index))",
                resourceVersion: "123456",
                generation: 4,
                labels: ["app.kubernetes.io/name": "farm-api", "app.kubernetes.io/part-of": "magsasa"],
                annotations: ["deployment.kubernetes.io/revision": "4"]
            ),
            spec: DeploymentSpec(
                replicas: 3,
                selector: LabelSelector(matchLabels: ["app.kubernetes.io/name": "farm-api"]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app.kubernetes.io/name": "farm-api"]),
                    spec: PodSpec(containers: [
                        Container(
                            name: "api",
                            image: "ghcr.io/magsasa/farm-api:2.4.1",
                            ports: [ContainerPort(name: "http", containerPort: 8080)],
                            env: [
                                EnvVar(name: "PORT", value: "8080"),
                                EnvVar(name: "LOG_LEVEL", value: "info"),
                            ],
                            resources: ResourceRequirements(
                                limits: ["cpu": "1", "memory": "1Gi"],
                                requests: ["cpu": "500m", "memory": "512Mi"]
                            )
                        )
                    ])
                ),
                strategy: DeploymentStrategy(
                    type: "RollingUpdate",
                    rollingUpdate: RollingUpdateDeployment(maxUnavailable: 0, maxSurge: "100%")
                )
            ),
            status: DeploymentStatus(observedGeneration: 4, replicas: 3, updatedReplicas: 3)
        )
    }
}
