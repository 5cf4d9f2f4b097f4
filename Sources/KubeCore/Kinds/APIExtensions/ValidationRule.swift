/// A CEL expression that a value must satisfy (apiextensions.k8s.io/v1 `ValidationRule`), listed under
/// `x-kubernetes-validations`.
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public struct ValidationRule: Codable, Sendable, Hashable {
    /// The CEL expression, e.g. `self.minReplicas <= self.maxReplicas`; `oldSelf` makes it a transition rule.
    public var rule: String
    /// The message shown when the rule fails.
    public var message: String?
    /// A CEL expression that builds the failure message; wins over `message`.
    public var messageExpression: String?
    /// `FieldValueInvalid` (default), `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`.
    public var reason: String?
    /// The path reported on failure, relative to the schema node, e.g. `.spec.replicas`.
    public var fieldPath: String?
    /// Whether a transition rule also runs on create, with `oldSelf` an optional.
    public var optionalOldSelf: Bool?

    public init(
        rule: String,
        message: String? = nil,
        messageExpression: String? = nil,
        reason: String? = nil,
        fieldPath: String? = nil,
        optionalOldSelf: Bool? = nil
    ) {
        self.rule = rule
        self.message = message
        self.messageExpression = messageExpression
        self.reason = reason
        self.fieldPath = fieldPath
        self.optionalOldSelf = optionalOldSelf
    }
}
