import KubeCore
import Testing

@testable import KubeTestServer

/// An expression printed with every operation parenthesized, to make the parser's grouping visible.
func rendered(_ expression: CELExpression) -> String {
    switch expression {
    case .literal(let value): return value.description
    case .identifier(let name, _): return name
    case .select(let operand, let field, _): return "\(rendered(operand)).\(field)"
    case .has(let operand, let field, _): return "has(\(rendered(operand)).\(field))"
    case .index(let operand, let index): return "\(rendered(operand))[\(rendered(index))]"
    case .call(let name, let target, let arguments, _):
        let list = arguments.map(rendered).joined(separator: ", ")
        return target.map { "\(rendered($0)).\(name)(\(list))" } ?? "\(name)(\(list))"
    case .list(let elements): return "[" + elements.map(rendered).joined(separator: ", ") + "]"
    case .map(let entries):
        return "{" + entries.map { "\(rendered($0.key)): \(rendered($0.value))" }.joined(separator: ", ") + "}"
    case .unary(let op, let operand): return "(\(op.rawValue)\(rendered(operand)))"
    case .binary(let op, let left, let right): return "(\(rendered(left)) \(op.rawValue) \(rendered(right)))"
    case .and(let left, let right): return "(\(rendered(left)) && \(rendered(right)))"
    case .or(let left, let right): return "(\(rendered(left)) || \(rendered(right)))"
    case .conditional(let condition, let then, let otherwise):
        return "(\(rendered(condition)) ? \(rendered(then)) : \(rendered(otherwise)))"
    case .comprehension(let macro, let range, let variable, let arguments):
        let list = ([variable] + arguments.map(rendered)).joined(separator: ", ")
        return "\(rendered(range)).\(macro.rawValue)(\(list))"
    }
}

struct ParseCase: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String
    var testDescription: String { source }
    init(_ source: String, _ expected: String) {
        self.source = source
        self.expected = expected
    }
}

struct ParseErrorCase: Sendable, CustomTestStringConvertible {
    var source: String
    /// A fragment of the error description.
    var fragment: String
    var testDescription: String { source }
    init(_ source: String, _ fragment: String) {
        self.source = source
        self.fragment = fragment
    }
}

@Suite("CEL parser")
struct CELParserTests {
    static let grouping: [ParseCase] = [
        ParseCase("1 + 2 * 3", "(1 + (2 * 3))"),
        ParseCase("1 - 2 - 3", "((1 - 2) - 3)"),
        ParseCase("a || b && c", "(a || (b && c))"),
        ParseCase("a && b || c && d", "((a && b) || (c && d))"),
        ParseCase("1 < 2 == true", "((1 < 2) == true)"),
        ParseCase("x in [1, 2] && y", "((x in [1, 2]) && y)"),
        ParseCase("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        ParseCase("a || b ? c : d", "((a || b) ? c : d)"),
        ParseCase("!a && b", "((!a) && b)"),
        ParseCase("!!a", "a"),
        ParseCase("-x.y", "(-x.y)"),
        ParseCase("-5 * 2", "(-5 * 2)"),
        ParseCase("-9223372036854775808", "-9223372036854775808"),
        ParseCase("self.a.b[0]['k'].size()", "self.a.b[0][\"k\"].size()"),
        ParseCase("size(self) + 1u", "(size(self) + 1u)"),
        ParseCase("has(self.spec.x)", "has(self.spec.x)"),
        ParseCase("self.all(s, s > 0)", "self.all(s, (s > 0))"),
        ParseCase("self.map(x, x % 2 == 0, x * 2)", "self.map(x, ((x % 2) == 0), (x * 2))"),
        ParseCase("{'a': 1, 'b': [2.5, .5],}", "{\"a\": 1, \"b\": [2.5, 0.5]}"),
        ParseCase("1e3 + 0x10", "(1000 + 16)"),
        ParseCase("'\\x41\\u00e9\\101' + r'\\n' + \"\"\"a\nb\"\"\"", "((\"A\u{e9}A\" + \"\\n\") + \"a\nb\")"),
        ParseCase("a // comment\n + b", "(a + b)"),
    ]

    @Test("Operators group by CEL precedence and associativity", arguments: grouping)
    func precedence(_ testCase: ParseCase) throws {
        #expect(rendered(try CELParser.parse(testCase.source)) == testCase.expected)
    }

    static let errors: [ParseErrorCase] = [
        ParseErrorCase("self.a <", "ERROR: <input>:1:9: Syntax error: mismatched input '<EOF>'"),
        ParseErrorCase("(1 + 2", "Syntax error: mismatched input '<EOF>' expecting ')'"),
        ParseErrorCase("1 + + 2", "Syntax error"),
        ParseErrorCase("self.", "expecting IDENTIFIER"),
        ParseErrorCase("'abc", "unterminated string literal"),
        ParseErrorCase("'\\q'", "invalid escape sequence"),
        ParseErrorCase("9223372036854775808", "invalid int literal"),
        ParseErrorCase("a # b", "token recognition error at: '#'"),
        ParseErrorCase("if", "reserved identifier: if"),
        ParseErrorCase("has(self)", "invalid argument to has() macro"),
        ParseErrorCase("self.all(1, true)", "argument must be a simple name"),
        ParseErrorCase("Foo{a: 1}", "message construction is not supported"),
        ParseErrorCase(
            String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
            "max recursion depth exceeded"
        ),
    ]

    @Test("Malformed expressions fail with a positioned syntax error", arguments: errors)
    func syntaxErrors(_ testCase: ParseErrorCase) {
        #expect {
            _ = try CELParser.parse(testCase.source)
        } throws: { error in
            "\(error)".contains(testCase.fragment)
        }
    }

    static let undeclared: [ParseErrorCase] = [
        ParseErrorCase("foo == 1", "ERROR: <input>:1:1: undeclared reference to 'foo' (in container '')"),
        ParseErrorCase("self.all(x, y > 0)", "undeclared reference to 'y'"),
        ParseErrorCase("self.frobnicate()", "undeclared reference to 'frobnicate'"),
        ParseErrorCase("self.startsWith()", "found no matching overload for 'startsWith'"),
    ]

    @Test("Compilation rejects undeclared names and unknown functions", arguments: undeclared)
    func names(_ testCase: ParseErrorCase) {
        #expect {
            _ = try CELProgram(testCase.source)
        } throws: { error in
            "\(error)".contains(testCase.fragment)
        }
    }

    @Test("A compile error shows the source line with a caret under the column")
    func snippet() {
        #expect(throws: CELCompileError.self) { _ = try CELProgram("self.x &&\n  self.y ++ 1") }
        do {
            _ = try CELProgram("self.x &&\n  self.y + + )")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasSuffix("\n |   self.y + + )\n | ...........^"))
        }
    }

    @Test("Macro variables are in scope only inside the macro, and oldSelf use is detected")
    func scoping() throws {
        #expect(throws: CELCompileError.self) { _ = try CELProgram("self.all(x, x > 0) && x > 0") }
        #expect(try CELProgram("self.x == oldSelf.x").references("oldSelf"))
        #expect(try !CELProgram("self.all(oldSelf, oldSelf > 0)").references("oldSelf"))
    }
}
