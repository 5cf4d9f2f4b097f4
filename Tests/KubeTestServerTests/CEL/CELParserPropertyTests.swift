import KubeCore
import PropertyBased
import Testing

@testable import KubeTestServer

@Suite("CEL parser properties")
struct CELParserPropertyTests {
    /// Pieces of CEL, so that random concatenations are often nearly valid and reach deep into the parser.
    static let fragments = [
        "self", "oldSelf", ".", "a", "size", "(", ")", "[", "]", "{", "}", ",", ":", "?", "!", "-", "+", "*", "/",
        "%", "<", "<=", "==", "!=", "&&", "||", " in ", "1", "0x1f", "2u", "1.5", ".5", "1e3", "'s'", "\"t\"",
        "r'\\d'", "b'x'", "'''", "\\", "'\\u00", "true", "null", "has(", ".all(x, ", ".exists_one(", ".map(x, x, ",
        "x", ".filter(", ".matches('", "[0]", "['k']", " ", "\n", "//", "9223372036854775808", "é",
    ]

    /// Strings of random printable ASCII characters.
    static let characters = Gen.character(in: " "..."~").string(of: 0...40)

    /// Random sequences of CEL fragments.
    static let soups = Gen.element(of: fragments).array(of: 0...40).map { $0.compactMap { $0 }.joined() }

    static func check(_ source: String) {
        let bindings: [String: CELValue] = [
            "self": CELValue(["a": 1, "k": ["x"], "items": [1, 2]], schema: nil),
            "oldSelf": .list([.int(1), .string("x")]),
        ]
        do {
            let program = try CELProgram(source)
            _ = try? program.evaluate(bindings)
        } catch {
            #expect(error.line >= 1 && error.column >= 1, "\(source)")
            #expect(error.description.hasPrefix("ERROR: <input>:"), "\(source)")
        }
    }

    @Test("Compiling and evaluating arbitrary text never crashes; failures are positioned compile errors")
    func arbitraryText() async {
        await propertyCheck(count: 500, input: Self.characters) {
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            Self.check($0)
        }
    }

    @Test("Compiling and evaluating random sequences of CEL fragments never crashes")
    func fragmentSoup() async {
        await propertyCheck(count: 1000, input: Self.soups) {
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            Self.check($0)
        }
    }

    @Test("Deeply nested input fails with a depth error instead of exhausting the stack")
    func deepNesting() {
        for opener in ["(", "[", "!(", "-(", "a.b(", "{1: "] {
            let source = String(repeating: opener, count: 1000)
            #expect(throws: CELCompileError.self, "\(opener)") { _ = try CELProgram(source) }
        }
        let long = Array(repeating: "1", count: 5000).joined(separator: " + ")
        #expect(throws: CELCompileError.self) { _ = try CELProgram(long) }
    }
}
