import KubeCore
import Testing

@testable import KubeTestServer

struct EvaluationCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        case value(CELValue)
        case error(String)
    }
    var source: String
    var outcome: Outcome
    var testDescription: String { source }
    init(_ source: String, _ value: CELValue) {
        self.source = source
        self.outcome = .value(value)
    }
    init(_ source: String, error: String) {
        self.source = source
        self.outcome = .error(error)
    }
}

/// The `self` of the evaluator cases: a spec-like object with ints, a double, strings, a list and a map.
private let sample: JSONValue = [
    "min": 1, "max": 5, "ratio": 0.5, "name": "web-01", "empty": "",
    "names": ["a", "b", "c"], "numbers": [3, 1, 2], "labels": ["app": "web", "tier": "front"],
    "services": [["name": "api", "uses": ["db"]], ["name": "ui"]],
]

@Suite("CEL evaluator")
struct CELEvaluatorTests {
    static func evaluate(_ source: String, self value: JSONValue = sample) throws -> CELValue {
        try CELProgram(source).evaluate(["self": CELValue(value, schema: nil)])
    }

    static let cases: [EvaluationCase] = [
        // Arithmetic, overflow and division.
        EvaluationCase("1 + 2 * 3 - 4 / 2 % 3", .int(5)),
        EvaluationCase("7 / -2", .int(-3)),
        EvaluationCase("-7 % 3", .int(-1)),
        EvaluationCase("9223372036854775807 + 1", error: "integer overflow"),
        EvaluationCase("-9223372036854775808 - 1", error: "integer overflow"),
        EvaluationCase("-9223372036854775808 / -1", error: "integer overflow"),
        EvaluationCase("-(-9223372036854775808)", error: "integer overflow"),
        EvaluationCase("4611686018427387904 * 2", error: "integer overflow"),
        EvaluationCase("0u - 1u", error: "integer overflow"),
        EvaluationCase("1 / 0", error: "division by zero"),
        EvaluationCase("1 % 0", error: "modulus by zero"),
        EvaluationCase("1.0 / 0.0 > 1e308", .bool(true)),
        EvaluationCase("1 + 1.0", error: "no such overload"),
        EvaluationCase("'a' + 'b' + \"c\"", .string("abc")),
        EvaluationCase("[1] + [2, 3] == [1, 2, 3]", .bool(true)),
        // Heterogeneous equality and ordering.
        EvaluationCase("1 == 1.0", .bool(true)),
        EvaluationCase("1u == 1", .bool(true)),
        EvaluationCase("1 != 'a'", .bool(true)),
        EvaluationCase("[1, 2.0] == [1.0, 2u]", .bool(true)),
        EvaluationCase("{'a': 1} == {'a': 1.0}", .bool(true)),
        EvaluationCase("1 < 1.5 && 2u > 1 && -1 < 0u", .bool(true)),
        EvaluationCase("'a' < 'b' && 'B' < 'a'", .bool(true)),
        EvaluationCase("1 < 'a'", error: "no such overload"),
        EvaluationCase("null == null", .bool(true)),
        // Logic: commutative short-circuit absorbing errors.
        EvaluationCase("false && 1 / 0 == 1", .bool(false)),
        EvaluationCase("1 / 0 == 1 && false", .bool(false)),
        EvaluationCase("true || self.missing", .bool(true)),
        EvaluationCase("self.missing || true", .bool(true)),
        EvaluationCase("self.missing || false", error: "no such key: missing"),
        EvaluationCase("true && self.missing", error: "no such key: missing"),
        EvaluationCase("1 && true", error: "no such overload"),
        EvaluationCase("true ? 1 : 1 / 0", .int(1)),
        EvaluationCase("self.min > 0 ? 'pos' : 'neg'", .string("pos")),
        // Fields, has(), indexes.
        EvaluationCase("self.min <= self.max", .bool(true)),
        EvaluationCase("self.ratio * 2.0", .double(1)),
        EvaluationCase("self.missing == 1", error: "no such key: missing"),
        EvaluationCase("has(self.min) && !has(self.missing)", .bool(true)),
        EvaluationCase("has(self.labels.app)", .bool(true)),
        EvaluationCase("self.labels['tier']", .string("front")),
        EvaluationCase("self.labels['zone']", error: "no such key: zone"),
        EvaluationCase("self.names[1]", .string("b")),
        EvaluationCase("self.names[3]", error: "index out of bounds: 3"),
        EvaluationCase("'app' in self.labels && 'b' in self.names && !(4 in self.numbers)", .bool(true)),
        EvaluationCase("self.name.missing", error: "no such overload"),
        // Macros.
        EvaluationCase("self.numbers.all(n, n > 0)", .bool(true)),
        EvaluationCase("self.numbers.exists(n, n == 2)", .bool(true)),
        EvaluationCase("self.numbers.exists_one(n, n > 1)", .bool(false)),
        EvaluationCase("self.numbers.map(n, n * 10)", .list([.int(30), .int(10), .int(20)])),
        EvaluationCase("self.numbers.map(n, n > 1, n * 10)", .list([.int(30), .int(20)])),
        EvaluationCase("self.numbers.filter(n, n % 2 == 1)", .list([.int(3), .int(1)])),
        EvaluationCase("self.labels.all(k, k.size() > 2)", .bool(true)),
        EvaluationCase("self.labels.exists(k, self.labels[k] == 'web')", .bool(true)),
        EvaluationCase("[0, 1].all(n, 1 / n > 0)", error: "division by zero"),
        EvaluationCase("[0, -1].all(n, 1 / n > 0)", .bool(false)),
        EvaluationCase("[0, 1].exists(n, 1 / n > 0)", .bool(true)),
        EvaluationCase("[0, 1].exists_one(n, 1 / n > 0)", error: "division by zero"),
        EvaluationCase("self.names.all(s, self.names.exists_one(t, t == s))", .bool(true)),
        EvaluationCase("['a', 'a'].all(s, ['a', 'a'].exists_one(t, t == s))", .bool(false)),
        EvaluationCase("self.services.all(s, !has(s.uses) || s.uses.all(u, u in ['db']))", .bool(true)),
        EvaluationCase("self.services.all(s, s.uses.all(u, u == 'db'))", error: "no such key: uses"),
        // Strings.
        EvaluationCase("self.name.startsWith('web') && self.name.endsWith('01')", .bool(true)),
        EvaluationCase("self.name.contains('b-0') && !self.name.contains('x')", .bool(true)),
        EvaluationCase("self.name.matches('^[a-z]+-[0-9]+$')", .bool(true)),
        EvaluationCase("self.name.matches('[0-9]')", .bool(true)),
        EvaluationCase("matches(self.name, '^x')", .bool(false)),
        EvaluationCase("'a'.matches('(')", error: "given regex is invalid"),
        EvaluationCase("'ÀbC'.lowerAscii() + 'ÀbC'.upperAscii()", .string("ÀbcÀBC")),
        EvaluationCase("'  x y \\n'.trim()", .string("x y")),
        EvaluationCase("'a,b,,c'.split(',')", .list([.string("a"), .string("b"), .string(""), .string("c")])),
        EvaluationCase("'a,b,c'.split(',', 2)", .list([.string("a"), .string("b,c")])),
        EvaluationCase("self.names.join('-') + ['x'].join()", .string("a-b-cx")),
        EvaluationCase("'héllo'.indexOf('l') + 'héllo'.lastIndexOf('l') + 'abc'.indexOf('z')", .int(4)),
        EvaluationCase("'héllo'.size() + size('ab')", .int(7)),
        EvaluationCase("'héllo'.charAt(1) + 'abc'.substring(1) + 'abcd'.substring(1, 3)", .string("ébcbc")),
        EvaluationCase("'abc'.substring(4)", error: "index out of range: 4"),
        EvaluationCase("'a-b-c'.replace('-', '+') + 'a-b-c'.replace('-', '', 1)", .string("a+b+cab-c")),
        // Lists library.
        EvaluationCase("[1, 2, 2, 3].isSorted() && !self.numbers.isSorted()", .bool(true)),
        EvaluationCase("self.numbers.sum() == 6 && [1.5, 2.0].sum() == 3.5 && [].sum() == 0", .bool(true)),
        EvaluationCase("self.numbers.min() * 10 + self.numbers.max()", .int(13)),
        EvaluationCase("[].max()", error: "max called on empty list"),
        EvaluationCase("self.names.indexOf('c') + self.names.lastIndexOf('z')", .int(1)),
        // Conversions and types.
        EvaluationCase("int('42') + int(2.9) + int(3u)", .int(47)),
        EvaluationCase("uint(-1)", error: "integer overflow"),
        EvaluationCase("int(1e19)", error: "integer overflow"),
        EvaluationCase("double(1) / 2.0", .double(0.5)),
        EvaluationCase("string(1) + string(2u) + string(2.5) + string(true)", .string("122.5true")),
        EvaluationCase("type(self.min) == int && type(self.name) == string && type(self) == map", .bool(true)),
        EvaluationCase("type(1u) == uint && type([]) == list && type(null) == null_type", .bool(true)),
        EvaluationCase("size(self.labels) + size(self.names) + size(b'ab')", .int(7)),
        EvaluationCase("dyn(1) == 1", .bool(true)),
    ]

    @Test("Expressions evaluate with CEL semantics", arguments: cases)
    func evaluation(_ testCase: EvaluationCase) {
        let result: Result<CELValue, any Error> = Result { try Self.evaluate(testCase.source) }
        switch (testCase.outcome, result) {
        case (.value(let expected), .success(let actual)):
            #expect(actual.isEqual(to: expected) && actual.typeName == expected.typeName, "got \(actual)")
        case (.error(let expected), .failure(let error)):
            #expect((error as? CELEvaluationError)?.message == expected, "got \(error)")
        case (_, .success(let actual)):
            Issue.record("expected an error, got \(actual)")
        case (_, .failure(let error)):
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Schema types decide int versus double, so an integral number field is a double")
    func schemaTypes() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["weight": ["type": "number"], "count": ["type": "integer"]],
        ]
        let value = CELValue(["weight": 2, "count": 3], schema: schema)
        let program = try CELProgram("type(self.weight) == double && type(self.count) == int")
        #expect(try program.evaluate(["self": value]).isEqual(to: .bool(true)))
    }
}
