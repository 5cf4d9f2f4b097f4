extension LabelSelector {
    /// Parses the string form of a selector (`app=web,tier in (a,b),!canary`) into `matchLabels` and
    /// `matchExpressions` (`metav1.ParseToLabelSelector`).
    ///
    /// `=` and `==` become `matchLabels` (or a one-value `In` expression when the key is already there), `!=`
    /// becomes `NotIn` with one value. The empty string is the empty selector, which matches everything.
    ///
    /// - Throws: ``LabelSelectorParseError`` for text that does not parse, invalid keys or values, and for `>`/`<`,
    ///   which a `LabelSelector` cannot express.
    public init(parsing selector: String) throws(LabelSelectorParseError) {
        try self.init(requirements: LabelRequirement.parseList(selector))
    }

    /// Builds a selector from parsed requirements; see ``init(parsing:)`` for the mapping.
    ///
    /// - Throws: ``LabelSelectorParseError`` for `>`/`<` requirements.
    public init(requirements: [LabelRequirement]) throws(LabelSelectorParseError) {
        var matchLabels: [String: String] = [:]
        var matchExpressions: [LabelSelectorRequirement] = []
        for requirement in requirements {
            switch requirement.operator {
            case .equals, .doubleEquals:
                let value = requirement.values[0]
                if matchLabels[requirement.key] == nil {
                    matchLabels[requirement.key] = value
                } else {
                    matchExpressions.append(.init(key: requirement.key, operator: .in, values: [value]))
                }
            case .notEquals, .notIn:
                matchExpressions.append(.init(key: requirement.key, operator: .notIn, values: requirement.values))
            case .in:
                matchExpressions.append(.init(key: requirement.key, operator: .in, values: requirement.values))
            case .exists:
                matchExpressions.append(.init(key: requirement.key, operator: .exists))
            case .doesNotExist:
                matchExpressions.append(.init(key: requirement.key, operator: .doesNotExist))
            case .greaterThan, .lessThan:
                throw LabelSelectorParseError(
                    position: nil,
                    message:
                        "\"\(requirement)\": a LabelSelector cannot express the '\(requirement.operator.rawValue)' "
                        + "operator"
                )
            }
        }
        self.init(
            matchLabels: matchLabels.isEmpty ? nil : matchLabels,
            matchExpressions: matchExpressions.isEmpty ? nil : matchExpressions
        )
    }

    /// The validated requirements, sorted by key (`metav1.LabelSelectorAsSelector`): `matchLabels` as `=`, then
    /// `matchExpressions` with their operators.
    ///
    /// - Throws: ``LabelSelectorParseError`` naming the invalid key, value, or empty `In`/`NotIn` value list.
    public func requirements() throws(LabelSelectorParseError) -> [LabelRequirement] {
        var result: [LabelRequirement] = []
        for (key, value) in matchLabels ?? [:] {
            result.append(try LabelRequirement(key: key, operator: .equals, values: [value]))
        }
        for (index, expression) in (matchExpressions ?? []).enumerated() {
            do {
                result.append(
                    try LabelRequirement(
                        key: expression.key,
                        operator: expression.operator.requirementOperator,
                        values: expression.values ?? []
                    )
                )
            } catch {
                throw LabelSelectorParseError(position: nil, message: "matchExpressions[\(index)]: \(error.message)")
            }
        }
        return LabelRequirement.sortedByKey(result)
    }

    /// The canonical string form, as `labels.Selector.String()` prints it: requirements sorted by key, values
    /// sorted, joined by `,`; `""` for the empty selector.
    ///
    /// An invalid selector (see ``requirements()``) is printed as written, without validation.
    public var selectorString: String {
        if let requirements = try? requirements() { return requirements.selectorString }
        var parts: [(key: String, text: String)] = []
        for (key, value) in matchLabels ?? [:] { parts.append((key, "\(key)=\(value)")) }
        for expression in matchExpressions ?? [] {
            let values = Array(Set(expression.values ?? [])).sorted().joined(separator: ",")
            let text: String
            switch expression.operator {
            case .in: text = "\(expression.key) in (\(values))"
            case .notIn: text = "\(expression.key) notin (\(values))"
            case .exists: text = expression.key
            case .doesNotExist: text = "!\(expression.key)"
            }
            parts.append((expression.key, text))
        }
        return parts.sorted { ($0.key, $0.text) < ($1.key, $1.text) }.map(\.text).joined(separator: ",")
    }
}

extension LabelSelectorRequirement.Operator {
    var requirementOperator: LabelRequirement.Operator {
        switch self {
        case .in: return .in
        case .notIn: return .notIn
        case .exists: return .exists
        case .doesNotExist: return .doesNotExist
        }
    }
}

extension Sequence where Element == LabelRequirement {
    /// The canonical selector text: requirements in order, joined by `,` (sort with
    /// ``LabelRequirement/parseList(_:)`` or ``LabelSelector/requirements()`` first).
    public var selectorString: String {
        map(\.description).joined(separator: ",")
    }
}

/// Why a label selector is invalid, with the character offset in the selector text where it was found.
public struct LabelSelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The zero-based character offset of the offending token, or `nil` when the selector was not text.
    public var position: Int?
    /// What was wrong, in the words of the upstream parser where it has them.
    public var message: String

    public init(position: Int?, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String {
        guard let position else { return "invalid label selector: \(message)" }
        return "unable to parse label selector at position \(position): \(message)"
    }
}

extension LabelRequirement {
    /// Parses a selector string into requirements sorted by key (`labels.Parse`).
    ///
    /// Grammar: requirements separated by `,`; each is `key`, `!key`, `key=value`, `key==value`, `key!=value`,
    /// `key in (v1,v2)`, `key notin (v1,v2)`, `key>n` or `key<n`; whitespace between tokens is ignored. A value after
    /// `=`, `==` or `!=` may be empty (`tier=`).
    ///
    /// - Throws: ``LabelSelectorParseError`` with the position of the offending token.
    public static func parseList(_ selector: String) throws(LabelSelectorParseError) -> [LabelRequirement] {
        var parser = SelectorParser(tokens: SelectorLexer.tokenize(selector))
        return sortedByKey(try parser.parse())
    }

    static func sortedByKey(_ requirements: [LabelRequirement]) -> [LabelRequirement] {
        requirements.enumerated()
            .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element)
    }
}

private struct SelectorToken {
    enum Kind: Equatable {
        case identifier, endOfString, comma, openParenthesis, closeParenthesis
        case not, equals, doubleEquals, notEquals, greaterThan, lessThan, `in`, notIn
    }

    var kind: Kind
    var text: String
    var position: Int
}

private enum SelectorLexer {
    private static let symbols: [(String, SelectorToken.Kind)] = [
        ("!=", .notEquals), ("==", .doubleEquals), ("!", .not), ("=", .equals), (",", .comma),
        ("(", .openParenthesis), (")", .closeParenthesis), (">", .greaterThan), ("<", .lessThan),
    ]
    private static let specialCharacters: Set<Character> = ["!", "=", ",", "(", ")", ">", "<"]

    static func tokenize(_ text: String) -> [SelectorToken] {
        let characters = Array(text)
        var tokens: [SelectorToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if specialCharacters.contains(character) {
                let next = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                let (symbol, kind) = symbols.first { $0.0 == next || $0.0 == String(character) }!
                tokens.append(SelectorToken(kind: kind, text: symbol, position: index))
                index += symbol.count
            } else {
                let start = index
                while index < characters.count, !characters[index].isWhitespace,
                    !specialCharacters.contains(characters[index])
                {
                    index += 1
                }
                let word = String(characters[start..<index])
                let kind: SelectorToken.Kind = word == "in" ? .in : word == "notin" ? .notIn : .identifier
                tokens.append(SelectorToken(kind: kind, text: word, position: start))
            }
        }
        tokens.append(SelectorToken(kind: .endOfString, text: "", position: characters.count))
        return tokens
    }
}

private struct SelectorParser {
    var tokens: [SelectorToken]
    var index = 0

    var next: SelectorToken { tokens[index] }

    /// As keys and values the keywords `in` and `notin` are ordinary identifiers (upstream's `Values` mode).
    func isValue(_ token: SelectorToken) -> Bool {
        token.kind == .identifier || token.kind == .in || token.kind == .notIn
    }

    mutating func consume() -> SelectorToken {
        let token = tokens[index]
        if token.kind != .endOfString { index += 1 }
        return token
    }

    func error(_ token: SelectorToken, expected: String) -> LabelSelectorParseError {
        let found = token.kind == .endOfString ? "end of string" : token.text
        return LabelSelectorParseError(position: token.position, message: "found '\(found)', expected: \(expected)")
    }

    mutating func parse() throws(LabelSelectorParseError) -> [LabelRequirement] {
        var requirements: [LabelRequirement] = []
        if next.kind == .endOfString { return [] }
        while true {
            guard isValue(next) || next.kind == .not else {
                throw error(
                    next,
                    expected: requirements.isEmpty
                        ? "!, identifier, or 'end of string'"
                        : "identifier after ','"
                )
            }
            requirements.append(try parseRequirement())
            let separator = consume()
            switch separator.kind {
            case .endOfString: return requirements
            case .comma: continue
            default: throw error(separator, expected: "',' or 'end of string'")
            }
        }
    }

    mutating func parseRequirement() throws(LabelSelectorParseError) -> LabelRequirement {
        var negated = false
        if next.kind == .not {
            _ = consume()
            negated = true
        }
        let keyToken = consume()
        guard isValue(keyToken) else { throw error(keyToken, expected: "identifier") }
        if negated || next.kind == .endOfString || next.kind == .comma {
            return try make(keyToken, negated ? .doesNotExist : .exists, [], at: keyToken)
        }
        let operatorToken = consume()
        let op: LabelRequirement.Operator
        switch operatorToken.kind {
        case .equals: op = .equals
        case .doubleEquals: op = .doubleEquals
        case .notEquals: op = .notEquals
        case .in: op = .in
        case .notIn: op = .notIn
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default: throw error(operatorToken, expected: "'=', '!=', '==', 'in', 'notin', '>', '<'")
        }
        if op == .in || op == .notIn {
            let values = try parseValueList()
            return try make(keyToken, op, values, at: operatorToken)
        }
        if next.kind == .endOfString || next.kind == .comma {
            return try make(keyToken, op, [""], at: operatorToken)
        }
        let valueToken = consume()
        guard isValue(valueToken) else { throw error(valueToken, expected: "identifier") }
        return try make(keyToken, op, [valueToken.text], at: valueToken)
    }

    /// `( v1, v2 )`, where empty entries (`(a,)`) and empty parentheses (`()`) are the empty value, as upstream
    /// allows.
    mutating func parseValueList() throws(LabelSelectorParseError) -> [String] {
        let open = consume()
        guard open.kind == .openParenthesis else { throw error(open, expected: "'('") }
        var values: [String] = []
        if next.kind == .closeParenthesis {
            _ = consume()
            return [""]
        }
        while true {
            let token = consume()
            if isValue(token) {
                values.append(token.text)
                switch next.kind {
                case .comma: continue
                case .closeParenthesis:
                    _ = consume()
                    return values
                default: throw error(next, expected: "',' or ')'")
                }
            } else if token.kind == .comma {
                if values.isEmpty { values.append("") }
                if next.kind == .closeParenthesis {
                    values.append("")
                    _ = consume()
                    return values
                }
                if next.kind == .comma {
                    _ = consume()
                    values.append("")
                }
            } else {
                throw error(token, expected: "',', or identifier")
            }
        }
    }

    func make(
        _ keyToken: SelectorToken,
        _ op: LabelRequirement.Operator,
        _ values: [String],
        at token: SelectorToken
    ) throws(LabelSelectorParseError) -> LabelRequirement {
        do {
            return try LabelRequirement(key: keyToken.text, operator: op, values: values)
        } catch {
            let position = LabelRequirement.keyProblem(keyToken.text) != nil ? keyToken.position : token.position
            throw LabelSelectorParseError(position: position, message: error.message)
        }
    }
}
