import Foundation
import KubeCore
import Testing

/// Cases from k8s.io/apimachinery/pkg/labels/selector_test.go.
@Suite("Label selectors")
struct LabelSelectorTests {
    @Test(
        "Good selectors print back without their spaces (TestSelectorParse)",
        arguments: ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]
    )
    func printsBack(selector: String) throws {
        let requirements = try LabelRequirement.parseList(selector)
        #expect(requirements.selectorString == selector.replacingOccurrences(of: " ", with: ""))
    }

    /// `TestSetSelectorParser`: input and canonical form of the parsed selector.
    static let validSelectors: [(String, String)] = [
        ("", ""),
        ("\rx", "x"),
        ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        (
            "this-is-another-dns.domain.com/key-with-dash in (so,what)",
            "this-is-another-dns.domain.com/key-with-dash in (so,what)"
        ),
        ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        ("foo  in\t (abc)", "foo in (abc)"),
        ("x notin\n (abc)", "x notin (abc)"),
        ("x  notin\t\t(abc,def)", "x notin (abc,def)"),
        ("x in (abc,def)", "x in (abc,def)"),
        ("x in (def,abc,def)", "x in (abc,def)"),
        ("x in (abc,)", "x in (,abc)"),
        ("x in ()", "x in ()"),
        ("x notin (abc,def),bar,z in (),w", "bar,w,x notin (abc,def),z in ()"),
        ("x,y in (a)", "x,y in (a)"),
        ("x=a", "x=a"),
        ("x==a", "x==a"),
        ("x>1", "x>1"),
        ("x<7", "x<7"),
        ("x=a,y!=b", "x=a,y!=b"),
        ("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
        ("x notin ( )", "x notin ()"),
        ("x notin (, a)", "x notin (,a)"),
        ("a ", "a"),
        ("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
        ("notin=in", "notin=in"),
        ("x=a,a=x", "a=x,x=a"),
        ("z,!a,m=1", "!a,m=1,z"),
    ]

    @Test("Valid selectors parse to their canonical form (TestSetSelectorParser)", arguments: validSelectors)
    func parsesValid(selector: String, canonical: String) throws {
        #expect(try LabelRequirement.parseList(selector).selectorString == canonical)
    }

    @Test(
        "Invalid selectors are rejected",
        arguments: [
            "x=a||y=b", "x==a==b", "!x=a", "x<a", "x,y,", ",x,y", "x nott in (y)", "a in (xyz),",
            "a in (xyz)b notin ()",
            "a in (xyz abc)", "a notin(", "a (", "(", "x in", "x=a b", "-x", "x=-a", "a/b/c", "Example.com/x",
            "x in (a,b", String(repeating: "a", count: 64), "x>1.5", "!x in (a)", "x>-1",
        ]
    )
    func rejectsInvalid(selector: String) {
        #expect(throws: LabelSelectorParseError.self) { try LabelRequirement.parseList(selector) }
        #expect(throws: LabelSelectorParseError.self) { try LabelSelector(parsing: selector) }
    }

    /// Selector text, the offset of the offending token, and a word of the message.
    static let errorPositions: [(String, Int, String)] = [
        ("a in (xyz abc)", 10, "found 'abc'"),
        ("x=a,", 4, "identifier after ','"),
        ("x==a==b", 4, "found '=='"),
        ("app=web,bad key=x", 12, "found 'key'"),
        ("app=web,-bad=x", 8, "invalid label key"),
        ("app=-web", 4, "invalid label value"),
        ("x in (a", 7, "found 'end of string'"),
    ]

    @Test("Errors give the position of the offending token", arguments: errorPositions)
    func errorPosition(selector: String, position: Int, message: String) {
        do {
            _ = try LabelRequirement.parseList(selector)
            Issue.record("\(selector) parsed")
        } catch {
            #expect(error.position == position)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.description.contains("position \(position)"))
        }
    }

    /// `TestSelectorMatches` and `TestRequirementSelectorMatching`.
    static let matchCases: [(String, [String: String], Bool)] = [
        ("", ["x": "y"], true),
        ("x=y", ["x": "y"], true),
        ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true),
        ("notin=in", ["notin": "in"], true),
        ("x", ["x": "z"], true),
        ("!x", ["y": "z"], true),
        ("x>1", ["x": "2"], true),
        ("x<1", ["x": "0"], true),
        ("x=z", [:], false),
        ("x=y", ["x": "z"], false),
        ("x=y,z=w", ["x": "w", "z": "w"], false),
        ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("x", ["y": "z"], false),
        ("!x", ["x": "z"], false),
        ("x>1", ["x": "0"], false),
        ("x<1", ["x": "2"], false),
        ("x>1", [:], false),
        ("x>1", ["x": "v2"], false),
        ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
        ("x in (foo),y notin (alpha)", ["x": "foo", "y": "baz"], true),
        ("x in (foo),y in (alpha)", ["x": "foo", "y": "baz"], false),
        ("x notin (),y", ["y": ""], true),
        ("!x,y", ["y": ""], true),
        ("x notin (),!y", ["y": ""], false),
        ("x in ()", ["y": "baz"], false),
        ("x in ()", ["x": ""], true),
        ("x!=y", [:], true),
        ("x notin (a,b)", ["y": "a"], true),
        ("x=", ["x": ""], true),
        ("x=", [:], false),
    ]

    @Test("Matching follows the API semantics", arguments: matchCases)
    func matching(selector: String, labels: [String: String], expected: Bool) throws {
        #expect(try LabelRequirement.parseList(selector).matches(labels) == expected)
        if !selector.contains(">") && !selector.contains("<") {
            #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
        }
    }

    /// `TestRequirementConstructor`.
    static let constructorCases: [(String, LabelRequirement.Operator, [String], Bool)] = [
        ("x", .in, [], false), ("x", .notIn, [], false), ("x", .in, ["foo"], true), ("x", .notIn, ["foo"], true),
        ("x", .exists, [], true), ("x", .doesNotExist, [], true), ("1foo", .in, ["bar"], true),
        ("1234", .in, ["bar"], true), ("y", .greaterThan, ["1"], true), ("z", .lessThan, ["6"], true),
        ("foo", .greaterThan, ["bar"], false), ("barz", .lessThan, ["blah"], false),
        (String(repeating: "a", count: 254), .exists, [], false), ("x", .exists, ["a"], false),
        ("x", .equals, ["a", "b"], false), ("x", .equals, [], false), ("example.com/x", .equals, ["y"], true),
        ("/x", .exists, [], false), ("example.com/", .exists, [], false), ("a_b.c-d", .exists, [], true),
        ("x", .equals, [String(repeating: "v", count: 64)], false), ("x", .equals, ["v_1.2-3"], true),
    ]

    @Test("Requirements validate keys, values and value counts", arguments: constructorCases)
    func constructor(key: String, op: LabelRequirement.Operator, values: [String], valid: Bool) {
        let result = Result { () throws(LabelSelectorParseError) in
            try LabelRequirement(key: key, operator: op, values: values)
        }
        #expect(((try? result.get()) != nil) == valid)
    }

    @Test("Requirements print like Requirement.String (TestToString)")
    func requirementText() throws {
        let requirements = [
            try LabelRequirement(key: "x", operator: .notIn, values: ["def", "abc"]),
            try LabelRequirement(key: "y", operator: .notEquals, values: ["jkl"]),
            try LabelRequirement(key: "z", operator: .doesNotExist),
        ]
        #expect(requirements.selectorString == "x notin (abc,def),y!=jkl,!z")
        let more = [
            try LabelRequirement(key: "x", operator: .equals, values: ["abc"]),
            try LabelRequirement(key: "y", operator: .doubleEquals, values: ["jkl"]),
            try LabelRequirement(key: "z", operator: .notEquals, values: ["a"]),
            try LabelRequirement(key: "z", operator: .exists),
        ]
        #expect(more.selectorString == "x=abc,y==jkl,z!=a,z")
    }

    @Test("A LabelSelector converts to and from the string form")
    func labelSelectorConversion() throws {
        let selector = LabelSelector(
            matchLabels: ["app": "web", "tier": "frontend"],
            matchExpressions: [
                .init(key: "env", operator: .in, values: ["prod", "staging"]),
                .init(key: "canary", operator: .doesNotExist),
                .init(key: "zone", operator: .notIn, values: ["b", "a"]),
                .init(key: "gpu", operator: .exists),
            ]
        )
        let text = selector.selectorString
        #expect(text == "app=web,!canary,env in (prod,staging),gpu,tier=frontend,zone notin (a,b)")
        let parsed = try LabelSelector(parsing: text)
        #expect(parsed.matchLabels == ["app": "web", "tier": "frontend"])
        #expect(
            parsed.matchExpressions == [
                .init(key: "canary", operator: .doesNotExist),
                .init(key: "env", operator: .in, values: ["prod", "staging"]),
                .init(key: "gpu", operator: .exists),
                .init(key: "zone", operator: .notIn, values: ["a", "b"]),
            ]
        )
        #expect(parsed.selectorString == text)

        let mixed = try LabelSelector(parsing: "a=1,a==2,b!=3")
        #expect(mixed.matchLabels == ["a": "1"])
        #expect(
            mixed.matchExpressions == [
                .init(key: "a", operator: .in, values: ["2"]), .init(key: "b", operator: .notIn, values: ["3"]),
            ]
        )
        #expect(try LabelSelector(parsing: "") == LabelSelector())
        #expect(throws: LabelSelectorParseError.self) { try LabelSelector(parsing: "replicas>2") }
    }

    @Test("LabelSelector matching: empty matches all, NotIn matches a missing key, invalid matches nothing")
    func labelSelectorMatching() {
        #expect(LabelSelector().matches([:]))
        #expect(LabelSelector(matchLabels: [:], matchExpressions: []).matches(["a": "b"]))
        let notIn = LabelSelector(matchExpressions: [.init(key: "env", operator: .notIn, values: ["prod"])])
        #expect(notIn.matches([:]))
        #expect(notIn.matches(["env": "dev"]))
        #expect(!notIn.matches(["env": "prod"]))
        let both = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [.init(key: "env", operator: .in, values: ["prod"])]
        )
        #expect(both.matches(["app": "web", "env": "prod", "extra": "x"]))
        #expect(!both.matches(["app": "web"]))
        #expect(!both.matches(["env": "prod"]))
        let emptyIn = LabelSelector(matchExpressions: [.init(key: "env", operator: .in, values: [])])
        #expect(!emptyIn.matches(["env": "prod"]))
        #expect(throws: LabelSelectorParseError.self) { try emptyIn.requirements() }
        #expect(!LabelSelector(matchLabels: ["bad key": "x"]).matches(["bad key": "x"]))
        #expect(emptyIn.selectorString == "env in ()")
    }
}
