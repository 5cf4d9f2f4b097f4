/// A recursive-descent parser for CEL expressions, with the spec's precedence (lowest first):
/// `?:`, `||`, `&&`, relations (`< <= > >= == != in`), `+ -`, `* / %`, unary `! -`, member (`.f`, `.f()`, `[i]`).
///
/// Binary operators are left-associative; `?:` is right-associative. Macros are expanded here: `has(a.b)`,
/// `e.all(x, p)`, `e.exists(x, p)`, `e.exists_one(x, p)`, `e.map(x, t)`, `e.map(x, p, t)`, `e.filter(x, p)`.
/// Not supported: message construction (`Type{field: v}`), optional syntax (`a.?b`, `[?x]`), two-variable
/// comprehensions. Nesting deeper than 250 levels is an error, as in cel-go.
/// See <https://github.com/google/cel-spec/blob/master/doc/langdef.md#syntax>.
struct CELParser {
    static let maxDepth = 250
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while", "in",
    ]

    private let tokens: [CELLexer.Token]
    private let source: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    /// Parses a whole expression.
    static func parse(_ text: String) throws(CELCompileError) -> CELExpression {
        var parser = CELParser(tokens: try CELLexer.tokens(of: text), source: Array(text.unicodeScalars))
        let expression = try parser.expression()
        guard parser.current.kind == .end else { throw parser.unexpected() }
        return expression
    }

    private init(tokens: [CELLexer.Token], source: [Unicode.Scalar]) {
        self.tokens = tokens
        self.source = source
    }

    private var current: CELLexer.Token { tokens[position] }

    private func peekKind(_ ahead: Int) -> CELLexer.Token.Kind {
        tokens[min(position + ahead, tokens.count - 1)].kind
    }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ symbol: String) throws(CELCompileError) {
        guard accept(symbol) else { throw unexpected(expecting: "'\(symbol)'") }
    }

    private func error(_ message: String, at offset: Int) -> CELCompileError {
        CELCompileError(message, at: offset, in: source)
    }

    private func unexpected(expecting: String? = nil) -> CELCompileError {
        let found: String
        switch current.kind {
        case .end: found = "'<EOF>'"
        case .symbol(let symbol): found = "'\(symbol)'"
        case .identifier(let name): found = "'\(name)'"
        default: found = "literal"
        }
        let suffix = expecting.map { " expecting \($0)" } ?? ""
        let verb = expecting == nil && current.kind != .end ? "extraneous input" : "mismatched input"
        return error("Syntax error: \(verb) \(found)\(suffix)", at: current.offset)
    }

    private mutating func nest() throws(CELCompileError) {
        depth += 1
        if depth > Self.maxDepth { throw error("Syntax error: max recursion depth exceeded", at: current.offset) }
    }

    private mutating func expression() throws(CELCompileError) -> CELExpression {
        try nest()
        defer { depth -= 1 }
        let condition = try logicalOr()
        guard accept("?") else { return condition }
        let then = try logicalOr()
        try expect(":")
        let otherwise = try expression()
        return .conditional(condition, then: then, else: otherwise)
    }

    /// Parses a left-associative chain, counting each link as one level of nesting.
    private mutating func chain(
        _ operand: (inout CELParser) throws(CELCompileError) -> CELExpression,
        combine: (inout CELParser, CELExpression) throws(CELCompileError) -> CELExpression?
    ) throws(CELCompileError) -> CELExpression {
        let saved = depth
        defer { depth = saved }
        var left = try operand(&self)
        while let combined = try combine(&self, left) {
            left = combined
            try nest()
        }
        return left
    }

    private mutating func logicalOr() throws(CELCompileError) -> CELExpression {
        try chain({ (parser: inout CELParser) throws(CELCompileError) in try parser.logicalAnd() }) {
            (parser: inout CELParser, left) throws(CELCompileError) in
            guard parser.accept("||") else { return nil }
            return .or(left, try parser.logicalAnd())
        }
    }

    private mutating func logicalAnd() throws(CELCompileError) -> CELExpression {
        try chain({ (parser: inout CELParser) throws(CELCompileError) in try parser.relation() }) {
            (parser: inout CELParser, left) throws(CELCompileError) in
            guard parser.accept("&&") else { return nil }
            return .and(left, try parser.relation())
        }
    }

    private mutating func relation() throws(CELCompileError) -> CELExpression {
        try chain({ (parser: inout CELParser) throws(CELCompileError) in try parser.addition() }) {
            (parser: inout CELParser, left) throws(CELCompileError) in
            let op: CELExpression.BinaryOperator
            switch parser.current.kind {
            case .symbol(let symbol):
                guard let relational = CELExpression.BinaryOperator(rawValue: symbol),
                    ["<", "<=", ">", ">=", "==", "!="].contains(symbol)
                else { return nil }
                op = relational
            case .identifier("in"): op = .in
            default: return nil
            }
            parser.advance()
            return .binary(op, left, try parser.addition())
        }
    }

    private mutating func addition() throws(CELCompileError) -> CELExpression {
        try chain({ (parser: inout CELParser) throws(CELCompileError) in try parser.multiplication() }) {
            (parser: inout CELParser, left) throws(CELCompileError) in
            let op: CELExpression.BinaryOperator
            if parser.accept("+") {
                op = .add
            } else if parser.accept("-") {
                op = .subtract
            } else {
                return nil
            }
            return .binary(op, left, try parser.multiplication())
        }
    }

    private mutating func multiplication() throws(CELCompileError) -> CELExpression {
        try chain({ (parser: inout CELParser) throws(CELCompileError) in try parser.unary() }) {
            (parser: inout CELParser, left) throws(CELCompileError) in
            let op: CELExpression.BinaryOperator
            if parser.accept("*") {
                op = .multiply
            } else if parser.accept("/") {
                op = .divide
            } else if parser.accept("%") {
                op = .remainder
            } else {
                return nil
            }
            return .binary(op, left, try parser.unary())
        }
    }

    private mutating func unary() throws(CELCompileError) -> CELExpression {
        if isSymbol("!") || isSymbol("-") {
            let symbol = isSymbol("!") ? "!" : "-"
            var count = 0
            while accept(symbol) { count += 1 }
            if symbol == "-", count % 2 == 1, case .int(let magnitude) = current.kind,
                peekKind(1) != .symbol("."), peekKind(1) != .symbol("[")
            {
                advance()
                return .literal(.int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)))
            }
            let operand = try member()
            guard count % 2 == 1 else { return operand }
            return .unary(symbol == "!" ? .not : .negate, operand)
        }
        return try member()
    }

    private mutating func member() throws(CELCompileError) -> CELExpression {
        let saved = depth
        defer { depth = saved }
        var operand = try primary()
        while true {
            let dot = current.offset
            if accept(".") {
                guard case .identifier(let name) = current.kind else { throw unexpected(expecting: "IDENTIFIER") }
                let offset = current.offset
                advance()
                if accept("(") {
                    let arguments = try expressionList(closing: ")")
                    operand = try memberCall(name, target: operand, arguments: arguments, offset: offset)
                } else {
                    operand = .select(operand, field: name, offset: dot)
                }
            } else if accept("[") {
                let index = try expression()
                try expect("]")
                operand = .index(operand, index)
            } else {
                return operand
            }
            try nest()
        }
    }

    private mutating func primary() throws(CELCompileError) -> CELExpression {
        let token = current
        switch token.kind {
        case .int(let magnitude):
            advance()
            guard let value = Int64(exactly: magnitude) else { throw error("invalid int literal", at: token.offset) }
            return .literal(.int(value))
        case .uint(let value):
            advance()
            return .literal(.uint(value))
        case .double(let value):
            advance()
            return .literal(.double(value))
        case .string(let text):
            advance()
            return .literal(.string(text))
        case .bytes(let bytes):
            advance()
            return .literal(.bytes(bytes))
        case .identifier(let name):
            return try identifier(name, offset: token.offset)
        case .symbol("."):
            advance()
            guard case .identifier(let name) = current.kind else { throw unexpected(expecting: "IDENTIFIER") }
            return try identifier(name, offset: current.offset)
        case .symbol("("):
            advance()
            try nest()
            defer { depth -= 1 }
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            advance()
            try nest()
            defer { depth -= 1 }
            return .list(try expressionList(closing: "]"))
        case .symbol("{"):
            advance()
            try nest()
            defer { depth -= 1 }
            return .map(try mapEntries())
        default:
            throw unexpected()
        }
    }

    private mutating func identifier(_ name: String, offset: Int) throws(CELCompileError) -> CELExpression {
        advance()
        switch name {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null": return .literal(.null)
        default: break
        }
        if Self.reserved.contains(name) { throw error("Syntax error: reserved identifier: \(name)", at: offset) }
        if accept("(") {
            let arguments = try expressionList(closing: ")")
            if name == "has" {
                guard arguments.count == 1, case .select(let operand, let field, let dot) = arguments[0] else {
                    throw error("invalid argument to has() macro", at: offset)
                }
                return .has(operand, field: field, offset: dot)
            }
            return .call(name, target: nil, arguments: arguments, offset: offset)
        }
        if isSymbol("{") {
            throw error("Syntax error: message construction is not supported", at: current.offset)
        }
        return .identifier(name, offset: offset)
    }

    private mutating func memberCall(
        _ name: String,
        target: CELExpression,
        arguments: [CELExpression],
        offset: Int
    ) throws(CELCompileError) -> CELExpression {
        guard let macro = CELExpression.Macro(rawValue: name),
            arguments.count == 2 || (macro == .map && arguments.count == 3)
        else {
            return .call(name, target: target, arguments: arguments, offset: offset)
        }
        guard case .identifier(let variable, _) = arguments[0] else {
            throw error("argument must be a simple name", at: offset)
        }
        return .comprehension(macro, range: target, variable: variable, arguments: Array(arguments.dropFirst()))
    }

    private mutating func expressionList(closing: String) throws(CELCompileError) -> [CELExpression] {
        var elements: [CELExpression] = []
        while !accept(closing) {
            elements.append(try expression())
            if !accept(",") {
                try expect(closing)
                return elements
            }
        }
        return elements
    }

    private mutating func mapEntries() throws(CELCompileError) -> [CELMapEntry] {
        var entries: [CELMapEntry] = []
        while !accept("}") {
            let key = try expression()
            try expect(":")
            entries.append(CELMapEntry(key: key, value: try expression()))
            if !accept(",") {
                try expect("}")
                return entries
            }
        }
        return entries
    }
}
