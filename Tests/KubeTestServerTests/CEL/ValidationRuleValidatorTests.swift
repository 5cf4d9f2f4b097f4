import KubeCore
import Testing

@testable import KubeTestServer

struct RuleCase: Sendable, CustomTestStringConvertible {
    var label: String
    var path: [String]
    var value: JSONValue?
    var expected: [StatusCause]
    var testDescription: String { label }
}

private func invalid(_ field: String, _ message: String) -> StatusCause {
    StatusCause(reason: "FieldValueInvalid", message: message, field: field)
}

@Suite("CEL validation rules in CRD schemas")
struct ValidationRuleValidatorTests {
    typealias F = ValidationRuleFixtures
    static let schema = CustomResourceSchema(openAPIV3Schema: F.schema)

    @Test("An object that satisfies every rule has no causes")
    func valid() {
        #expect(Self.schema.validate(F.valid) == [])
        #expect(Self.schema.validate(F.valid, old: F.valid) == [])
    }

    static let cases: [RuleCase] = [
        RuleCase(
            label: "a cross-field rule on spec",
            path: ["spec", "minReplicas"],
            value: 4,
            expected: [invalid("spec", "Invalid value: \"object\": minReplicas must be <= maxReplicas")]
        ),
        RuleCase(
            label: "unique names in a list",
            path: ["spec", "datastores"],
            value: [["name": "db"], ["name": "db"]],
            expected: [
                invalid(
                    "spec.services",
                    "Invalid value: \"object\": services may only use declared datastores: db, db"
                ),
                invalid("spec.datastores", "Invalid value: \"array\": datastore names must be unique"),
            ]
        ),
        RuleCase(
            label: "a reference to an undeclared datastore, reported at fieldPath with messageExpression",
            path: ["spec", "services", "0", "uses"],
            value: ["db", "queue"],
            expected: [
                invalid(
                    "spec.services",
                    "Invalid value: \"object\": services may only use declared datastores: db, cache"
                )
            ]
        ),
        RuleCase(
            label: "a rule on list items runs per item, reported at the item's fieldPath with the default message",
            path: ["spec", "services", "1", "port"],
            value: 70000,
            expected: [
                invalid(
                    "spec.services[1].port",
                    "Invalid value: \"object\": failed rule: self.port > 0 && self.port < 65536"
                )
            ]
        ),
        RuleCase(
            label: "a rule on map values runs per value",
            path: ["spec", "labels", "owner"],
            value: "a-very-long-owner",
            expected: [invalid("spec.labels[owner]", "Invalid value: \"string\": label values are short")]
        ),
        RuleCase(
            label: "a number field written as an integer is a double",
            path: ["spec", "weight"],
            value: 2,
            expected: [
                StatusCause(
                    reason: "FieldValueForbidden",
                    message: "Forbidden: failed rule: !has(self.weight) || self.weight <= 1.0",
                    field: "spec"
                )
            ]
        ),
        RuleCase(
            label: "a missing field is a run-time error",
            path: ["spec", "replicas"],
            value: ["max-surge": 1],
            expected: [
                invalid(
                    "spec.replicas",
                    "Invalid value: \"object\": no such key: count evaluating rule: self.count > 0"
                ),
                invalid(
                    "spec.replicas",
                    "Invalid value: \"object\": no such key: count evaluating rule: "
                        + "!has(self.max__dash__surge) || self.max__dash__surge <= self.count"
                ),
            ]
        ),
        RuleCase(
            label: "an escaped property name selects the property",
            path: ["spec", "replicas"],
            value: ["count": 1, "max-surge": 2],
            expected: [
                invalid(
                    "spec.replicas",
                    "Invalid value: \"object\": failed rule: "
                        + "!has(self.max__dash__surge) || self.max__dash__surge <= self.count"
                )
            ]
        ),
        RuleCase(
            label: "a root rule is reported at <nil>",
            path: ["metadata"],
            value: ["name": "forbidden", "labels": ["a": "b"]],
            expected: [
                invalid(
                    "<nil>",
                    "Invalid value: \"object\": failed rule: "
                        + "self.metadata.name != 'forbidden' && self.kind == 'Platform'"
                )
            ]
        ),
        RuleCase(
            label: "a structural type error blocks the rules",
            path: ["spec", "minReplicas"],
            value: "many",
            expected: [
                StatusCause(
                    reason: "FieldValueTypeInvalid",
                    message: "Invalid value: \"many\": spec.minReplicas in body must be of type integer: \"string\"",
                    field: "spec.minReplicas"
                ),
                invalid(
                    "<nil>",
                    "Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                        + "correct the existing errors to complete validation"
                ),
            ]
        ),
    ]

    /// A node's own rules run before the rules below it, as in the API server, which orders the causes.
    @Test("A failing rule gives the API server's cause", arguments: cases)
    func failures(_ testCase: RuleCase) {
        let object = F.valid(setting: testCase.path, to: testCase.value)
        #expect(Self.schema.validate(object) == testCase.expected)
    }

    @Test("A transition rule is skipped on create and enforced on update")
    func transitionRule() {
        let changed = F.valid(setting: ["spec", "storageClass"], to: "slow")
        #expect(Self.schema.validate(changed) == [])
        #expect(
            Self.schema.validate(changed, old: F.valid) == [
                invalid("spec.storageClass", "Invalid value: \"string\": storageClass is immutable")
            ]
        )
        let added = F.valid(setting: ["spec", "storageClass"], to: nil)
        #expect(Self.schema.validate(F.valid, old: added) == [])
    }

    @Test("An unchanged invalid value is ratcheted on update; a changed one, or a run-time error, is not")
    func ratcheting() {
        let invalidSpec = F.valid(setting: ["spec", "minReplicas"], to: 9)
        let relabeled = F.valid(setting: ["metadata", "name"], to: "q")
        let failure = invalid("spec", "Invalid value: \"object\": minReplicas must be <= maxReplicas")
        #expect(Self.schema.validate(invalidSpec) == [failure])
        #expect(Self.schema.validate(invalidSpec, old: invalidSpec) == [])
        #expect(
            Self.schema.validate(F.setting(invalidSpec, path: ["metadata", "name"], to: "q"), old: invalidSpec) == []
        )
        #expect(Self.schema.validate(invalidSpec, old: relabeled) == [failure])
        var longLabel = F.valid(setting: ["spec", "labels", "owner"], to: "a-very-long-owner")
        #expect(Self.schema.validate(longLabel, old: longLabel) == [])
        let old = longLabel
        longLabel[path: ["spec", "labels", "team"]] = "agri-platform"
        #expect(
            Self.schema.validate(longLabel, old: old) == [
                invalid("spec.labels[team]", "Invalid value: \"string\": label values are short")
            ]
        )
        let missingCount = F.valid(setting: ["spec", "replicas"], to: ["max-surge": 1])
        #expect(Self.schema.validate(missingCount, old: missingCount).count == 2)
    }

    @Test("Items of a map-type list find their old value by key, wherever they moved")
    func listMapCorrelation() {
        var reordered = F.valid
        reordered[path: ["spec", "services"]] = [
            ["name": "ui", "port": 81], ["name": "api", "port": 8080, "uses": ["db"]], ["name": "new", "port": 1],
        ]
        #expect(
            Self.schema.validate(reordered, old: F.valid) == [
                invalid("spec.services[0]", "Invalid value: \"object\": port is immutable")
            ]
        )
    }

    @Test("The Status message joins rule causes like other validation causes")
    func statusMessage() {
        let causes = Self.schema.validate(F.valid(setting: ["spec", "minReplicas"], to: 9))
        let error = APIError.invalid(kind: "Platform", group: "agri.example.com", name: "p", causes: causes)
        #expect(
            error.status.message
                == "Platform.agri.example.com \"p\" is invalid: "
                + "spec: Invalid value: \"object\": minReplicas must be <= maxReplicas"
        )
    }
}
