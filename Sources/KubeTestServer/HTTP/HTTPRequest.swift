package import Foundation

/// One HTTP request as the API layer sees it, independent of NIO and of the HTTP version.
package struct HTTPRequest: Sendable {
    package var method: String
    /// The path without the query, percent-decoded.
    package var path: String
    /// Query parameters; a repeated parameter keeps its first value.
    package var query: [String: String]
    /// Header fields by lower-cased name; repeated fields are joined with `, `.
    package var headers: [String: String]
    package var body: Data
    /// The user named by a verified TLS client certificate (its subject common name), if any.
    package var certificateUser: String?

    package init(
        method: String,
        uri: String,
        headers: [(String, String)] = [],
        body: Data = Data(),
        certificateUser: String? = nil
    ) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = parts.first.map { String($0).removingPercentEncoding ?? String($0) } ?? "/"
        self.query = parts.count > 1 ? Self.parseQuery(String(parts[1])) : [:]
        var fields: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            fields[key] = fields[key].map { "\($0), \(value)" } ?? value
        }
        self.headers = fields
        self.body = body
        self.certificateUser = certificateUser
    }

    /// A header field by case-insensitive name.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Parses `a=1&b=x%20y` into a dictionary (`+` means space, as in forms).
    package static func parseQuery(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if query[key] == nil { query[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return query
    }
}

/// An HTTP response: a full body, or a stream written chunk by chunk (watches).
package struct HTTPResponse: Sendable {
    /// Writes one chunk of a streamed body; throws when the connection is gone.
    package typealias ChunkWriter = @Sendable (Data) async throws -> Void

    package enum Body: Sendable {
        case data(Data)
        /// The producer writes chunks until it returns; the response ends when it returns or throws.
        case stream(@Sendable (_ write: @escaping ChunkWriter) async throws -> Void)
    }

    package var status: Int
    package var headers: [(String, String)]
    package var body: Body

    package init(status: Int, headers: [(String, String)] = [], body: Body = .data(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The full body, or empty for a stream (for tests).
    package var bodyData: Data {
        if case .data(let data) = body { return data }
        return Data()
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
