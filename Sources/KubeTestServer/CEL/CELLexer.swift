/// Splits CEL source into tokens, following the lexical grammar of the CEL spec: identifiers, reserved words,
/// int/uint/double literals (decimal and `0x` hex), strings in all four quote forms with `r` (raw) and `b` (bytes)
/// prefixes and the escapes `\a \b \f \n \r \t \v \\ \' \" \` \? \xHH \uHHHH \UHHHHHHHH \ooo`, punctuation, and
/// `//` comments. See <https://github.com/google/cel-spec/blob/master/doc/langdef.md#syntax>.
struct CELLexer {
    struct Token: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// An int literal's magnitude; the parser range-checks it (so `-9223372036854775808` works).
            case int(UInt64)
            case uint(UInt64)
            case double(Double)
            case string(String)
            case bytes([UInt8])
            case identifier(String)
            /// Operators and punctuation: `( ) [ ] { } . , : ? ! - + * / % < <= > >= == != && ||`.
            case symbol(String)
            case end
        }
        var kind: Kind
        /// Offset in Unicode scalars of the token's first character.
        var offset: Int
    }

    let source: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { source = Array(text.unicodeScalars) }

    /// Every token of the source, ending with `.end`.
    static func tokens(of text: String) throws(CELCompileError) -> [Token] {
        var lexer = CELLexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next(after: tokens.last)
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < source.count ? source[index + ahead] : nil
    }

    private func error(_ message: String, at offset: Int) -> CELCompileError {
        CELCompileError("Syntax error: \(message)", at: offset, in: source)
    }

    private mutating func next(after previous: Token?) throws(CELCompileError) -> Token {
        skipSpaceAndComments()
        let start = index
        guard let scalar = peek() else { return Token(kind: .end, offset: start) }
        if scalar.isDigit || (scalar == "." && peek(1)?.isDigit == true && Self.startsOperand(after: previous)) {
            return Token(kind: try number(), offset: start)
        }
        if scalar == "\"" || scalar == "'" {
            return Token(kind: .string(try string(raw: false)), offset: start)
        }
        if scalar.isIdentifierStart {
            let lower = Character(scalar).lowercased()
            if lower == "r" || lower == "b", let quote = peek(1), quote == "\"" || quote == "'" {
                index += 1
                if lower == "r" { return Token(kind: .string(try string(raw: true)), offset: start) }
                return Token(kind: .bytes(Array(try string(raw: false).utf8)), offset: start)
            }
            if lower == "b", let raw = peek(1), Character(raw).lowercased() == "r", let quote = peek(2),
                quote == "\"" || quote == "'"
            {
                index += 2
                return Token(kind: .bytes(Array(try string(raw: true).utf8)), offset: start)
            }
            if lower == "r", let bytes = peek(1), Character(bytes).lowercased() == "b", let quote = peek(2),
                quote == "\"" || quote == "'"
            {
                index += 2
                return Token(kind: .bytes(Array(try string(raw: true).utf8)), offset: start)
            }
            var name = String.UnicodeScalarView()
            while let next = peek(), next.isIdentifierStart || next.isDigit {
                name.append(next)
                index += 1
            }
            return Token(kind: .identifier(String(name)), offset: start)
        }
        let two = peek(1).map { String(scalar) + String($0) } ?? ""
        if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
            index += 2
            return Token(kind: .symbol(two), offset: start)
        }
        if "()[]{}.,:?!-+*/%<>".unicodeScalars.contains(scalar) {
            index += 1
            return Token(kind: .symbol(String(scalar)), offset: start)
        }
        throw error("token recognition error at: '\(String(scalar))'", at: start)
    }

    /// Whether a `.` followed by a digit starts a double literal (`.5`) rather than a field selection.
    private static func startsOperand(after previous: Token?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .symbol(let symbol): return ![")", "]", "}"].contains(symbol)
        case .end: return true
        default: return false
        }
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                index += 1
            } else if scalar == "/", peek(1) == "/" {
                while let next = peek(), next != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func number() throws(CELCompileError) -> Token.Kind {
        let start = index
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            index += 2
            var digits = ""
            while let next = peek(), next.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(next)
                index += 1
            }
            guard let value = UInt64(digits, radix: 16) else { throw error("invalid int literal", at: start) }
            return try integerSuffix(value, start: start)
        }
        var text = ""
        func digits() {
            while let next = peek(), next.isDigit {
                text.unicodeScalars.append(next)
                index += 1
            }
        }
        digits()
        var isDouble = false
        if peek() == ".", peek(1)?.isDigit == true {
            isDouble = true
            text += "."
            index += 1
            digits()
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if peek(ahead)?.isDigit == true {
                isDouble = true
                for _ in 0..<ahead {
                    text.unicodeScalars.append(peek()!)
                    index += 1
                }
                digits()
            }
        }
        if isDouble {
            if text.hasPrefix(".") { text = "0" + text }
            guard let value = Double(text) else { throw error("invalid double literal", at: start) }
            return .double(value)
        }
        guard let value = UInt64(text) else { throw error("invalid int literal", at: start) }
        return try integerSuffix(value, start: start)
    }

    private mutating func integerSuffix(_ value: UInt64, start: Int) throws(CELCompileError) -> Token.Kind {
        if let u = peek(), u == "u" || u == "U" {
            index += 1
            return .uint(value)
        }
        if value > UInt64(Int64.max) + 1 { throw error("invalid int literal", at: start) }
        return .int(value)
    }

    private mutating func string(raw: Bool) throws(CELCompileError) -> String {
        let start = index
        let quote = peek()!
        let isTriple = peek(1) == quote && peek(2) == quote
        index += isTriple ? 3 : 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else { throw error("unterminated string literal", at: start) }
            if scalar == quote, !isTriple || (peek(1) == quote && peek(2) == quote) {
                index += isTriple ? 3 : 1
                return String(text)
            }
            if !isTriple, scalar == "\n" || scalar == "\r" {
                throw error("unterminated string literal", at: start)
            }
            index += 1
            if scalar == "\\", !raw {
                text.append(try escape(start: index - 1))
            } else {
                text.append(scalar)
            }
        }
    }

    private mutating func escape(start: Int) throws(CELCompileError) -> Unicode.Scalar {
        guard let code = peek() else { throw error("unterminated string literal", at: start) }
        index += 1
        switch code {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\", "'", "\"", "`", "?": return code
        case "x", "X", "u", "U":
            let count = code == "u" ? 4 : (code == "U" ? 8 : 2)
            return try hexEscape(count: count, start: start)
        case "0"..."3":
            var value = code.value - 48
            for _ in 0..<2 {
                guard let digit = peek(), ("0"..."7").contains(digit) else {
                    throw error("invalid escape sequence", at: start)
                }
                value = value * 8 + digit.value - 48
                index += 1
            }
            return Unicode.Scalar(value)!
        default:
            throw error("invalid escape sequence '\\\(String(code))'", at: start)
        }
    }

    private mutating func hexEscape(count: Int, start: Int) throws(CELCompileError) -> Unicode.Scalar {
        var digits = ""
        for _ in 0..<count {
            guard let digit = peek(), digit.properties.isASCIIHexDigit else {
                throw error("invalid escape sequence", at: start)
            }
            digits.unicodeScalars.append(digit)
            index += 1
        }
        guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("invalid unicode code point", at: start)
        }
        return scalar
    }
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }
    fileprivate var isIdentifierStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
}
