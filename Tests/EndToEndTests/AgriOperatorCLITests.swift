import Foundation
import Testing

/// `agri-operator validate`, `render` and `crd` as a user runs them: the built binary, real files, exit codes.
@Suite("agri-operator validate, render and crd", .timeLimit(.minutes(2)))
struct AgriOperatorCLITests {
    typealias Run = ProcessRun

    /// Runs the built `agri-operator` with `arguments` in the package's root directory.
    static func run(_ arguments: [String], stdin: String? = nil) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DevPlaygroundTests.executable())
        process.arguments = arguments
        process.currentDirectoryURL = PackageFiles.root
        return try await ProcessRun.run(process, stdin: stdin)
    }

    @Test("validate prints every structural error with its line and column, and exits 1")
    func validateBroken() async throws {
        let file = "Tests/EndToEndTests/Fixtures/cli/wrong-types.yaml"
        let result = try await Self.run(["validate", "-f", file])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(
            result.stdout == """
                \(file):10:17: spec.services[0].replicas: expected an integer, found "two"
                \(file):13:17: spec.services[0].ports[0].port: expected an integer, found "8080"
                \(file):14:7: spec.services[0].imagePulPolicy: unknown field

                """
        )
    }

    @Test("validate reads standard input and names it <stdin>")
    func validateStandardInput() async throws {
        let text =
            "apiVersion: agriplatform.io/v1alpha1\nkind: AgriPlatform\nmetadata: {name: x}\nspec:\n  services: 3\n"
        let result = try await Self.run(["validate", "-f", "-"], stdin: text)
        #expect(result.status == 1)
        #expect(result.stdout == "<stdin>:5:13: spec.services: expected a list, found 3\n")
    }

    @Test("validate exits 2 when a file cannot be read")
    func validateMissingFile() async throws {
        let result = try await Self.run(["validate", "-f", "does-not-exist.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does-not-exist.yaml: no such file or directory"))
    }

    @Test("validate accepts every example, and render prints their objects as YAML and as a JSON List")
    func examples() async throws {
        let examples = PackageFiles.examples
        try #require(!examples.isEmpty, "no examples under \(PackageFiles.root.path)/examples")
        for example in examples {
            let path = "examples/" + example.lastPathComponent
            let validated = try await Self.run(["validate", "-f", path])
            #expect(validated.status == 0, "\(path): \(validated.stdout)\(validated.stderr)")
            #expect(validated.stdout == "\(path): valid\n")

            let yaml = try await Self.run(["render", "-f", path])
            #expect(yaml.status == 0, "\(path): \(yaml.stderr)")
            #expect(yaml.stdout.hasPrefix("---\n") && yaml.stdout.contains("kind: Deployment"), "\(path)")

            let json = try await Self.run(["render", "-f", path, "-o", "json"])
            #expect(json.status == 0, "\(path): \(json.stderr)")
            let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(list?["kind"] as? String == "List")
            #expect((list?["items"] as? [Any])?.isEmpty == false)
        }
    }

    @Test("render refuses an invalid manifest, prints the errors on standard error and exits 1")
    func renderInvalid() async throws {
        let file = "Tests/EndToEndTests/Fixtures/cli/wrong-types.yaml"
        let result = try await Self.run(["render", "-f", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(file):10:17: spec.services[0].replicas: expected an integer, found \"two\""))
    }

    @Test("crd prints exactly the committed CRD")
    func crd() async throws {
        let committed = try String(contentsOf: PackageFiles.agriPlatformCRD, encoding: .utf8)
        let result = try await Self.run(["crd"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == committed)
    }
}

extension AgriOperatorCLITests {
    @Test(
        "validate rejects every invalid fixture offline, on a numbered line naming the field",
        arguments: PackageFiles.RejectedManifest.all(in: "invalid")
            + PackageFiles.RejectedManifest.all(in: "invalid-cel")
    )
    func validateRejectsFixture(_ manifest: PackageFiles.RejectedManifest) async throws {
        let result = try await Self.run(["validate", "-f", manifest.file.path])
        #expect(result.status == 1, "\(manifest.file.lastPathComponent) passed: \(result.stdout)")
        let line = try #require(result.stdout.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix(manifest.file.path + ":"), "\(line)")
        #expect(line.contains(": spec."), "names the field: \(line)")
    }
}
