import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// Each example's rendered objects, compared byte for byte with `Golden/<example>/<kind>-<name>.yaml`.
///
/// After an intended change, regenerate with
/// `AGRI_UPDATE_GOLDEN=1 swift test --filter AgriPlatformRenderTests.GoldenTests` and review `git diff` like code.
@Suite("Golden renders of the examples")
struct GoldenTests {
    static let examples = ["agrimaan", "ava-olo", "farmers-module", "magsasa-card", "migrate-ai", "minimal"]

    /// What the golden files were rendered with: a namespace and a UID, so owner references appear, and a
    /// cluster with the VPA installed.
    static func goldenPlatform(_ name: String) throws -> AgriPlatform {
        var platform = try ExampleLoader.platform(name)
        platform.metadata.namespace = name
        platform.metadata.uid = "6f1c2a4e-0d5b-4c1e-9a7f-0123456789ab"
        return platform
    }

    static let renderer = PlatformRenderer(context: RenderContext(verticalPodAutoscalerAvailable: true))

    /// The golden files for `example`: file name → YAML.
    static func render(_ example: String) throws -> [String: String] {
        let objects = try renderer.render(goldenPlatform(example))
        var files: [String: String] = [:]
        for object in objects {
            let name = "\(object.kind!.lowercased())-\(object.name!).yaml"
            files[name] = object.json.yamlDocument()
        }
        return files
    }

    @Test("The examples directory holds exactly the examples with golden files")
    func examplesAreCovered() throws {
        #expect(try ExampleLoader.names() == Self.examples)
    }

    @Test("Each example renders exactly its golden files", arguments: examples)
    func golden(example: String) throws {
        let rendered = try Self.render(example)
        let directory = ExampleLoader.goldenDirectory.appendingPathComponent(example)
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
            + "AgriPlatformRenderTests.GoldenTests` and review `git diff Tests/AgriPlatformRenderTests/Golden`"
        let committed = Set((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [])
        let missing = Set(rendered.keys).subtracting(committed).sorted()
        let extra = committed.subtracting(rendered.keys).sorted()
        #expect(missing.isEmpty, "rendered objects without a golden file in \(example): \(missing); \(hint)")
        #expect(extra.isEmpty, "golden files the render no longer produces in \(example): \(extra); \(hint)")
        for (name, yaml) in rendered.sorted(by: { $0.key < $1.key }) where committed.contains(name) {
            let expected = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            if expected != yaml {
                Issue.record("\(example)/\(name) differs: \(Self.firstDifference(expected, yaml)); \(hint)")
            }
        }
    }

    /// The first line that differs, for the failure message.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if left != right {
                return "line \(index + 1): golden `\(left)`, rendered `\(right)`"
            }
        }
        return "no line differs (line endings?)"
    }

    @Test("Rendering an example twice gives byte-identical YAML", arguments: examples)
    func deterministic(example: String) throws {
        let platform = try Self.goldenPlatform(example)
        let first = try Self.renderer.render(platform).map(\.json)
        let second = try Self.renderer.render(platform).map(\.json)
        #expect(JSONValue.yamlStream(first) == JSONValue.yamlStream(second))
    }
}
