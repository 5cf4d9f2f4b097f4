/// A label query over a set of objects (`metav1.LabelSelector`): all `matchLabels` and all `matchExpressions` must
/// hold. An empty selector matches everything; a `nil` selector (absent field) matches nothing where the API says so.
///
/// See <https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors>.
public struct LabelSelector: Codable, Sendable, Hashable {
    /// Labels that must be present with exactly these values (each is an `In` requirement with one value).
    public var matchLabels: [String: String]?
    /// Requirements that must all hold; see ``LabelSelectorRequirement``.
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One requirement of a ``LabelSelector``: a key, an operator and values.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// The relation between the key and the values.
    public enum Operator: String, Codable, Sendable, Hashable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    /// The label key the requirement applies to.
    public var key: String
    /// The relation between the key and the values.
    public var `operator`: Operator
    /// Non-empty for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`.
    public var values: [String]?

    public init(key: String, operator: Operator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
