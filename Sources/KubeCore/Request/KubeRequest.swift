public import Foundation

/// An HTTP request to the API server as a plain value: building it does no I/O, so it is unit-testable, and a
/// transport only sends it (the kube-rs `request.rs` pattern).
public struct KubeRequest: Sendable, Hashable {
    /// HTTP methods the API uses.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// What the request does, for metrics, logs and error context (`get`, `list`, `watch`, `create`, ...).
    public var verb: String
    public var method: Method
    /// The URL path, already percent-encoded.
    public var path: String
    /// Query parameters in order.
    public var query: [QueryItem]
    /// Extra headers, such as `Content-Type` and `Accept`.
    public var headers: [Header]
    public var body: Data?

    public init(
        verb: String,
        method: Method,
        path: String,
        query: [QueryItem] = [],
        headers: [Header] = [],
        body: Data? = nil
    ) {
        self.verb = verb
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path followed by the percent-encoded query string.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
        return "\(path)?\(encoded)"
    }

    /// The value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .kubeQueryValue) ?? text
    }
}

extension KubeRequest {
    /// One query parameter.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One HTTP header.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }
}

extension CharacterSet {
    fileprivate static let kubeQueryValue: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}
