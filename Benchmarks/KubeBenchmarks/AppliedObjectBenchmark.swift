import Foundation
import KubeCore
import KubeRuntime
import KubeTestServer

/// `KubeBenchmarks applied`: what a cache of applied children costs per Deployment when it keeps the typed object
/// (with or without `managedFields`) versus an ``AppliedObject`` summary, and how fast summaries are made and
/// compared.
///
/// The Deployments are the `codec` benchmark's sample, applied by `agri-operator` through the test server's field
/// manager so that their `managedFields` are what an applied child carries. Memory is the growth of glibc's live
/// heap while the decoded objects are held, divided by their number; it does not include the list's JSON.
enum AppliedObjectBenchmark {
    static let count = RuntimeBenchmarks.environment("KUBE_BENCH_APPLIED_OBJECTS", default: 5_000)
    static let manager = "agri-operator"

    static func run() throws {
        let now = Time(Date(timeIntervalSince1970: 1_772_359_200))
        var desired: [JSONValue] = []
        var live: [JSONValue] = []
        for index in 0..<count {
            var deployment = KubeBenchmarks.sampleDeployment(index: index)
            deployment.status = nil
            deployment.metadata.uid = nil
            deployment.metadata.resourceVersion = nil
            deployment.metadata.generation = nil
            let config = try JSONValue(encoding: deployment)
            var applied = try FieldManager.apply(
                live: nil,
                config: config,
                manager: manager,
                apiVersion: "apps/v1",
                subresource: nil,
                force: true,
                schema: .builtIn,
                now: now
            )
            applied[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
            applied[path: ["metadata", "resourceVersion"]] = .string(String(1000 + index))
            applied["status"] = try JSONValue(encoding: DeploymentStatus(observedGeneration: 1, replicas: 3))
            desired.append(config)
            live.append(applied)
        }
        let list: JSONValue = [
            "apiVersion": "apps/v1", "kind": "DeploymentList", "metadata": [:], "items": .array(live),
        ]
        let data = try list.serialized()
        KubeBenchmarks.emit("Machine: \(Meter.machine())")
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit(
            "\(count) applied Deployments, \(data.count / count) bytes of JSON each with managedFields"
        )
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit("| cache of applied Deployments | live heap per object |")
        KubeBenchmarks.emit("|---|---|")

        try measure("typed `Deployment`, no transform") {
            try KubeJSON.decode(ObjectList<Deployment>.self, from: data).items
        }
        try measure("typed `Deployment`, `Store.dropManagedFields`") {
            let drop = Store<Deployment>.dropManagedFields
            return try KubeJSON.decode(ObjectList<Deployment>.self, from: data).items.map(drop)
        }
        try measure("`AppliedObject<Deployment>`, `summarizing(fieldManager:)`") {
            let summarize = AppliedObject<Deployment>.summarizing(fieldManager: manager)
            return try KubeJSON.decode(ObjectList<AppliedObject<Deployment>>.self, from: data).items.map(summarize)
        }

        let received = try KubeJSON.decode(ObjectList<AppliedObject<Deployment>>.self, from: data).items
        var summaries: [AppliedObject<Deployment>] = []
        let summarizing = Meter.time(iterations: 5) {
            summaries = received.map { $0.summarized(fieldManager: manager) }
        }
        var changes = 0
        let comparing = Meter.time(iterations: 5) {
            changes = zip(summaries, desired).filter { $0.wouldApplyChange($1) }.count
        }
        precondition(changes == 0, "\(changes) applied Deployments predicted to change")
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit("| operation | rate |")
        KubeBenchmarks.emit("|---|---|")
        KubeBenchmarks.emit(
            String(
                format: "| `summarized(fieldManager:)` of a decoded Deployment | %.0f objects/s (median %.0f) |",
                Double(count) / summarizing.best,
                Double(count) / summarizing.median
            )
        )
        KubeBenchmarks.emit(
            String(
                format: "| `wouldApplyChange(desired)` (digest of the desired JSON) | %.0f objects/s (median %.0f) |",
                Double(count) / comparing.best,
                Double(count) / comparing.median
            )
        )
    }

    /// Holds what `make` returns while reading the live heap, and reports the growth per object.
    private static func measure<Object>(_ name: String, _ make: () throws -> [Object]) throws {
        let before = Meter.liveHeapBytes() ?? 0
        let objects = try make()
        let after = Meter.liveHeapBytes() ?? 0
        precondition(objects.count == count)
        let perObject = Double(after - before) / Double(count)
        KubeBenchmarks.emit(String(format: "| %@ | %.0f bytes |", name, perObject))
        withExtendedLifetime(objects) {}
    }
}
