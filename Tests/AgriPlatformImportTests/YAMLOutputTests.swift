import AgriPlatformAPI
import AgriPlatformImport
import AgriPlatformRender
import Testing

@Suite("Commented YAML output")
struct YAMLOutputTests {
    static let seeds = ["farmers-module", "migrate-ai", "ava-olo"]

    @Test("The YAML reads back to the same AgriPlatform, validates and renders", arguments: seeds)
    func readsBack(seed: String) throws {
        let result = try Fixture.importSeed(seed)
        let text = result.yaml(headline: "test")
        let platform = try Fixture.loadPlatform(text)
        #expect(platform == result.platform)
        #expect(platform.validate().isEmpty)
        #expect(try !PlatformRenderer().render(platform).isEmpty)
    }

    @Test("Every note that is not a plain mapping appears as a comment, and mapped ones do not", arguments: seeds)
    func comments(seed: String) throws {
        let result = try Fixture.importSeed(seed)
        let text = result.yaml(headline: "test")
        // Comment lines re-joined, so wrapped notes read as one sentence again.
        let comments = text.split(separator: "\n")
            .map { $0.drop { $0 == " " } }
            .filter { $0.hasPrefix("#") }
            .map { $0.dropFirst().drop { $0 == " " } }
            .joined(separator: " ")
        let expectedNotes = result.notes.filter { $0.kind != .mapped }
        #expect(!expectedNotes.isEmpty)
        for note in expectedNotes {
            #expect(comments.contains("\(note.kind.rawValue): \(note.message) [AWS: \(note.awsPath)]"))
        }
        #expect(!text.contains("mapped:"))
    }

    @Test("A comment stands directly above the key its note is about")
    func placement() throws {
        let result = try Fixture.importSeed("farmers-module")
        let lines = result.yaml(headline: "test").split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.hasSuffix("maxSurge: 100%") })
        #expect(lines[index - 2].contains("# approximated: maximum 200 % → maxSurge 100 %"))
        let className = try #require(lines.firstIndex { $0.hasSuffix("className: gp3") })
        #expect(lines[className - 2].contains("# decision: StorageClass gp3"))
    }

    @Test("ExternalSecrets are a separate YAML stream of external-secrets.io/v1beta1 objects")
    func extraObjects() throws {
        let result = try ECSImport.run(
            try Fixture.ecsInput("farmers-module"),
            options: ImportOptions(externalSecrets: ExternalSecretsOptions(storeName: "aws"))
        )
        let stream = result.extraObjectsYAML()
        #expect(stream.hasPrefix("---\napiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\n"))
        #expect(!result.yaml(headline: "test").contains("ExternalSecret\n"))
    }

    @Test("The summary counts each kind and lists every note that is not a plain mapping")
    func summary() throws {
        let result = try Fixture.importSeed("migrate-ai")
        let summary = result.summary()
        let first = try #require(summary.split(separator: "\n").first)
        #expect(
            first == "\(result.notes(.mapped).count) mapped, \(result.notes(.approximated).count) approximated, "
                + "\(result.notes(.dropped).count) dropped, \(result.notes(.decision).count) decision"
        )
        #expect(summary.split(separator: "\n").count == 1 + result.notes.count - result.notes(.mapped).count)
    }
}
