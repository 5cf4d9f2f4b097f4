import AgriPlatformAPI
import AgriPlatformCLI
import Foundation
import KubeCore
import Testing

/// Structural errors in AgriPlatform manifests: each broken input and the exact line a user sees.
@Suite("Loading AgriPlatform manifests")
struct ManifestLoaderTests {
    /// A valid platform; the broken inputs below are edits of it. Line numbers in the table refer to this text.
    static let valid = """
        apiVersion: agriplatform.io/v1alpha1
        kind: AgriPlatform
        metadata:
          name: farmers
          namespace: kisanlink
        spec:
          services:
            - name: api
              image: ghcr.io/kisanlink/farmers-module:1.4.2
              replicas: 2
              ports:
                - name: http
                  port: 8080
          datastores:
            - name: db
              engine: PostgreSQL
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: [String]
        /// Documents that still load (the valid ones beside a broken one).
        var loads = 0
        var testDescription: String { name }
    }

    static func edit(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), "fixture edit does not apply: \(old)")
        return valid.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(
            name: "a string where an integer belongs",
            text: edit("replicas: 2", "replicas: two"),
            expected: ["f.yaml:10:17: spec.services[0].replicas: expected an integer, found \"two\""]
        ),
        Case(
            name: "a quoted number where an integer belongs",
            text: edit("port: 8080", "port: \"8080\""),
            expected: ["f.yaml:13:17: spec.services[0].ports[0].port: expected an integer, found \"8080\""]
        ),
        Case(
            name: "a fraction where an integer belongs",
            text: edit("replicas: 2", "replicas: 2.5"),
            expected: ["f.yaml:10:17: spec.services[0].replicas: expected an integer, found 2.5"]
        ),
        Case(
            name: "an integer too large for the field",
            text: edit("replicas: 2", "replicas: 99999999999"),
            expected: ["f.yaml:10:17: spec.services[0].replicas: 99999999999 is out of range for this field"]
        ),
        Case(
            name: "two numbers their fields cannot hold, beside a large number an int64 field can",
            text: edit("replicas: 2", "replicas: 2.5\n      terminationGracePeriodSeconds: 99999999999")
                .replacingOccurrences(of: "port: 8080", with: "port: 8080.5"),
            expected: [
                "f.yaml:10:17: spec.services[0].replicas: expected an integer, found 2.5",
                "f.yaml:14:17: spec.services[0].ports[0].port: expected an integer, found 8080.5",
            ]
        ),
        Case(
            name: "a mapping where a string belongs",
            text: edit("image: ghcr.io/kisanlink/farmers-module:1.4.2", "image: {repository: x}"),
            expected: ["f.yaml:9:14: spec.services[0].image: expected a string, found a mapping"]
        ),
        Case(
            name: "a scalar where a list belongs",
            text: edit("  services:\n", "  services: api\n  unused:\n"),
            expected: [
                "f.yaml:7:13: spec.services: expected a list, found \"api\"",
                "f.yaml:8:3: spec.unused: unknown field",
            ]
        ),
        Case(
            name: "a missing required field points at the mapping that should hold it",
            text: edit("      image: ghcr.io/kisanlink/farmers-module:1.4.2\n", ""),
            expected: ["f.yaml:8:7: spec.services[0].image: Required value"]
        ),
        Case(
            name: "null for a required field",
            text: edit("image: ghcr.io/kisanlink/farmers-module:1.4.2", "image: null"),
            expected: ["f.yaml:9:14: spec.services[0].image: Required value: expected a string, found null"]
        ),
        Case(
            name: "several wrong values in one document are all reported",
            text: edit("replicas: 2", "replicas: two").replacingOccurrences(of: "port: 8080", with: "port: eighty"),
            expected: [
                "f.yaml:10:17: spec.services[0].replicas: expected an integer, found \"two\"",
                "f.yaml:13:17: spec.services[0].ports[0].port: expected an integer, found \"eighty\"",
            ]
        ),
        Case(
            name: "an unknown field, such as a typo",
            text: edit("replicas: 2", "replica: 2"),
            expected: ["f.yaml:10:7: spec.services[0].replica: unknown field"]
        ),
        Case(
            name: "a duplicate key",
            text: edit("replicas: 2", "replicas: 2\n      replicas: 3"),
            expected: [
                "f.yaml:10:7: mapping key \"replicas\" is defined more than once"
            ]
        ),
        Case(
            name: "a YAML syntax error",
            text: edit("replicas: 2", "replicas: [2"),
            expected: [
                "f.yaml:11:12: did not find expected ',' or ']' (while parsing a flow sequence at line 10, column 17)"
            ]
        ),
        Case(
            name: "a tab used for indentation",
            text: edit("      replicas: 2", "\treplicas: 2"),
            expected: [
                "f.yaml:10:1: found a tab character that violates indentation (while scanning a plain scalar at line 9, column 14)"
            ]
        ),
        Case(
            name: "a document of another kind names its index",
            text: valid + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
            expected: [
                "f.yaml:18:1: document 2 is a apps/v1 Deployment; expected apiVersion agriplatform.io/v1alpha1, kind AgriPlatform"
            ],
            loads: 1
        ),
        Case(
            name: "an older API version",
            text: edit("agriplatform.io/v1alpha1", "agriplatform.io/v1beta9"),
            expected: [
                "f.yaml:1:1: document 1 is a agriplatform.io/v1beta9 AgriPlatform; expected apiVersion agriplatform.io/v1alpha1, kind AgriPlatform"
            ]
        ),
        Case(
            name: "a document that is not a mapping",
            text: "- a\n- b\n",
            expected: ["f.yaml:1:1: document 1 is a list, not an AgriPlatform mapping"]
        ),
        Case(
            name: "an empty file",
            text: "# nothing here\n",
            expected: ["f.yaml: no YAML documents found"]
        ),
    ]

    @Test("a broken manifest yields exactly the expected messages", arguments: cases)
    func broken(_ example: Case) {
        let result = ManifestLoader.load(example.text)
        #expect(result.diagnostics.map { $0.formatted(file: "f.yaml") } == example.expected)
        #expect(result.platforms.count == example.loads)
    }

    @Test("a valid manifest loads with no diagnostics")
    func valid() throws {
        let result = ManifestLoader.load(Self.valid)
        #expect(result.diagnostics == [])
        let loaded = try #require(result.platforms.first)
        #expect(loaded.platform.metadata.name == "farmers")
        #expect(loaded.platform.spec.services.first?.replicas == 2)
        #expect(loaded.document.index == 1)
    }

    @Test("several documents load in order, and empty documents keep their numbers")
    func severalDocuments() throws {
        let second = Self.valid.replacingOccurrences(of: "name: farmers", with: "name: second")
        let result = ManifestLoader.load("---\n" + Self.valid + "\n---\n---\n" + second + "\n---\n")
        #expect(result.diagnostics == [])
        #expect(result.platforms.map(\.platform.metadata.name) == ["farmers", "second"])
        #expect(result.platforms.map(\.document.index) == [1, 3])
    }

    @Test("a good document still loads when another document in the file is broken")
    func partial() {
        let broken = Self.edit("replicas: 2", "replicas: two").replacingOccurrences(of: "farmers", with: "broken")
        let result = ManifestLoader.load(Self.valid + "\n---\n" + broken)
        #expect(result.platforms.map(\.platform.metadata.name) == ["farmers"])
        #expect(
            result.diagnostics.map { $0.formatted(file: "f") } == [
                "f:27:17: spec.services[0].replicas: expected an integer, found \"two\""
            ]
        )
    }

    @Test(
        "semantic findings are placed on the field's line, or on the nearest written ancestor's",
        arguments: [
            (
                "spec.services[0].name", "Invalid value: \"API\": must be a DNS-1035 label",
                "f:8: spec.services[0].name: Invalid value: \"API\": must be a DNS-1035 label"
            ),
            (
                "spec.services[0].autoscaling.minReplicas", "Required value",
                "f:8: spec.services[0].autoscaling.minReplicas: Required value"
            ),
            (
                "spec.datastores[0].engine", "spec.datastores[0].engine: Unsupported value: \"x\"",
                "f:16: spec.datastores[0].engine: Unsupported value: \"x\""
            ),
            ("spec.commonLabels[team]", "Invalid value", "f:7: spec.commonLabels[team]: Invalid value"),
        ]
    )
    func semantic(path: String, message: String, expected: String) throws {
        let loaded = try #require(ManifestLoader.load(Self.valid).platforms.first)
        let diagnostic = ManifestLoader.diagnostic(path: path, message: message, document: loaded.document)
        #expect(diagnostic.formatted(file: "f") == expected)
    }
}
