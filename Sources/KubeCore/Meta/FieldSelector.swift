/// A field query over objects (`fields.Selector`), as sent in the `fieldSelector` query parameter:
/// `metadata.name=web,metadata.namespace!=kube-system`.
///
/// Each requirement compares the value at a dotted path of the object with a string: `=` and `==` need it equal,
/// `!=` different. A missing field reads as the empty string, as in `fields.Set`, so `spec.nodeName=` selects
/// unscheduled pods. Strings compare as they are, integers and Booleans by their JSON text; objects, arrays and
/// `null` read as the empty string. Which fields a resource supports is the server's business and not checked here.
///
/// In the text, `\` escapes `,`, `=` and `\` inside values (`fields.EscapeValue`); empty terms are skipped.
///
/// See <https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/>.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// One `field op value` term.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// How the field's value is compared.
        public enum Operator: String, Sendable, Hashable {
            case equals = "="
            case doubleEquals = "=="
            case notEquals = "!="
        }

        /// The dotted path, e.g. `metadata.name`.
        public var field: String
        /// How the field's value is compared.
        public var `operator`: Operator
        /// The value to compare with; missing fields read as `""`.
        public var value: String

        public init(field: String, operator: Operator, value: String) {
            self.field = field
            self.operator = `operator`
            self.value = value
        }

        /// Whether `object` satisfies this term.
        public func matches(_ object: JSONValue) -> Bool {
            let actual = FieldSelector.fieldText(object[path: field.split(separator: ".").map(String.init)])
            return `operator` == .notEquals ? actual != value : actual == value
        }

        /// `field=value`, with the value escaped.
        public var description: String {
            "\(field)\(`operator`.rawValue)\(FieldSelector.escape(value))"
        }
    }

    /// All must hold; an empty list matches everything.
    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    /// Parses the text form (`fields.ParseSelector`): comma-separated `field=value`, `field==value` or
    /// `field!=value` terms; the empty string selects everything.
    ///
    /// - Throws: ``FieldSelectorParseError`` for a term without an operator or with an empty field.
    public init(parsing text: String) throws(FieldSelectorParseError) {
        var requirements: [Requirement] = []
        if text.isEmpty {
            self.init()
            return
        }
        for (term, offset) in Self.splitTerms(text) where !term.isEmpty {
            guard let (field, op, rawValue) = Self.splitTerm(term) else {
                throw FieldSelectorParseError(
                    position: offset,
                    message:
                        "invalid selector term \"\(term)\": expected 'field=value', 'field==value' or 'field!=value'"
                )
            }
            let trimmedField = field.trimmingWhitespace
            guard !trimmedField.isEmpty else {
                throw FieldSelectorParseError(
                    position: offset,
                    message: "invalid selector term \"\(term)\": empty field"
                )
            }
            requirements.append(Requirement(field: trimmedField, operator: op, value: Self.unescape(rawValue)))
        }
        self.init(requirements: requirements)
    }

    /// Whether `object` satisfies every requirement.
    public func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { $0.matches(object) }
    }

    /// The terms joined by `,`.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    /// The value of the requirement on `field` with `=`/`==`, if any (`RequiresExactMatch` upstream), e.g. to serve
    /// `metadata.name=x` with a direct lookup.
    public func exactMatch(for field: String) -> String? {
        requirements.first { $0.field == field && $0.operator != .notEquals }?.value
    }

    static func fieldText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return ""
        }
    }

    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            if character == "\\" || character == "," || character == "=" {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }

    private static func unescape(_ value: Substring) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Splits on commas that are not escaped, keeping each term's character offset.
    private static func splitTerms(_ text: String) -> [(Substring, Int)] {
        var terms: [(Substring, Int)] = []
        var start = text.startIndex
        var startOffset = 0
        var offset = 0
        var escaping = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaping {
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "," {
                terms.append((text[start..<index], startOffset))
                start = text.index(after: index)
                startOffset = offset + 1
            }
            index = text.index(after: index)
            offset += 1
        }
        terms.append((text[start...], startOffset))
        return terms
    }

    /// Finds the first unescaped operator; `!=` and `==` before `=`.
    private static func splitTerm(_ term: Substring) -> (Substring, Requirement.Operator, Substring)? {
        var index = term.startIndex
        var escaping = false
        while index < term.endIndex {
            let character = term[index]
            if escaping {
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "!" || character == "=" {
                let next = term.index(after: index)
                let doubled = next < term.endIndex && term[next] == "="
                if character == "!" {
                    if doubled { return (term[..<index], .notEquals, term[term.index(after: next)...]) }
                    index = next
                    continue
                }
                if doubled { return (term[..<index], .doubleEquals, term[term.index(after: next)...]) }
                return (term[..<index], .equals, term[next...])
            }
            index = term.index(after: index)
        }
        return nil
    }
}

/// Why a field selector does not parse, with the character offset of the offending term.
public struct FieldSelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The zero-based character offset of the offending term.
    public var position: Int
    /// What was wrong with the term.
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "unable to parse field selector at position \(position): \(message)" }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
