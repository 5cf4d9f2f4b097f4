/// One requirement of a label selector in its string form (`labels.Requirement`): `app=web`, `tier in (a,b)`,
/// `!canary`, `replicas>2`.
///
/// A list of requirements is the parsed form of a `labelSelector` query parameter; all must hold. The validating
/// initializer checks the key and values as the API server does, and keeps values sorted and unique so that
/// ``description`` is the canonical text.
///
/// See <https://github.com/kubernetes/apimachinery/blob/master/pkg/labels/selector.go>.
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The relation between the key and the values.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// `key=value`.
        case equals = "="
        /// `key==value`, the same as ``equals``.
        case doubleEquals = "=="
        /// `key!=value`; also matches objects without the key.
        case notEquals = "!="
        /// `key in (a,b)`.
        case `in` = "in"
        /// `key notin (a,b)`; also matches objects without the key.
        case notIn = "notin"
        /// `key`: the label is present.
        case exists = ""
        /// `!key`: the label is absent.
        case doesNotExist = "!"
        /// `key>5`: the label is present and its integer value is greater.
        case greaterThan = ">"
        /// `key<5`: the label is present and its integer value is smaller.
        case lessThan = "<"
    }

    /// The label key, a qualified name such as `app` or `app.kubernetes.io/name`.
    public var key: String
    /// The relation between the key and the values.
    public var `operator`: Operator
    /// Sorted and unique: one value for the comparison operators, at least one for `in`/`notin`, none for
    /// `exists`/`doesNotExist`.
    public var values: [String]

    /// A validated requirement (`labels.NewRequirement`).
    ///
    /// - Throws: ``LabelSelectorParseError`` (without a position) for an invalid key or value or a value count that
    ///   does not suit the operator.
    public init(key: String, operator: Operator, values: [String] = []) throws(LabelSelectorParseError) {
        if let problem = Self.keyProblem(key) {
            throw LabelSelectorParseError(position: nil, message: "invalid label key \"\(key)\": \(problem)")
        }
        switch `operator` {
        case .in, .notIn:
            if values.isEmpty {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "for 'in', 'notin' operators, values set can't be empty"
                )
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "exact-match compatibility requires one single value"
                )
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "values set must be empty for exists and does not exist"
                )
            }
        case .greaterThan, .lessThan:
            guard values.count == 1 else {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "for 'Gt', 'Lt' operators, exactly one value is required"
                )
            }
            guard Int64(values[0]) != nil else {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "for 'Gt', 'Lt' operators, the value must be an integer"
                )
            }
        }
        // Upstream also checks `>`/`<` bounds as label values, so negative bounds are rejected.
        for value in values {
            if let problem = Self.valueProblem(value) {
                throw LabelSelectorParseError(
                    position: nil,
                    message: "invalid label value \"\(value)\" for key \"\(key)\": \(problem)"
                )
            }
        }
        self.key = key
        self.operator = `operator`
        self.values = Array(Set(values)).sorted()
    }

    /// Whether a set of labels satisfies this requirement (`Requirement.Matches`).
    public func matches(_ labels: [String: String]) -> Bool {
        matches(label: labels[key])
    }

    /// Whether an object whose label ``key`` has the value `label` (`nil` when it has no such label) satisfies this
    /// requirement: for callers that hold labels in another form than a dictionary.
    public func matches(label: String?) -> Bool {
        switch `operator` {
        case .equals, .doubleEquals, .in:
            return label.map(values.contains) ?? false
        case .notEquals, .notIn:
            return label.map { !values.contains($0) } ?? true
        case .exists:
            return label != nil
        case .doesNotExist:
            return label == nil
        case .greaterThan, .lessThan:
            guard let label, let actual = Int64(label), let bound = values.first.flatMap({ Int64($0) }) else {
                return false
            }
            return `operator` == .greaterThan ? actual > bound : actual < bound
        }
    }

    /// The canonical text (`Requirement.String()`): `!key`, `key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`,
    /// `key notin (a,b)`, `key>5`, `key<5`.
    public var description: String {
        switch `operator` {
        case .doesNotExist: return "!\(key)"
        case .exists: return key
        case .in, .notIn: return "\(key) \(`operator`.rawValue) (\(values.joined(separator: ",")))"
        default: return "\(key)\(`operator`.rawValue)\(values.first ?? "")"
        }
    }

    // MARK: Validation (k8s.io/apimachinery/pkg/util/validation)

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// Checks `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` with at most 63 characters, the shape of label names and
    /// non-empty label values.
    private static func nameProblem(_ name: Substring) -> String? {
        if name.count > 63 { return "must be no more than 63 characters" }
        guard let first = name.first, let last = name.last, isAlphanumeric(first), isAlphanumeric(last),
            name.allSatisfy({ isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." })
        else {
            return "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                + "alphanumeric character"
        }
        return nil
    }

    /// Checks a DNS-1123 subdomain: lower-case alphanumeric labels with inner `-`, joined by `.`, at most 253.
    private static func prefixProblem(_ prefix: Substring) -> String? {
        if prefix.count > 253 { return "prefix must be no more than 253 characters" }
        let labels = prefix.split(separator: ".", omittingEmptySubsequences: false)
        let isLowerAlphanumeric = { (character: Character) in
            character.isASCII && (character.isLowercase || character.isNumber)
        }
        for label in labels {
            guard let first = label.first, let last = label.last, isLowerAlphanumeric(first),
                isLowerAlphanumeric(last), label.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" })
            else {
                return "prefix part must be a lowercase RFC 1123 subdomain (e.g. 'example.com')"
            }
        }
        return nil
    }

    /// Why `key` is not a qualified name (`[prefix/]name`), or `nil` when it is valid.
    static func keyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            if key.isEmpty { return "name part must be non-empty" }
            return nameProblem(parts[0])
        case 2:
            if parts[0].isEmpty { return "prefix part must be non-empty" }
            if let problem = prefixProblem(parts[0]) { return problem }
            if parts[1].isEmpty { return "name part must be non-empty" }
            return nameProblem(parts[1])
        default:
            return "a qualified name must consist of an optional DNS subdomain prefix and '/' and a name"
        }
    }

    /// Why `value` is not a label value (empty, or a name of at most 63 characters), or `nil` when it is valid.
    static func valueProblem(_ value: String) -> String? {
        value.isEmpty ? nil : nameProblem(value[...])
    }
}
