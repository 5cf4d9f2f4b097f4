import Foundation
package import KubeCore

/// A parsed `labelSelector` or `fieldSelector` query parameter.
///
/// Label selectors support `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` and `!k` (see
/// <https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors>). Field selectors
/// support `=`, `==` and `!=` on `metadata.name`, `metadata.namespace` and any other dotted path to a scalar
/// (the real server allows only a per-kind set such as `status.phase`; this server is more permissive).
package struct SelectorQuery: Sendable, Hashable {
    /// One requirement of the selector.
    package enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    package var requirements: [Requirement]

    package init(requirements: [Requirement] = []) { self.requirements = requirements }

    package var isEmpty: Bool { requirements.isEmpty }

    /// Parses a label selector string.
    /// - Throws: ``APIError`` BadRequest for malformed text.
    package init(labelSelector text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for part in Self.splitTopLevel(text) {
            let term = part.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            requirements.append(try Self.parseLabelTerm(term))
        }
        self.requirements = requirements
    }

    /// Parses a field selector string.
    /// - Throws: ``APIError`` BadRequest for malformed text.
    package init(fieldSelector text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") {
            let term = part.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            if let range = term.range(of: "!=") {
                requirements.append(.notEquals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if let range = term.range(of: "==") {
                requirements.append(.equals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if let range = term.range(of: "=") {
                requirements.append(.equals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else {
                throw APIError.badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
        }
        self.requirements = requirements
    }

    /// Whether a label map satisfies every requirement.
    package func matches(labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    /// Whether an object's labels satisfy the selector.
    package func matchesLabels(of object: JSONValue) -> Bool {
        matches(labels: Self.labels(of: object))
    }

    /// Whether an object's fields satisfy the selector; a missing field compares as the empty string.
    package func matchesFields(of object: JSONValue) -> Bool {
        var fields: [String: String] = [:]
        for requirement in requirements {
            switch requirement {
            case .equals(let key, _), .notEquals(let key, _), .isIn(let key, _), .notIn(let key, _), .exists(let key),
                .doesNotExist(let key):
                fields[key] = Self.scalar(object[path: key.split(separator: ".").map(String.init)]) ?? ""
            }
        }
        return matches(labels: fields)
    }

    /// The `metadata.labels` of an object as strings.
    package static func labels(of object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            labels[key] = value.stringValue
        }
        return labels
    }

    private static func scalar(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .number(let number): return String(number)
        default: return nil
        }
    }

    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    private static func parseLabelTerm(_ term: String) throws(APIError) -> Requirement {
        let invalid = APIError.badRequest("unable to parse requirement: found '\(term)', expected: valid selector")
        if term.hasPrefix("!") {
            let key = term.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw invalid }
            return .doesNotExist(key)
        }
        if let range = term.range(of: "!=") {
            return .notEquals(trim(term[..<range.lowerBound]), trim(term[range.upperBound...]))
        }
        if let range = term.range(of: "==") {
            return .equals(trim(term[..<range.lowerBound]), trim(term[range.upperBound...]))
        }
        if let range = term.range(of: "=") {
            return .equals(trim(term[..<range.lowerBound]), trim(term[range.upperBound...]))
        }
        for (keyword, negated) in [(" notin ", true), (" in ", false)] {
            if let range = term.range(of: keyword) {
                let key = trim(term[..<range.lowerBound])
                var list = trim(term[range.upperBound...])
                guard list.hasPrefix("("), list.hasSuffix(")") else { throw invalid }
                list = String(list.dropFirst().dropLast())
                let values = Set(list.split(separator: ",").map { trim($0) })
                return negated ? .notIn(key, values) : .isIn(key, values)
            }
        }
        guard !term.contains(" ") else { throw invalid }
        return .exists(term)
    }

    private static func trim(_ text: Substring) -> String { text.trimmingCharacters(in: .whitespaces) }
}
