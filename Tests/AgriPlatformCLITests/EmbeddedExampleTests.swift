import AgriPlatformAPI
import AgriPlatformCLI
import Foundation
import Testing

@Suite("Embedded example")
struct EmbeddedExampleTests {
    @Test("The playground's embedded example is byte-identical to examples/minimal.yaml")
    func matchesFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(
            contentsOf: root.appendingPathComponent("examples").appendingPathComponent(EmbeddedExample.fileName),
            encoding: .utf8
        )
        #expect(EmbeddedExample.minimal == file)
    }

    @Test("The embedded example loads as one valid AgriPlatform")
    func loads() throws {
        let result = ManifestLoader.load(EmbeddedExample.minimal)
        #expect(result.diagnostics.isEmpty)
        let platform = try #require(result.platforms.first?.platform)
        #expect(platform.validate().isEmpty)
    }
}
