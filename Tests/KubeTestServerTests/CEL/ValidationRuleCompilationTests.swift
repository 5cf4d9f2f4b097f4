import KubeCore
import Testing

@testable import KubeTestServer

struct CompilationCase: Sendable, CustomTestStringConvertible {
    var rule: String
    /// The expected `field` and message suffix after `compilation failed: `, or `nil` when the rule compiles.
    var failure: (field: String, detail: String)?
    var testDescription: String { rule }
}

@Suite("CEL rule compilation at CRD creation")
struct ValidationRuleCompilationTests {
    typealias F = ValidationRuleFixtures
    static let specRules = "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0]"

    static let cases: [CompilationCase] = [
        CompilationCase(rule: "self.minReplicas <= self.maxReplicas"),
        CompilationCase(rule: "self.datastores.all(d, d.name.size() > 0 && d.engine in ['mongodb', 'redis'])"),
        CompilationCase(rule: "self.labels.all(k, self.labels[k].size() < 64) && self.labels.team != ''"),
        CompilationCase(rule: "self.replicas.max__dash__surge >= 0"),
        CompilationCase(
            rule: "self.minReplica <= 1",
            failure: (
                "\(specRules).rule",
                "ERROR: <input>:1:5: undefined field 'minReplica'\n | self.minReplica <= 1\n | ....^"
            )
        ),
        CompilationCase(
            rule: "self.datastores.all(d, d.nmae == 'x')",
            failure: (
                "\(specRules).rule",
                "ERROR: <input>:1:25: undefined field 'nmae'\n | self.datastores.all(d, d.nmae == 'x')\n | "
                    + String(repeating: ".", count: 24) + "^"
            )
        ),
        CompilationCase(
            rule: "has(self.service)",
            failure: (
                "\(specRules).rule", "ERROR: <input>:1:9: undefined field 'service'\n | has(self.service)\n | ........^"
            )
        ),
        CompilationCase(
            rule: "spec.minReplicas > 0",
            failure: (
                "\(specRules).rule",
                "ERROR: <input>:1:1: undeclared reference to 'spec' (in container '')\n | spec.minReplicas > 0\n | ^"
            )
        ),
    ]

    @Test("Rules compile against the schema of their node", arguments: cases)
    func compile(_ testCase: CompilationCase) {
        let crd = F.setting(
            F.crd,
            path: [
                "spec", "versions", "0", "schema", "openAPIV3Schema", "properties", "spec", "x-kubernetes-validations",
            ],
            to: [["rule": .string(testCase.rule)]]
        )
        let causes = CustomResourceSchema.validateDefinition(crd)
        guard let failure = testCase.failure else {
            #expect(causes == [])
            return
        }
        #expect(causes.map(\.field) == [failure.field])
        #expect(causes.first?.message?.hasSuffix("compilation failed: \(failure.detail)") == true, "\(causes)")
        #expect(causes.first?.reason == "FieldValueInvalid")
    }

    @Test("The fixture CRD compiles; a root rule sees only name and generateName in metadata")
    func fixture() {
        #expect(CustomResourceSchema.validateDefinition(F.crd) == [])
        let crd = F.setting(
            F.crd,
            path: ["spec", "versions", "0", "schema", "openAPIV3Schema", "x-kubernetes-validations"],
            to: [["rule": "has(self.metadata.generateName) || !has(self.metadata.labels)"]]
        )
        let causes = CustomResourceSchema.validateDefinition(crd)
        #expect(causes.map(\.field) == ["spec.validation.openAPIV3Schema.x-kubernetes-validations[0].rule"])
        #expect(causes.first?.message?.contains("undefined field 'labels'") == true)
    }

    @Test("Versions with different schemas are reported per version; an empty rule is required")
    func perVersion() {
        let broken: JSONValue = ["type": "object", "x-kubernetes-validations": [["rule": "self.a ==="], ["rule": ""]]]
        let crd = F.setting(
            F.crd,
            path: ["spec", "versions"],
            to: [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": F.schema]],
                ["name": "v2", "served": true, "storage": false, "schema": ["openAPIV3Schema": broken]],
            ]
        )
        let causes = CustomResourceSchema.validateDefinition(crd)
        #expect(
            causes.map(\.field) == [
                "spec.versions[1].schema.openAPIV3Schema.x-kubernetes-validations[0].rule",
                "spec.versions[1].schema.openAPIV3Schema.x-kubernetes-validations[1].rule",
            ]
        )
        #expect(causes.map(\.reason) == ["FieldValueInvalid", "FieldValueRequired"])
    }
}
