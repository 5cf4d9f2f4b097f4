import AgriPlatformAPI
import Foundation
import KubeCore
import Yams

/// Reads `examples/*.yaml` from the repository, found relative to this file.
enum ExampleLoader {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let examplesDirectory = repositoryRoot.appendingPathComponent("examples")

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// The example names, e.g. `agrimaan`, sorted.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// The example `name`, decoded as an AgriPlatform through JSON (as the API server would store it).
    static func platform(_ name: String) throws -> AgriPlatform {
        let text = try String(contentsOf: examplesDirectory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        guard let yaml = try Yams.load(yaml: text) else { throw LoadError(name: name) }
        let data = try JSONSerialization.data(withJSONObject: yaml)
        return try KubeJSON.decode(AgriPlatform.self, from: data)
    }

    struct LoadError: Error { var name: String }
}
