package import KubeCore

/// A failed request as the API server reports it: an HTTP code, a `Status` body and extra headers.
///
/// The factories reproduce the reasons and message formats of `k8s.io/apimachinery/pkg/api/errors`.
package struct APIError: Error, Sendable, Hashable {
    package var status: Status
    package var headers: [String: String]

    package init(status: Status, headers: [String: String] = [:]) {
        self.status = status
        self.headers = headers
    }

    package var code: Int { status.code ?? 500 }
    package var reason: String? { status.reason }

    private static func make(
        _ code: Int,
        _ reason: String,
        _ message: String,
        details: StatusDetails? = nil
    ) -> APIError {
        APIError(status: Status(message: message, reason: reason, details: details, code: code))
    }

    package static func notFound(_ resource: GroupResource, name: String) -> APIError {
        make(
            404,
            "NotFound",
            "\(resource) \"\(name)\" not found",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource)
        )
    }

    /// The answer for a path that names no served resource.
    package static let pageNotFound = make(
        404,
        "NotFound",
        "the server could not find the requested resource",
        details: StatusDetails(causes: [StatusCause(reason: "UnexpectedServerResponse", message: "404 page not found")])
    )

    package static func namespaceNotFound(_ namespace: String) -> APIError {
        notFound(.namespaces, name: namespace)
    }

    package static func alreadyExists(_ resource: GroupResource, name: String) -> APIError {
        make(
            409,
            "AlreadyExists",
            "\(resource) \"\(name)\" already exists",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource)
        )
    }

    package static func conflict(_ resource: GroupResource, name: String, message: String) -> APIError {
        make(
            409,
            "Conflict",
            "Operation cannot be fulfilled on \(resource) \"\(name)\": \(message)",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource)
        )
    }

    package static func staleResourceVersion(_ resource: GroupResource, name: String) -> APIError {
        conflict(
            resource,
            name: name,
            message: "the object has been modified; please apply your changes to the latest version and try again"
        )
    }

    package static func invalid(kind: String, group: String, name: String, causes: [StatusCause]) -> APIError {
        let summary = causes.map { cause in
            [cause.field, cause.message].compactMap { $0 }.joined(separator: ": ")
        }
        let list = summary.count == 1 ? summary[0] : "[" + summary.joined(separator: ", ") + "]"
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        return make(
            422,
            "Invalid",
            "\(qualified) \"\(name)\" is invalid: \(list)",
            details: StatusDetails(name: name, group: group, kind: kind, causes: causes)
        )
    }

    package static func badRequest(_ message: String) -> APIError { make(400, "BadRequest", message) }

    package static func forbidden(_ message: String) -> APIError { make(403, "Forbidden", message) }

    package static let unauthorized = make(401, "Unauthorized", "Unauthorized")

    package static func methodNotAllowed(_ message: String) -> APIError { make(405, "MethodNotAllowed", message) }

    /// 406 for an `Accept` header the server cannot satisfy, or a conversion that does not fit the response.
    package static func notAcceptable(_ message: String) -> APIError { make(406, "NotAcceptable", message) }

    package static func unsupportedMediaType(_ contentType: String) -> APIError {
        make(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml; got \(contentType)"
        )
    }

    /// 410 Expired for a watch or list that asks for a compacted resourceVersion.
    package static func tooOldResourceVersion(requested: Int, oldest: Int) -> APIError {
        make(410, "Expired", "too old resource version: \(requested) (\(oldest))")
    }

    package static let expiredContinue = make(
        410,
        "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list "
            + "without the continue parameter, or use the continue token in this response to retrieve the remainder "
            + "of the results. Continuing with the provided token results in an inconsistent list - objects that "
            + "were created, modified, or deleted between the time the first chunk was returned and now may show up "
            + "in the list."
    )

    package static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        var error = make(
            429,
            "TooManyRequests",
            "Too many requests, please try again later.",
            details: StatusDetails(retryAfterSeconds: retryAfterSeconds)
        )
        error.headers["Retry-After"] = String(retryAfterSeconds)
        return error
    }

    package static func internalError(_ message: String) -> APIError {
        make(
            500,
            "InternalError",
            "Internal error occurred: \(message)",
            details: StatusDetails(causes: [StatusCause(message: message)])
        )
    }

    package static func serviceUnavailable(
        _ message: String = "the server is currently unable to handle the request"
    )
        -> APIError
    { make(503, "ServiceUnavailable", message) }

    package static func timeout(
        _ message: String = "the server was unable to return a response in the time allotted"
    )
        -> APIError
    {
        var error = make(504, "Timeout", message, details: StatusDetails(retryAfterSeconds: 1))
        error.headers["Retry-After"] = "1"
        return error
    }

    package static func resourceVersionTooLarge(requested: Int, current: Int) -> APIError {
        var error = make(
            504,
            "Timeout",
            "Too large resource version: \(requested), current: \(current)",
            details: StatusDetails(
                causes: [StatusCause(reason: "ResourceVersionTooLarge", message: "Too large resource version")],
                retryAfterSeconds: 1
            )
        )
        error.headers["Retry-After"] = "1"
        return error
    }
}
