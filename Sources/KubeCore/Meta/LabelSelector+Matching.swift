extension LabelSelector {
    /// Whether an object with these labels is selected: every `matchLabels` entry and every `matchExpressions`
    /// requirement holds.
    ///
    /// As in the API: the empty selector matches everything; `NotIn` and `!=` also match objects that lack the key;
    /// `In` and `=` need it. A selector the API would reject (an invalid key or value, `In`/`NotIn` without values;
    /// see ``requirements()``) matches nothing, as controllers treat a selector they cannot convert.
    public func matches(_ labels: [String: String]) -> Bool {
        guard let requirements = try? requirements() else { return false }
        return requirements.matches(labels)
    }
}

extension Sequence where Element == LabelRequirement {
    /// Whether a set of labels satisfies every requirement; an empty list matches everything.
    public func matches(_ labels: [String: String]) -> Bool {
        allSatisfy { $0.matches(labels) }
    }
}
