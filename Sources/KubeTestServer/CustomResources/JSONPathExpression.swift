import Foundation
package import KubeCore

/// The subset of Kubernetes JSONPath that printer columns use: `.spec.replicas`, `.items[0]`, `['a.b']`, `[*]`,
/// `.status.conditions[?(@.type=="Ready")].status`, optionally wrapped in `{…}` and starting with `$`.
///
/// Not supported: recursive descent (`..`), slices (`[1:3]`), unions (`[0,1]`), `range`/`end` templates and filter
/// expressions other than one comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) or one existence test (`?(@.x)`).
/// See <https://kubernetes.io/docs/reference/kubectl/jsonpath/>.
package struct JSONPathExpression: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case field(String)
        case index(Int)
        case wildcard
        case filter(path: [Segment], comparison: Comparison?, literal: JSONValue)
    }

    enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
    }

    let segments: [Segment]

    /// Parses `text`, or returns `nil` when it uses syntax outside the supported subset.
    package init?(_ text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("{") && body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        if body.hasPrefix("$") { body = body.dropFirst() }
        guard let segments = Self.parse(body) else { return nil }
        self.segments = segments
    }

    /// Every value the expression selects in `value`, in document order.
    package func evaluate(_ value: JSONValue) -> [JSONValue] {
        Self.evaluate(segments, on: [value])
    }

    private static func evaluate(_ segments: [Segment], on values: [JSONValue]) -> [JSONValue] {
        var current = values
        for segment in segments {
            current = current.flatMap { value -> [JSONValue] in
                switch segment {
                case .field(let name):
                    return value[name].map { [$0] } ?? []
                case .index(let index):
                    guard let elements = value.arrayValue else { return [] }
                    let position = index < 0 ? elements.count + index : index
                    return elements.indices.contains(position) ? [elements[position]] : []
                case .wildcard:
                    if let elements = value.arrayValue { return elements }
                    if let members = value.objectValue { return members.keys.sorted().compactMap { members[$0] } }
                    return []
                case .filter(let path, let comparison, let literal):
                    let candidates = value.arrayValue ?? []
                    return candidates.filter { candidate in
                        let found = evaluate(path, on: [candidate])
                        guard let comparison else { return !found.isEmpty }
                        return found.contains { matches($0, comparison, literal) }
                    }
                }
            }
        }
        return current
    }

    private static func matches(_ value: JSONValue, _ comparison: Comparison, _ literal: JSONValue) -> Bool {
        if let left = value.doubleValue, let right = literal.doubleValue {
            switch comparison {
            case .equal: return left == right
            case .notEqual: return left != right
            case .less: return left < right
            case .lessOrEqual: return left <= right
            case .greater: return left > right
            case .greaterOrEqual: return left >= right
            }
        }
        let left = value.stringValue ?? value.boolValue.map(String.init) ?? ""
        let right = literal.stringValue ?? literal.boolValue.map(String.init) ?? ""
        switch comparison {
        case .equal: return value.typeName == literal.typeName && left == right
        case .notEqual: return !(value.typeName == literal.typeName && left == right)
        case .less: return left < right
        case .lessOrEqual: return left <= right
        case .greater: return left > right
        case .greaterOrEqual: return left >= right
        }
    }

    private static func parse(_ text: Substring) -> [Segment]? {
        var segments: [Segment] = []
        var rest = text
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                if rest.first == "." { return nil }
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                segments.append(name == "*" ? .wildcard : .field(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "[" {
                guard let close = closingBracket(in: rest) else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                guard let segment = bracketSegment(inner) else { return nil }
                segments.append(segment)
                rest = rest[rest.index(after: close)...]
            } else if segments.isEmpty {
                let name = rest.prefix { $0 != "." && $0 != "[" }
                segments.append(.field(String(name)))
                rest = rest.dropFirst(name.count)
            } else {
                return nil
            }
        }
        return segments
    }

    /// The `]` matching the `[` at the start of `text`, skipping quoted strings inside filters.
    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quote: Character?
        var depth = 0
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    private static func bracketSegment(_ inner: Substring) -> Segment? {
        let trimmed = inner.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return .wildcard }
        if let index = Int(trimmed) { return .index(index) }
        if let quoted = unquote(trimmed) { return .field(quoted) }
        guard trimmed.hasPrefix("?(") && trimmed.hasSuffix(")") else { return nil }
        let expression = trimmed.dropFirst(2).dropLast().trimmingCharacters(in: .whitespaces)
        for comparison in Comparison.allCases {
            guard let range = operatorRange(of: comparison.rawValue, in: expression) else { continue }
            let left = expression[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let right = expression[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let path = filterPath(left), let literal = literal(right) else { return nil }
            return .filter(path: path, comparison: comparison, literal: literal)
        }
        guard let path = filterPath(expression) else { return nil }
        return .filter(path: path, comparison: nil, literal: .null)
    }

    /// The first occurrence of an operator outside quotes.
    private static func operatorRange(of symbol: String, in expression: String) -> Range<String.Index>? {
        var quote: Character?
        var index = expression.startIndex
        while index < expression.endIndex {
            let character = expression[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if expression[index...].hasPrefix(symbol) {
                return index..<expression.index(index, offsetBy: symbol.count)
            }
            index = expression.index(after: index)
        }
        return nil
    }

    private static func filterPath(_ text: String) -> [Segment]? {
        guard text.hasPrefix("@") else { return nil }
        return parse(text.dropFirst())
    }

    private static func literal(_ text: String) -> JSONValue? {
        if let quoted = unquote(text) { return .string(quoted) }
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text) { return .number(number) }
        if text == "true" { return true }
        if text == "false" { return false }
        return nil
    }

    private static func unquote(_ text: String) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else {
            return nil
        }
        return String(text.dropFirst().dropLast())
    }
}
