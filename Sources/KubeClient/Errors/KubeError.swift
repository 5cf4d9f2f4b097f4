public import KubeCore

/// An error from the API server or from talking to it, with the context needed to act on it.
///
/// Test ``code`` (`error.code == .notFound`), never ``message`` text. The server's ``status`` carries the reason,
/// message and per-field causes (for `422 Invalid`, the field paths). The mapping from HTTP code and
/// `Status.reason` follows apimachinery's `pkg/api/errors/errors.go`: a known reason decides the code; an unknown
/// or empty reason falls back to the HTTP code.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#http-status-codes> and
/// <https://github.com/kubernetes/apimachinery/blob/master/pkg/api/errors/errors.go>.
public struct KubeError: Error, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added without breaking callers: compare with `==` and keep
    /// a `default` branch.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound, alreadyExists, conflict, invalid, forbidden, unauthorized, tooManyRequests, expired
            case serverTimeout, internalError, serviceUnavailable, badRequest, methodNotAllowed, notAcceptable
            case requestEntityTooLarge, unsupportedMediaType, transport, decoding, unknown
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `404 NotFound`: the object (or its namespace, or the resource type) does not exist.
        public static let notFound = Code(.notFound)
        /// `409 AlreadyExists`: a create named an object that exists.
        public static let alreadyExists = Code(.alreadyExists)
        /// `409 Conflict`: the object changed since the `resourceVersion` sent (optimistic concurrency), or a
        /// server-side apply found fields owned by another manager (causes of reason `FieldManagerConflict`).
        public static let conflict = Code(.conflict)
        /// `422 Invalid`: validation failed; ``KubeError/causes`` name the fields.
        public static let invalid = Code(.invalid)
        /// `403 Forbidden`: authorization (RBAC) or admission denied the request.
        public static let forbidden = Code(.forbidden)
        /// `401 Unauthorized`: the credentials were missing, wrong or expired.
        public static let unauthorized = Code(.unauthorized)
        /// `429 TooManyRequests`: API Priority and Fairness or max-in-flight rejected the request before processing
        /// it; ``KubeError/retryAfter`` says when to try again.
        public static let tooManyRequests = Code(.tooManyRequests)
        /// `410 Gone` / reason `Expired`: the requested `resourceVersion` or `continue` token left the server's
        /// history. A watcher must relist.
        public static let expired = Code(.expired)
        /// Reason `ServerTimeout` (500) or `Timeout` (504): the server gave up waiting; a write may still complete.
        public static let serverTimeout = Code(.serverTimeout)
        /// `500 InternalError` (and `StoreReadError`), or another 5xx without a known reason.
        public static let internalError = Code(.internalError)
        /// `503 ServiceUnavailable`: for example an aggregated API whose backend is down.
        public static let serviceUnavailable = Code(.serviceUnavailable)
        /// `400 BadRequest`: the request was malformed.
        public static let badRequest = Code(.badRequest)
        /// `405 MethodNotAllowed`: the resource does not support the verb.
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// `406 NotAcceptable`: the server cannot produce the requested content type.
        public static let notAcceptable = Code(.notAcceptable)
        /// `413 RequestEntityTooLarge`: the body exceeded the server's limit.
        public static let requestEntityTooLarge = Code(.requestEntityTooLarge)
        /// `415 UnsupportedMediaType`: for example a strategic merge patch on a custom resource.
        public static let unsupportedMediaType = Code(.unsupportedMediaType)
        /// No HTTP response: connection refused or lost, TLS failure, timeout, or credentials that could not be
        /// obtained (exec plugin failure, unreadable token file). ``KubeError/underlying`` has the cause.
        public static let transport = Code(.transport)
        /// The response could not be decoded as the expected type.
        public static let decoding = Code(.decoding)
        /// An HTTP code and reason this client does not classify.
        public static let unknown = Code(.unknown)

        /// The code's name, e.g. `notFound`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation: the server's message when there is one.
    public var message: String
    /// The server's `Status` body, when it sent one.
    public var status: Status?
    /// The HTTP status code, or the `code` of a watch `ERROR` event's `Status`; `nil` for transport errors.
    public var httpCode: Int?
    /// The request verb (`get`, `list`, `watch`, `create`, `patch/status`, ...).
    public var verb: String?
    /// The resource, spelled `plural` or `plural.group` (`deployments.apps`), or the raw path of a
    /// non-resource request.
    public var resource: String?
    /// The namespace of the request, if any.
    public var namespace: String?
    /// The object name of the request, if any.
    public var name: String?
    /// How long the server asked the client to wait: the `Retry-After` header, else
    /// `status.details.retryAfterSeconds`.
    public var retryAfter: Duration?
    /// The lower-level error (transport, decoding, credentials), if any.
    public var underlying: (any Error)?

    /// Creates an error; usually made by ``KubeError/from(httpCode:status:retryAfterHeader:body:)`` or the client.
    public init(
        code: Code,
        message: String,
        status: Status? = nil,
        httpCode: Int? = nil,
        verb: String? = nil,
        resource: String? = nil,
        namespace: String? = nil,
        name: String? = nil,
        retryAfter: Duration? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.httpCode = httpCode
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// The server's machine-readable reason (`NotFound`, `Invalid`, `Expired`, ...), if any.
    public var reason: String? { status?.reason }

    /// The per-field causes of the failure; for `422 Invalid` each names a field path such as `spec.replicas`.
    public var causes: [StatusCause] { status?.details?.causes ?? [] }

    /// `code verb resource namespace/name (HTTP n): message`, without any request body or credential.
    public var description: String {
        var parts = ["KubeError.\(code)"]
        if let verb { parts.append(verb) }
        if let resource { parts.append(resource) }
        switch (namespace, name) {
        case (let namespace?, let name?): parts.append("\(namespace)/\(name)")
        case (nil, let name?): parts.append(name)
        case (let namespace?, nil): parts.append("namespace=\(namespace)")
        case (nil, nil): break
        }
        if let httpCode { parts.append("(HTTP \(httpCode))") }
        var text = parts.joined(separator: " ") + ": " + message
        if let underlying, code == .transport || code == .decoding { text += " [\(underlying)]" }
        return text
    }
}
