import AgriPlatformAPI
import AgriPlatformImport
import AgriPlatformRender
import Testing

@Suite("Round trip against the hand-written examples")
struct RoundTripTests {
    static let seeds = ["farmers-module", "migrate-ai", "ava-olo"]

    @Test("The imported platform differs from examples/<seed>.yaml exactly where docs/import.md says", arguments: seeds)
    func documentedDifferences(seed: String) throws {
        let imported = try Fixture.importSeed(seed).platform
        let example = try Fixture.example(seed)
        let differences = try PlatformComparison.differences(imported, example)
        let documented = try PlatformComparison.documentedDifferences(seed)
        #expect(
            differences == documented,
            "undocumented: \(differences.subtracting(documented).sorted()); no longer different: \(documented.subtracting(differences).sorted())"
        )
    }

    @Test("Both the imported platform and the example render", arguments: seeds)
    func bothRender(seed: String) throws {
        let renderer = PlatformRenderer()
        #expect(try !renderer.render(try Fixture.importSeed(seed).platform).isEmpty)
        #expect(try !renderer.render(try Fixture.example(seed)).isEmpty)
    }
}
