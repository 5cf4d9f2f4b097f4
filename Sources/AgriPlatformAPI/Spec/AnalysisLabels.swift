/// The Prometheus label names the built-in analysis queries select a release's series by.
///
/// The defaults are what the operator's scrape configuration attaches to every service pod's series: `namespace`,
/// `service` (the AgriPlatform service name), `revision` (the pod's `agriplatform.io/revision` label) and `code`
/// (the HTTP status code the application exports). Set a field when the series carry another name, e.g.
/// `statusCode: status` for a counter labelled `status="500"`.
public struct AnalysisLabels: Codable, Sendable, Hashable {
    /// The label holding the namespace; defaults to `namespace`.
    public var namespace: String?
    /// The label holding the AgriPlatform service name; defaults to `service`.
    public var service: String?
    /// The label holding the pod's revision; defaults to `revision`.
    public var revision: String?
    /// The label holding the HTTP status code of the request counter; defaults to `code`.
    public var statusCode: String?

    /// Creates label-name settings; `nil` keeps a default.
    public init(namespace: String? = nil, service: String? = nil, revision: String? = nil, statusCode: String? = nil) {
        self.namespace = namespace
        self.service = service
        self.revision = revision
        self.statusCode = statusCode
    }
}
