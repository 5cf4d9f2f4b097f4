/// A compiled CEL expression: parsed, its names resolved, ready to evaluate against variable bindings.
///
/// Compilation checks syntax, macro shapes, and that every identifier is a declared variable (`self`, `oldSelf`,
/// a macro variable in scope) or a type name, and every function is one this evaluator knows. It does not
/// type-check: an expression cel-go rejects for mismatched types (`self.name + 1`, `1 == 1.0`) compiles here and
/// fails or succeeds at run time with CEL's dynamic semantics.
struct CELProgram: Sendable {
    /// The names CEL reserves for types, usable as values (`type(x) == string`).
    static let typeNames: Set<String> = [
        "int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn",
    ]
    /// Global functions and conversions, with their argument counts.
    static let globalFunctions: [String: Set<Int>] = [
        "size": [1], "int": [1], "uint": [1], "double": [1], "string": [1], "bytes": [1], "bool": [1],
        "type": [1], "dyn": [1], "matches": [2],
    ]
    /// Member functions (`x.f(…)`), with their argument counts (the receiver not counted).
    static let memberFunctions: [String: Set<Int>] = [
        "size": [0], "startsWith": [1], "endsWith": [1], "contains": [1], "matches": [1], "lowerAscii": [0],
        "upperAscii": [0], "trim": [0], "split": [1, 2], "join": [0, 1], "indexOf": [1, 2], "lastIndexOf": [1, 2],
        "charAt": [1], "substring": [1, 2], "replace": [2, 3], "isSorted": [0], "sum": [0], "min": [0], "max": [0],
    ]

    let source: String
    let expression: CELExpression

    /// Parses and checks `source` with `variables` declared.
    init(_ source: String, variables: Set<String> = ["self", "oldSelf"]) throws(CELCompileError) {
        self.source = source
        self.expression = try CELParser.parse(source)
        try Self.check(expression, declared: variables, source: Array(source.unicodeScalars))
    }

    /// Whether the expression uses `name`, e.g. whether a validation rule is a transition rule (`oldSelf`).
    func references(_ name: String) -> Bool { expression.references(name) }

    /// Evaluates the expression with `bindings` for its variables.
    func evaluate(_ bindings: [String: CELValue]) throws(CELEvaluationError) -> CELValue {
        try CELEvaluator(variables: bindings).evaluate(expression)
    }

    private static func check(
        _ expression: CELExpression,
        declared: Set<String>,
        source: [Unicode.Scalar]
    ) throws(CELCompileError) {
        func undeclared(_ name: String, _ offset: Int) -> CELCompileError {
            CELCompileError("undeclared reference to '\(name)' (in container '')", at: offset, in: source)
        }
        switch expression {
        case .literal: return
        case .identifier(let name, let offset):
            if !declared.contains(name) && !typeNames.contains(name) { throw undeclared(name, offset) }
        case .select(let operand, _), .has(let operand, _), .unary(_, let operand):
            try check(operand, declared: declared, source: source)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            try check(a, declared: declared, source: source)
            try check(b, declared: declared, source: source)
        case .call(let name, let target, let arguments, let offset):
            let table = target == nil ? globalFunctions : memberFunctions
            guard let counts = table[name] else { throw undeclared(name, offset) }
            if !counts.contains(arguments.count) {
                let receiver = target == nil ? "" : "receiver + "
                throw CELCompileError(
                    "found no matching overload for '\(name)' applied to \(receiver)\(arguments.count) argument(s)",
                    at: offset,
                    in: source
                )
            }
            if let target { try check(target, declared: declared, source: source) }
            for argument in arguments { try check(argument, declared: declared, source: source) }
        case .list(let elements):
            for element in elements { try check(element, declared: declared, source: source) }
        case .map(let entries):
            for entry in entries {
                try check(entry.key, declared: declared, source: source)
                try check(entry.value, declared: declared, source: source)
            }
        case .conditional(let condition, let then, let otherwise):
            try check(condition, declared: declared, source: source)
            try check(then, declared: declared, source: source)
            try check(otherwise, declared: declared, source: source)
        case .comprehension(_, let range, let variable, let arguments):
            try check(range, declared: declared, source: source)
            var inner = declared
            inner.insert(variable)
            for argument in arguments { try check(argument, declared: inner, source: source) }
        }
    }
}
