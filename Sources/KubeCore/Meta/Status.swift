/// The body the API server returns for errors and some deletions (`metav1.Status`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/>.
public struct Status: Codable, Sendable, Hashable, Error {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// A machine-readable reason such as `NotFound`, `AlreadyExists`, `Conflict`, `Invalid` or `Expired`.
    public var reason: String?
    public var details: StatusDetails?
    /// The HTTP status code.
    public var code: Int?

    public init(
        status: String? = "Failure",
        message: String? = nil,
        reason: String? = nil,
        details: StatusDetails? = nil,
        code: Int? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Status"
        self.metadata = ListMeta()
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// Extra data about a failure: the object it concerns and per-field causes.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    /// Seconds the client should wait before retrying (sent with 429 and some 5xx).
    public var retryAfterSeconds: Int?

    public init(
        name: String? = nil,
        group: String? = nil,
        kind: String? = nil,
        uid: String? = nil,
        causes: [StatusCause]? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// One reason for a failure, usually about one field (`metav1.StatusCause`).
public struct StatusCause: Codable, Sendable, Hashable {
    /// A machine-readable cause such as `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`,
    /// `FieldValueDuplicate`, `FieldManagerConflict`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `spec.replicas` or `.spec.template.spec.containers[0].image`.
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
