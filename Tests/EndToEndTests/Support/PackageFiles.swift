import Foundation
import Testing

/// Files of the package the end-to-end tests read: the committed CRD, the examples and the test fixtures.
enum PackageFiles {
    /// The package's root directory, found from this source file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `crds/agriplatform.io_agriplatforms.yaml`.
    static let agriPlatformCRD = root.appendingPathComponent("crds/agriplatform.io_agriplatforms.yaml")

    /// `Tests/EndToEndTests/Fixtures/<name>`.
    static func fixtures(_ name: String) -> URL {
        root.appendingPathComponent("Tests/EndToEndTests/Fixtures").appendingPathComponent(name)
    }

    /// The `.yaml` files in `directory`, sorted; empty when the directory does not exist.
    static func yamlFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Every example under `examples/`, listed when the test runs so new examples are covered without a change here.
    static var examples: [URL] { yamlFiles(in: root.appendingPathComponent("examples")) }

    /// A fixture whose first line is `# expect: <substring>`: a manifest and the message that must reject it.
    struct RejectedManifest: Sendable, CustomTestStringConvertible {
        var file: URL
        var text: String
        var expected: String

        var testDescription: String { file.deletingPathExtension().lastPathComponent }

        /// The fixtures in `Fixtures/<directory>`.
        static func all(in directory: String) -> [RejectedManifest] {
            yamlFiles(in: fixtures(directory)).compactMap { file in
                guard let text = try? String(contentsOf: file, encoding: .utf8),
                    let first = text.split(separator: "\n", maxSplits: 1).first,
                    first.hasPrefix("# expect: ")
                else { return nil }
                return RejectedManifest(file: file, text: text, expected: String(first.dropFirst("# expect: ".count)))
            }
        }
    }
}
