public import Foundation
public import KubeCore

extension KubeError {
    /// Builds the error for a failed response: a pure function of the HTTP code, the decoded `Status` (if the body
    /// was one) and the `Retry-After` header.
    ///
    /// A known `Status.reason` decides the code, as apimachinery's `errors.go` predicates (`IsNotFound`,
    /// `IsAlreadyExists`, ...) do; an empty or unknown reason falls back to the HTTP code. `410` with any reason is
    /// ``Code/expired``, since a watcher must relist either way. For a watch `ERROR` event pass `httpCode: nil`:
    /// the `Status.code` is used.
    ///
    /// - Parameters:
    ///   - httpCode: The response status code, or `nil` for a watch `ERROR` event.
    ///   - status: The decoded `Status` body, if the body was one.
    ///   - retryAfterHeader: The raw `Retry-After` header value, if any.
    ///   - body: The raw body, used for the message when it was not a `Status` (e.g. a proxy's HTML page).
    ///   - now: The current time, for `Retry-After` given as an HTTP date.
    /// - Returns: The classified error, without request context (verb, resource, ...); the client adds it.
    public static func from(
        httpCode: Int?,
        status: Status?,
        retryAfterHeader: String? = nil,
        body: Data? = nil,
        now: Date = Date()
    ) -> KubeError {
        let effectiveCode: Int? =
            if let httpCode, httpCode >= 300 { httpCode } else { status?.code ?? httpCode }
        let code = classify(httpCode: effectiveCode, reason: status?.reason)
        var retryAfter = retryAfterHeader.flatMap { RetryAfter.parse($0, now: now) }
        if retryAfter == nil, let seconds = status?.details?.retryAfterSeconds, seconds >= 0 {
            retryAfter = .seconds(seconds)
        }
        let message: String
        if let text = status?.message, !text.isEmpty {
            message = text
        } else if let body, !body.isEmpty, status == nil {
            message = String(decoding: body.prefix(512), as: UTF8.self)
        } else if let effectiveCode {
            message = "the server responded with HTTP \(effectiveCode)" + (status?.reason.map { " (\($0))" } ?? "")
        } else {
            message = "the server reported an error"
        }
        return KubeError(code: code, message: message, status: status, httpCode: effectiveCode, retryAfter: retryAfter)
    }

    /// The code for an HTTP status and `Status.reason`: the reason wins when it is one apimachinery defines,
    /// otherwise the HTTP code decides.
    ///
    /// - Parameters:
    ///   - httpCode: The HTTP status (or a watch event's `Status.code`).
    ///   - reason: `Status.reason`, e.g. `AlreadyExists`.
    /// - Returns: The classified code; ``Code/unknown`` when neither is recognised.
    public static func classify(httpCode: Int?, reason: String?) -> Code {
        if let reason, let code = reasonCodes[reason] { return code }
        switch httpCode {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 406: return .notAcceptable
        case 409: return .conflict
        case 410: return .expired
        case 413: return .requestEntityTooLarge
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500: return .internalError
        case 503: return .serviceUnavailable
        case 504: return .serverTimeout
        case let code? where code > 500 && code < 600: return .internalError
        default: return .unknown
        }
    }

    /// `metav1.StatusReason` values (apimachinery `types.go`) and the code each maps to.
    private static let reasonCodes: [String: Code] = [
        "Unauthorized": .unauthorized,
        "Forbidden": .forbidden,
        "NotFound": .notFound,
        "AlreadyExists": .alreadyExists,
        "Conflict": .conflict,
        "Gone": .expired,
        "Expired": .expired,
        "Invalid": .invalid,
        "ServerTimeout": .serverTimeout,
        "Timeout": .serverTimeout,
        "StoreReadError": .internalError,
        "TooManyRequests": .tooManyRequests,
        "BadRequest": .badRequest,
        "MethodNotAllowed": .methodNotAllowed,
        "NotAcceptable": .notAcceptable,
        "RequestEntityTooLarge": .requestEntityTooLarge,
        "UnsupportedMediaType": .unsupportedMediaType,
        "InternalError": .internalError,
        "ServiceUnavailable": .serviceUnavailable,
    ]

    /// A transport failure (no HTTP response) for a request.
    static func transport(_ message: String, underlying: (any Error)?) -> KubeError {
        KubeError(code: .transport, message: message, underlying: underlying)
    }

    /// Returns a copy with the request's context filled in.
    func withContext(of request: KubeRequest) -> KubeError {
        var error = self
        let info = RequestInfo(path: request.path)
        error.verb = error.verb ?? request.verb
        error.resource = error.resource ?? info.metricsResource
        error.namespace = error.namespace ?? info.namespace
        error.name = error.name ?? info.name
        return error
    }
}
