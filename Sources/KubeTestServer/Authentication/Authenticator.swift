/// Decides who sent a request: a bearer token or a verified TLS client certificate.
package struct Authenticator: Sendable {
    /// The accepted token, or `nil` to accept every request without a token.
    package var bearerToken: String?
    /// Whether a verified client certificate authenticates a request (as its common name).
    package var acceptsClientCertificates: Bool

    package init(bearerToken: String?, acceptsClientCertificates: Bool) {
        self.bearerToken = bearerToken
        self.acceptsClientCertificates = acceptsClientCertificates
    }

    /// The user name of an authenticated request, or `nil` when it must get 401 Unauthorized.
    package func user(for request: HTTPRequest) -> String? {
        if acceptsClientCertificates, let user = request.certificateUser { return user }
        guard let bearerToken else { return "system:anonymous" }
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else { return nil }
        return header.dropFirst("Bearer ".count).trimmingWhitespace == bearerToken ? "system:admin" : nil
    }

    /// Paths that answer without credentials, like the `system:public-info-viewer` role allows.
    package static func isPublic(path: String) -> Bool {
        path == "/version" || path.hasPrefix("/healthz") || path.hasPrefix("/readyz") || path.hasPrefix("/livez")
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
