import Foundation

/// The functions of CEL's standard library and the Kubernetes extension libraries that CRD rules use.
///
/// Standard: `size`, `int`, `uint`, `double`, `string`, `bytes`, `bool`, `type`, `dyn`, `startsWith`, `endsWith`,
/// `contains`, `matches` (unanchored, like RE2's `MatchString`; the pattern is run by `NSRegularExpression`, whose
/// syntax differs from RE2 in corner cases). Kubernetes strings library: `charAt`, `indexOf`, `lastIndexOf`,
/// `lowerAscii`, `upperAscii`, `replace`, `split`, `substring`, `trim`, `join`; lists library: `isSorted`, `sum`,
/// `min`, `max`, `indexOf`, `lastIndexOf`. String positions count Unicode code points, as in cel-go.
/// See <https://kubernetes.io/docs/reference/using-api/cel/#cel-options-language-features-and-libraries>.
enum CELFunctions {
    static func global(_ name: String, _ arguments: [CELValue]) throws(CELEvaluationError) -> CELValue {
        let value = arguments[0]
        switch name {
        case "size": return try member("size", value, [])
        case "matches": return try member("matches", value, Array(arguments.dropFirst()))
        case "dyn": return value
        case "type": return .type(value.typeName)
        case "int": return try toInt(value)
        case "uint": return try toUInt(value)
        case "double": return try toDouble(value)
        case "string": return try toString(value)
        case "bytes":
            switch value {
            case .bytes: return value
            case .string(let text): return .bytes(Array(text.utf8))
            default: throw .noSuchOverload
            }
        case "bool":
            switch value {
            case .bool: return value
            case .string(let text):
                switch text {
                case "1", "t", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "false", "FALSE", "False": return .bool(false)
                default: throw CELEvaluationError("type conversion error from 'string' to 'bool'")
                }
            default: throw .noSuchOverload
            }
        default: throw .noSuchOverload
        }
    }

    static func member(
        _ name: String,
        _ receiver: CELValue,
        _ arguments: [CELValue]
    ) throws(CELEvaluationError) -> CELValue {
        switch receiver {
        case .string(let text): return try stringMember(name, Array(text.unicodeScalars), arguments)
        case .list(let elements): return try listMember(name, elements, arguments)
        case .bytes(let bytes) where name == "size": return .int(Int64(bytes.count))
        case .map(let entries) where name == "size": return .int(Int64(entries.count))
        default: throw .noSuchOverload
        }
    }

    private static func string(_ scalars: some Sequence<Unicode.Scalar>) -> CELValue {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return .string(String(view))
    }

    private static func scalars(_ value: CELValue) throws(CELEvaluationError) -> [Unicode.Scalar] {
        guard case .string(let text) = value else { throw .noSuchOverload }
        return Array(text.unicodeScalars)
    }

    private static func integer(_ value: CELValue) throws(CELEvaluationError) -> Int {
        guard case .int(let number) = value else { throw .noSuchOverload }
        return Int(number)
    }

    /// The first position at or after `start` where `needle` occurs in `haystack`.
    private static func find(
        _ needle: [Unicode.Scalar],
        in haystack: [Unicode.Scalar],
        from start: Int,
        backwards: Bool = false
    ) -> Int? {
        let last = haystack.count - needle.count
        guard start >= 0, start <= last else { return nil }
        let positions = backwards ? Array((start...last).reversed()) : Array(start...last)
        return positions.first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static func stringMember(
        _ name: String,
        _ text: [Unicode.Scalar],
        _ arguments: [CELValue]
    ) throws(CELEvaluationError) -> CELValue {
        switch name {
        case "size": return .int(Int64(text.count))
        case "startsWith": return .bool(text.starts(with: try scalars(arguments[0])))
        case "endsWith": return .bool(text.reversed().starts(with: try scalars(arguments[0]).reversed()))
        case "contains": return .bool(find(try scalars(arguments[0]), in: text, from: 0) != nil)
        case "matches":
            guard case .string(let pattern) = arguments[0] else { throw .noSuchOverload }
            guard let expression = try? NSRegularExpression(pattern: pattern) else {
                throw CELEvaluationError("given regex is invalid")
            }
            let subject = String(String.UnicodeScalarView(text))
            let range = NSRange(subject.startIndex..., in: subject)
            return .bool(expression.firstMatch(in: subject, range: range) != nil)
        case "lowerAscii":
            return string(text.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 })
        case "upperAscii":
            return string(text.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 })
        case "trim":
            let start = text.firstIndex { !$0.properties.isWhitespace } ?? text.count
            let end = (text.lastIndex { !$0.properties.isWhitespace } ?? -1) + 1
            return string(start < end ? Array(text[start..<end]) : [])
        case "charAt":
            let position = try integer(arguments[0])
            guard position >= 0, position <= text.count else {
                throw CELEvaluationError("index out of range: \(position)")
            }
            return string(position == text.count ? [] : [text[position]])
        case "indexOf", "lastIndexOf":
            let needle = try scalars(arguments[0])
            let backwards = name == "lastIndexOf"
            let start = arguments.count > 1 ? try integer(arguments[1]) : (backwards ? text.count : 0)
            guard start >= 0, start <= text.count else { throw CELEvaluationError("index out of range: \(start)") }
            if backwards {
                let limit = min(start, text.count - needle.count)
                guard limit >= 0 else { return .int(-1) }
                return .int(
                    Int64(find(needle, in: Array(text[0..<(limit + needle.count)]), from: 0, backwards: true) ?? -1)
                )
            }
            return .int(Int64(find(needle, in: text, from: start) ?? -1))
        case "substring":
            let start = try integer(arguments[0])
            let end = arguments.count > 1 ? try integer(arguments[1]) : text.count
            guard start >= 0, start <= text.count else { throw CELEvaluationError("index out of range: \(start)") }
            guard end >= 0, end <= text.count else { throw CELEvaluationError("index out of range: \(end)") }
            guard start <= end else {
                throw CELEvaluationError("invalid substring range. start: \(start), end: \(end)")
            }
            return string(text[start..<end])
        case "replace":
            let old = try scalars(arguments[0])
            let new = try scalars(arguments[1])
            var limit = arguments.count > 2 ? try integer(arguments[2]) : -1
            var result: [Unicode.Scalar] = []
            var position = 0
            while limit != 0, position <= text.count {
                guard let found = find(old, in: text, from: position) else { break }
                result += text[position..<found] + new
                if old.isEmpty {
                    if found < text.count { result.append(text[found]) }
                    position = found + 1
                } else {
                    position = found + old.count
                }
                limit -= 1
            }
            if position < text.count { result += text[position...] }
            return string(result)
        case "split":
            let separator = try scalars(arguments[0])
            let limit = arguments.count > 1 ? try integer(arguments[1]) : -1
            return .list(split(text, separator: separator, limit: limit).map { string($0) })
        default:
            throw .noSuchOverload
        }
    }

    /// Go's `strings.SplitN`: `limit` 0 gives no parts, a negative limit all parts, an empty separator code points.
    private static func split(_ text: [Unicode.Scalar], separator: [Unicode.Scalar], limit: Int) -> [[Unicode.Scalar]] {
        if limit == 0 { return [] }
        var parts: [[Unicode.Scalar]] = []
        if separator.isEmpty {
            for (index, scalar) in text.enumerated() {
                if limit > 0, parts.count == limit - 1 {
                    parts.append(Array(text[index...]))
                    return parts
                }
                parts.append([scalar])
            }
            return parts
        }
        var position = 0
        while limit < 0 || parts.count < limit - 1, let found = find(separator, in: text, from: position) {
            parts.append(Array(text[position..<found]))
            position = found + separator.count
        }
        parts.append(Array(text[position...]))
        return parts
    }

    private static func listMember(
        _ name: String,
        _ elements: [CELValue],
        _ arguments: [CELValue]
    ) throws(CELEvaluationError) -> CELValue {
        switch name {
        case "size": return .int(Int64(elements.count))
        case "join":
            let separator = arguments.isEmpty ? "" : try String(String.UnicodeScalarView(scalars(arguments[0])))
            var parts: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw .noSuchOverload }
                parts.append(text)
            }
            return .string(parts.joined(separator: separator))
        case "indexOf":
            return .int(Int64(elements.firstIndex { $0.isEqual(to: arguments[0]) } ?? -1))
        case "lastIndexOf":
            return .int(Int64(elements.lastIndex { $0.isEqual(to: arguments[0]) } ?? -1))
        case "isSorted":
            for (a, b) in zip(elements, elements.dropFirst()) {
                guard let order = a.compare(to: b) else { throw .noSuchOverload }
                if order > 0 { return .bool(false) }
            }
            return .bool(true)
        case "sum":
            var total =
                elements.first.map { value -> CELValue in
                    switch value {
                    case .uint: .uint(0)
                    case .double: .double(0)
                    default: .int(0)
                    }
                } ?? .int(0)
            for element in elements { total = try CELOperators.binary(.add, total, element) }
            return total
        case "min", "max":
            guard var best = elements.first else { throw CELEvaluationError("\(name) called on empty list") }
            for element in elements.dropFirst() {
                guard let order = element.compare(to: best) else { throw .noSuchOverload }
                if name == "min" ? order < 0 : order > 0 { best = element }
            }
            return best
        default:
            throw .noSuchOverload
        }
    }

    private static func toInt(_ value: CELValue) throws(CELEvaluationError) -> CELValue {
        switch value {
        case .int: return value
        case .uint(let number):
            guard let exact = Int64(exactly: number) else { throw .integerOverflow }
            return .int(exact)
        case .double(let number):
            guard number.isFinite, number > -9.223372036854775808e18, number < 9.223372036854775807e18 else {
                throw .integerOverflow
            }
            return .int(Int64(number))
        case .string(let text):
            guard let number = Int64(text) else { throw CELEvaluationError("cannot convert string to int") }
            return .int(number)
        default: throw .noSuchOverload
        }
    }

    private static func toUInt(_ value: CELValue) throws(CELEvaluationError) -> CELValue {
        switch value {
        case .uint: return value
        case .int(let number):
            guard let exact = UInt64(exactly: number) else { throw .integerOverflow }
            return .uint(exact)
        case .double(let number):
            guard number.isFinite, number > -1, number < 1.8446744073709552e19 else { throw .integerOverflow }
            return .uint(UInt64(number))
        case .string(let text):
            guard let number = UInt64(text) else { throw CELEvaluationError("cannot convert string to uint") }
            return .uint(number)
        default: throw .noSuchOverload
        }
    }

    private static func toDouble(_ value: CELValue) throws(CELEvaluationError) -> CELValue {
        switch value {
        case .double: return value
        case .int(let number): return .double(Double(number))
        case .uint(let number): return .double(Double(number))
        case .string(let text):
            guard let number = Double(text) else { throw CELEvaluationError("cannot convert string to double") }
            return .double(number)
        default: throw .noSuchOverload
        }
    }

    private static func toString(_ value: CELValue) throws(CELEvaluationError) -> CELValue {
        switch value {
        case .string: return value
        case .int(let number): return .string(String(number))
        case .uint(let number): return .string(String(number))
        case .double(let number): return .string(CELValue.format(number))
        case .bool(let flag): return .string(String(flag))
        case .bytes(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .type(let name): return .string(name)
        default: throw .noSuchOverload
        }
    }
}
