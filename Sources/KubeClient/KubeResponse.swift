public import Foundation
public import KubeCore

/// A complete response from the API server: status code, headers and body.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/>.
public struct KubeResponse: Sendable {
    /// The HTTP status code.
    public var statusCode: Int
    /// The response headers, in order.
    public var headers: [KubeRequest.Header]
    /// The body (JSON for the API server's own responses).
    public var body: Data

    /// Creates a response.
    public init(statusCode: Int, headers: [KubeRequest.Header], body: Data) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// A header value, compared case-insensitively; the first when repeated.
    public func header(_ name: String) -> String? { headers.value(of: name) }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }
}
