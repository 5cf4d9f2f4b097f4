import KubeCore

/// A compiled CEL expression: parsed, its names resolved, ready to evaluate against variable bindings.
///
/// Compilation checks syntax, macro shapes, and that every identifier is a declared variable (`self`, `oldSelf`,
/// a macro variable in scope) or a type name, every function is one this evaluator knows, and, given schemas, every
/// selected field is declared. It does not otherwise type-check: an expression cel-go rejects for mismatched types
/// (`self.name + 1`, `1 == 1.0`) compiles here and fails or succeeds at run time with CEL's dynamic semantics.
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
    ///
    /// `schemas` gives the structural schema of some variables (`self`, `oldSelf` of a rule). Selecting a field that
    /// an object schema with `properties` does not declare is then `undefined field 'x'`, as cel-go's checker
    /// reports it, unless the object keeps unknown fields. Macro variables take the schema of list items.
    init(
        _ source: String,
        variables: Set<String> = ["self", "oldSelf"],
        schemas: JSONObject = [:]
    ) throws(CELCompileError) {
        self.source = source
        self.expression = try CELParser.parse(source)
        var checker = Checker(source: Array(source.unicodeScalars), declared: variables, schemas: schemas)
        _ = try checker.check(expression)
    }

    /// Whether the expression uses `name`, e.g. whether a validation rule is a transition rule (`oldSelf`).
    func references(_ name: String) -> Bool { expression.references(name) }

    /// Evaluates the expression with `bindings` for its variables.
    func evaluate(_ bindings: [String: CELValue]) throws(CELEvaluationError) -> CELValue {
        try CELEvaluator(variables: bindings).evaluate(expression)
    }

    /// A property name as written in CEL, with Kubernetes' escapes undone: `__dash__` `-`, `__dot__` `.`,
    /// `__slash__` `/`, `__underscores__` `__`, and `__in__`-style escapes of reserved words.
    static func unescapedFieldName(_ name: String) -> String {
        guard name.contains("__") else { return name }
        if name.hasPrefix("__"), name.hasSuffix("__"), name.count > 4 {
            let word = String(name.dropFirst(2).dropLast(2))
            if CELParser.reserved.contains(word) || ["true", "false", "null"].contains(word) { return word }
        }
        let escapes = ["__underscores__": "__", "__dot__": ".", "__dash__": "-", "__slash__": "/"]
        var result = ""
        var rest = Substring(name)
        while !rest.isEmpty {
            if let (escape, replacement) = escapes.first(where: { rest.hasPrefix($0.key) }) {
                result += replacement
                rest = rest.dropFirst(escape.count)
            } else {
                result.append(rest.removeFirst())
            }
        }
        return result
    }

    /// Resolves names and, where schemas are known, field selections.
    private struct Checker {
        let source: [Unicode.Scalar]
        var declared: Set<String>
        var schemas: JSONObject

        func undeclared(_ name: String, _ offset: Int) -> CELCompileError {
            CELCompileError("undeclared reference to '\(name)' (in container '')", at: offset, in: source)
        }

        /// The schema of a field selected from a value of schema `schema`, or `nil` when unknown.
        func field(_ field: String, of schema: JSONValue?, offset: Int) throws(CELCompileError) -> JSONValue? {
            guard let schema else { return nil }
            if let additional = schema["additionalProperties"], additional.objectValue != nil { return additional }
            guard let properties = schema["properties"]?.objectValue,
                schema["x-kubernetes-preserve-unknown-fields"]?.boolValue != true
            else { return nil }
            guard let property = properties[CELProgram.unescapedFieldName(field)] else {
                throw CELCompileError("undefined field '\(field)'", at: offset, in: source)
            }
            return property
        }

        mutating func check(_ expression: CELExpression) throws(CELCompileError) -> JSONValue? {
            switch expression {
            case .literal:
                return nil
            case .identifier(let name, let offset):
                if declared.contains(name) { return schemas[name] }
                if typeNames.contains(name) { return nil }
                throw undeclared(name, offset)
            case .select(let operand, let name, let offset):
                return try field(name, of: try check(operand), offset: offset)
            case .has(let operand, let name, let offset):
                _ = try field(name, of: try check(operand), offset: offset)
                return nil
            case .unary(_, let operand):
                _ = try check(operand)
                return nil
            case .index(let operand, let index):
                let schema = try check(operand)
                _ = try check(index)
                if let items = schema?["items"] { return items }
                if let additional = schema?["additionalProperties"], additional.objectValue != nil { return additional }
                return nil
            case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
                _ = try check(a)
                _ = try check(b)
                return nil
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
                if let target { _ = try check(target) }
                for argument in arguments { _ = try check(argument) }
                return nil
            case .list(let elements):
                for element in elements { _ = try check(element) }
                return nil
            case .map(let entries):
                for entry in entries {
                    _ = try check(entry.key)
                    _ = try check(entry.value)
                }
                return nil
            case .conditional(let condition, let then, let otherwise):
                _ = try check(condition)
                _ = try check(then)
                _ = try check(otherwise)
                return nil
            case .comprehension(let macro, let range, let variable, let arguments):
                let rangeSchema = try check(range)
                var inner = self
                inner.declared.insert(variable)
                inner.schemas[variable] = rangeSchema?["items"]
                for argument in arguments { _ = try inner.check(argument) }
                return macro == .filter ? rangeSchema : nil
            }
        }
    }
}
