import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("KubeError mapping")
struct KubeErrorMappingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var httpCode: Int?
        var reason: String?
        var expected: KubeError.Code
        var testDescription: String { "\(httpCode.map(String.init) ?? "nil") \(reason ?? "-") → \(expected)" }
    }

    static let rows: [Row] = [
        // Known reasons decide, whatever the code (apimachinery errors.go).
        Row(httpCode: 404, reason: "NotFound", expected: .notFound),
        Row(httpCode: 409, reason: "AlreadyExists", expected: .alreadyExists),
        Row(httpCode: 409, reason: "Conflict", expected: .conflict),
        Row(httpCode: 422, reason: "Invalid", expected: .invalid),
        Row(httpCode: 403, reason: "Forbidden", expected: .forbidden),
        Row(httpCode: 401, reason: "Unauthorized", expected: .unauthorized),
        Row(httpCode: 429, reason: "TooManyRequests", expected: .tooManyRequests),
        Row(httpCode: 410, reason: "Expired", expected: .expired),
        Row(httpCode: 410, reason: "Gone", expected: .expired),
        Row(httpCode: 500, reason: "ServerTimeout", expected: .serverTimeout),
        Row(httpCode: 504, reason: "Timeout", expected: .serverTimeout),
        Row(httpCode: 500, reason: "InternalError", expected: .internalError),
        Row(httpCode: 500, reason: "StoreReadError", expected: .internalError),
        Row(httpCode: 503, reason: "ServiceUnavailable", expected: .serviceUnavailable),
        Row(httpCode: 400, reason: "BadRequest", expected: .badRequest),
        Row(httpCode: 405, reason: "MethodNotAllowed", expected: .methodNotAllowed),
        Row(httpCode: 406, reason: "NotAcceptable", expected: .notAcceptable),
        Row(httpCode: 413, reason: "RequestEntityTooLarge", expected: .requestEntityTooLarge),
        Row(httpCode: 415, reason: "UnsupportedMediaType", expected: .unsupportedMediaType),
        // A known reason wins over a contradicting code.
        Row(httpCode: 500, reason: "NotFound", expected: .notFound),
        // Unknown or empty reasons fall back to the HTTP code.
        Row(httpCode: 400, reason: nil, expected: .badRequest),
        Row(httpCode: 401, reason: "", expected: .unauthorized),
        Row(httpCode: 403, reason: "SomethingNew", expected: .forbidden),
        Row(httpCode: 404, reason: nil, expected: .notFound),
        Row(httpCode: 405, reason: nil, expected: .methodNotAllowed),
        Row(httpCode: 406, reason: nil, expected: .notAcceptable),
        Row(httpCode: 409, reason: nil, expected: .conflict),
        Row(httpCode: 410, reason: nil, expected: .expired),
        Row(httpCode: 413, reason: nil, expected: .requestEntityTooLarge),
        Row(httpCode: 415, reason: nil, expected: .unsupportedMediaType),
        Row(httpCode: 422, reason: nil, expected: .invalid),
        Row(httpCode: 429, reason: nil, expected: .tooManyRequests),
        Row(httpCode: 500, reason: nil, expected: .internalError),
        Row(httpCode: 502, reason: nil, expected: .internalError),
        Row(httpCode: 503, reason: nil, expected: .serviceUnavailable),
        Row(httpCode: 504, reason: nil, expected: .serverTimeout),
        Row(httpCode: 418, reason: nil, expected: .unknown),
        Row(httpCode: 302, reason: nil, expected: .unknown),
        Row(httpCode: nil, reason: nil, expected: .unknown),
    ]

    @Test("HTTP code and Status reason map to the right code", arguments: rows)
    func classify(row: Row) {
        #expect(KubeError.classify(httpCode: row.httpCode, reason: row.reason) == row.expected)
    }

    @Test("The server's Status, message and causes are carried")
    func carriesStatus() {
        let status = Status(
            message: "ConfigMap \"a\" is invalid",
            reason: "Invalid",
            details: StatusDetails(
                name: "a",
                kind: "ConfigMap",
                causes: [StatusCause(reason: "FieldValueInvalid", message: "bad", field: "data[x y]")]
            ),
            code: 422
        )
        let error = KubeError.from(httpCode: 422, status: status)
        #expect(error.code == .invalid)
        #expect(error.httpCode == 422)
        #expect(error.message == "ConfigMap \"a\" is invalid")
        #expect(error.causes.map(\.field) == ["data[x y]"])
        #expect(error.reason == "Invalid")
    }

    @Test("Retry-After comes from the header first, then from details.retryAfterSeconds")
    func retryAfterSources() {
        let status = Status(reason: "TooManyRequests", details: StatusDetails(retryAfterSeconds: 7), code: 429)
        #expect(KubeError.from(httpCode: 429, status: status, retryAfterHeader: "2").retryAfter == .seconds(2))
        #expect(KubeError.from(httpCode: 429, status: status).retryAfter == .seconds(7))
        #expect(KubeError.from(httpCode: 429, status: nil).retryAfter == nil)
        #expect(KubeError.from(httpCode: 429, status: status, retryAfterHeader: "soon").retryAfter == .seconds(7))
    }

    @Test("A watch ERROR event's Status code is used when there is no HTTP error code")
    func watchErrorEvent() {
        let status = Status(message: "too old resource version: 1 (5)", reason: "Expired", code: 410)
        let error = KubeError.from(httpCode: nil, status: status)
        #expect(error.code == .expired)
        #expect(error.httpCode == 410)
        let gone = KubeError.from(httpCode: 200, status: Status(message: "gone", code: 410))
        #expect(gone.code == .expired)
    }

    @Test("A body that is not a Status becomes the message")
    func nonStatusBody() {
        let error = KubeError.from(httpCode: 502, status: nil, body: Data("<html>bad gateway</html>".utf8))
        #expect(error.code == .internalError)
        #expect(error.message == "<html>bad gateway</html>")
        #expect(error.status == nil)
    }

    @Test("The description names code, verb, resource and object but no secrets")
    func description() {
        var error = KubeError.from(httpCode: 404, status: Status(message: "not found", reason: "NotFound", code: 404))
        error.verb = "get"
        error.resource = "deployments.apps"
        error.namespace = "team"
        error.name = "web"
        #expect(error.description == "KubeError.notFound get deployments.apps team/web (HTTP 404): not found")
    }
}

@Suite("Retry-After parsing")
struct RetryAfterTests {
    static let now = Date(timeIntervalSince1970: 1_445_412_470)  // Wed, 21 Oct 2015 07:27:50 GMT

    @Test(
        "Header values parse to delays",
        arguments: [
            ("0", Duration.zero),
            ("1", .seconds(1)),
            (" 120 ", .seconds(120)),
            ("Wed, 21 Oct 2015 07:28:00 GMT", .seconds(10)),
            ("Wednesday, 21-Oct-15 07:28:00 GMT", .seconds(10)),
            ("Wed Oct 21 07:28:00 2015", .seconds(10)),
            ("Wed, 21 Oct 2015 07:00:00 GMT", .zero),
        ] as [(String, Duration)]
    )
    func parses(value: String, expected: Duration) {
        #expect(RetryAfter.parse(value, now: Self.now) == expected)
    }

    @Test("Malformed values are rejected", arguments: ["", "-1", "1.5", "soon", "Wed, 99 Foo 2015"])
    func rejects(value: String) {
        #expect(RetryAfter.parse(value, now: Self.now) == nil)
    }
}
