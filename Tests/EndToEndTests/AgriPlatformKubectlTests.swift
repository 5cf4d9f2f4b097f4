import Foundation
import Testing

/// The AgriPlatform API as a user meets it through real kubectl against KubeTestServer: the committed CRD
/// installs and becomes Established, every example applies, `kubectl get agp` and `kubectl get agri` list them with
/// their printer columns, and bad manifests are rejected with the expected message.
@Suite("AgriPlatform CRD and examples with real kubectl", .serialized, .timeLimit(.minutes(5)))
struct AgriPlatformKubectlTests {
    /// Applies the committed CRD and waits until the server serves it.
    static func installCRD(_ kubectl: Kubectl) async throws {
        let crd = PackageFiles.agriPlatformCRD.path
        try #require(FileManager.default.fileExists(atPath: crd), "\(crd) is missing; `agri-operator crd` writes it")
        try await kubectl.succeed(["apply", "--server-side", "-f", crd])
        try await kubectl.succeed([
            "wait", "--for=condition=Established", "crd/agriplatforms.agriplatform.io", "--timeout=20s",
        ])
    }

    @Test("every example applies server-side, and get agp and get agri list them with their columns")
    func examplesApply() async throws {
        let examples = PackageFiles.examples
        try #require(!examples.isEmpty, "no examples under \(PackageFiles.root.path)/examples")
        try await withKubectl { kubectl, _ in
            try await Self.installCRD(kubectl)
            for example in examples {
                let applied = try await kubectl.succeed(["apply", "--server-side", "-f", example.path])
                #expect(
                    applied.contains("agriplatform.agriplatform.io/") && applied.contains("serverside-applied"),
                    "\(example.lastPathComponent): \(applied)"
                )
            }

            let names = try await kubectl.succeed(["get", "agp", "-A", "-o", "name"])
                .split(separator: "\n").filter { $0.hasPrefix("agriplatform.agriplatform.io/") }
            #expect(names.count >= examples.count, "one AgriPlatform per example at least: \(names)")

            let table = try await kubectl.succeed(["get", "agp", "-A"])
            let header = try #require(table.split(separator: "\n").first.map(String.init))
            for column in ["NAMESPACE", "NAME", "PHASE", "SERVICES", "DATASTORES", "AGE"] {
                #expect(header.contains(column), "column \(column) in \(header)")
            }
            #expect(table.split(separator: "\n").count == names.count + 1, "\(table)")

            let category = try await kubectl.succeed(["get", "agri", "-A", "-o", "name"])
            for name in names {
                #expect(category.contains(name), "kubectl get agri lists \(name): \(category)")
            }
            let singular = try await kubectl.succeed(["get", "agriplatform", "-A", "-o", "name"])
            #expect(singular.split(separator: "\n").count == names.count)
        }
    }

    @Test("every example's rendered objects pass kubectl apply --server-side --dry-run=server, and none is stored")
    func renderedObjectsApply() async throws {
        let examples = PackageFiles.examples
        try #require(!examples.isEmpty, "no examples under \(PackageFiles.root.path)/examples")
        try await withKubectl { kubectl, _ in
            for example in examples {
                let rendered = try await AgriOperatorCLITests.run(["render", "-f", example.path])
                #expect(rendered.status == 0, "\(example.lastPathComponent): \(rendered.stderr)")
                let namespaces = Set(
                    rendered.stdout.split(separator: "\n").compactMap { line -> String? in
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        return trimmed.hasPrefix("namespace: ") ? String(trimmed.dropFirst(11)) : nil
                    }
                )
                for namespace in namespaces where namespace != "default" {
                    _ = try await kubectl.run(["create", "namespace", namespace])
                }
                let output = try await kubectl.succeed(
                    ["apply", "--server-side", "--dry-run=server", "-f", "-"],
                    stdin: rendered.stdout
                )
                let kinds = ["statefulset.apps/", "cronjob.batch/", "service/", "deployment.apps/"]
                if example.lastPathComponent == "agrimaan.yaml" || example.lastPathComponent == "farmers-module.yaml" {
                    for kind in kinds {
                        #expect(output.contains(kind), "\(example.lastPathComponent) renders a \(kind): \(output)")
                    }
                }
                #expect(!output.contains("created") || output.contains("(server dry run)"), "\(output)")
            }
            let stored = try await kubectl.succeed(["get", "statefulsets", "-A", "-o", "name"])
            #expect(stored.isEmpty, "a dry run stores nothing: \(stored)")
        }
    }

    @Test(
        "kubectl rejects an AgriPlatform that breaks the schema, with the expected message",
        arguments: PackageFiles.RejectedManifest.all(in: "invalid")
    )
    func structurallyInvalid(_ manifest: PackageFiles.RejectedManifest) async throws {
        try await Self.expectRejection(manifest)
    }

    @Test(
        "kubectl rejects an AgriPlatform that breaks a cross-field rule, with the rule's message",
        arguments: PackageFiles.RejectedManifest.all(in: "invalid-cel")
    )
    func celInvalid(_ manifest: PackageFiles.RejectedManifest) async throws {
        try await Self.expectRejection(manifest)
    }

    @Test("the fixture directories hold manifests with expectations")
    func fixturesPresent() {
        #expect(PackageFiles.RejectedManifest.all(in: "invalid").count >= 5)
        #expect(PackageFiles.RejectedManifest.all(in: "invalid-cel").count >= 3)
    }

    static func expectRejection(_ manifest: PackageFiles.RejectedManifest) async throws {
        try await withKubectl { kubectl, _ in
            try await installCRD(kubectl)
            let result = try await kubectl.run(["apply", "--server-side", "-f", manifest.file.path])
            #expect(result.status != 0, "\(manifest.file.lastPathComponent) was accepted: \(result.stdout)")
            #expect(
                result.stderr.contains(manifest.expected),
                "\(manifest.file.lastPathComponent): expected \(manifest.expected) in \(result.stderr)"
            )
            let listed = try await kubectl.succeed(["get", "agp", "-A", "-o", "name"])
            #expect(listed.isEmpty, "nothing stored: \(listed)")
        }
    }
}
