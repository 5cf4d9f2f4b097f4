/// A CEL expression that does not compile: a syntax error, a malformed macro, or an undeclared name.
///
/// `description` follows cel-go's issue format, which the API server puts after `compilation failed: `:
/// `ERROR: <input>:1:8: Syntax error: …` followed by the source line and a caret under the column.
struct CELCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `Syntax error: unexpected end of input` or `undeclared reference to 'x' (in container '')`.
    var message: String
    /// 1-based line and column (in Unicode scalars) of the offending token.
    var line: Int
    var column: Int
    /// The source line that holds the error, for the snippet.
    var sourceLine: String

    var description: String {
        let caret = String(repeating: ".", count: max(column - 1, 0)) + "^"
        return "ERROR: <input>:\(line):\(column): \(message)\n | \(sourceLine)\n | \(caret)"
    }

    /// An error at `offset` (in Unicode scalars) of `source`.
    init(_ message: String, at offset: Int, in source: [Unicode.Scalar]) {
        self.message = message
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, source.count) where source[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = lineStart
        while lineEnd < source.count, source[lineEnd] != "\n" { lineEnd += 1 }
        self.line = line
        self.column = offset - lineStart + 1
        var text = String.UnicodeScalarView()
        text.append(contentsOf: source[lineStart..<lineEnd])
        self.sourceLine = String(text)
    }
}

/// A CEL run-time error, such as `no such key: replicas`, `division by zero`, `integer overflow` or
/// `no such overload`. Errors are values in CEL: `&&`, `||` and the `all`/`exists` macros absorb them when the
/// other operands decide the result.
struct CELEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }

    init(_ message: String) { self.message = message }

    static let noSuchOverload = CELEvaluationError("no such overload")
    static let integerOverflow = CELEvaluationError("integer overflow")

    static func noSuchKey(_ key: CELValue) -> CELEvaluationError {
        if case .string(let name) = key { return CELEvaluationError("no such key: \(name)") }
        return CELEvaluationError("no such key: \(key)")
    }
}
