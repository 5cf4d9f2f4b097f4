import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// Each example's monitoring objects — PodMonitors, the PrometheusRule and the dashboard ConfigMap — rendered with
/// the Prometheus Operator available, compared byte for byte with `Golden/observability/<example>/<kind>-<name>.yaml`.
///
/// Regenerate with `AGRI_UPDATE_GOLDEN=1 swift test --filter AgriPlatformRenderTests.ObservabilityGoldenTests` and
/// review the diff. The other objects are the same as without the Prometheus Operator: ``GoldenTests`` holds them.
@Suite("Golden observability renders of the examples")
struct ObservabilityGoldenTests {
    static let directory = ExampleLoader.goldenDirectory.appendingPathComponent("observability")

    static let renderer = PlatformRenderer(
        context: RenderContext(verticalPodAutoscalerAvailable: true, prometheusOperatorAvailable: true)
    )

    /// The monitoring objects of `example`: file name → YAML.
    static func render(_ example: String) throws -> [String: String] {
        let withMonitoring = try renderer.render(GoldenTests.goldenPlatform(example))
        let without = Set(try GoldenTests.renderer.render(GoldenTests.goldenPlatform(example)).map(\.json))
        var files: [String: String] = [:]
        for object in withMonitoring where !without.contains(object.json) {
            files["\(object.kind!.lowercased())-\(object.name!).yaml"] = object.json.yamlDocument()
        }
        return files
    }

    @Test(
        "Only monitoring objects and exporter sidecars are added when the Prometheus Operator is available",
        arguments: GoldenTests.examples
    )
    func onlyMonitoringAdded(example: String) throws {
        let withMonitoring = try Self.renderer.render(GoldenTests.goldenPlatform(example)).map(\.json)
        let without = try GoldenTests.renderer.render(GoldenTests.goldenPlatform(example)).map(\.json)
        let changed = withMonitoring.filter { !without.contains($0) }
        let added = changed.filter { $0["kind"] != "StatefulSet" }
        #expect(withMonitoring.count == without.count + added.count, "only StatefulSets change, none disappears")
        let addedKinds = Set(added.compactMap { $0["kind"]?.stringValue })
        #expect(addedKinds.isSubset(of: ["PodMonitor", "PrometheusRule", "ConfigMap"]))
        #expect(added.contains { $0["kind"] == "PrometheusRule" })
        for statefulSet in changed where statefulSet["kind"] == "StatefulSet" {
            var containers = statefulSet[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            #expect(containers.last?["name"] == "metrics-exporter")
            containers.removeLast()
            var plain = statefulSet
            plain[path: ["spec", "template", "spec", "containers"]] = .array(containers)
            #expect(without.contains(plain), "a StatefulSet changed beyond its exporter sidecar")
        }
    }

    @Test("Each example renders exactly its golden monitoring files", arguments: GoldenTests.examples)
    func golden(example: String) throws {
        let rendered = try Self.render(example)
        let directory = Self.directory.appendingPathComponent(example)
        let fileManager = FileManager.default
        if ProcessInfo.processInfo.environment["AGRI_UPDATE_GOLDEN"] == "1" {
            try? fileManager.removeItem(at: directory)
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, yaml) in rendered {
                try Data(yaml.utf8).write(to: directory.appendingPathComponent(name))
            }
            return
        }
        let hint =
            "if the change is intended, regenerate with `AGRI_UPDATE_GOLDEN=1 swift test --filter "
            + "AgriPlatformRenderTests.ObservabilityGoldenTests` and review the diff"
        let committed = Set((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [])
        #expect(Set(rendered.keys) == committed, "\(example): \(hint)")
        for (name, yaml) in rendered.sorted(by: { $0.key < $1.key }) where committed.contains(name) {
            let expected = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            if expected != yaml {
                Issue.record(
                    "\(example)/\(name) differs: \(GoldenTests.firstDifference(expected, yaml)); \(hint)"
                )
            }
        }
    }
}
