public import KubeRuntime

/// The text a `/healthz` or `/readyz` endpoint answers, in controller-runtime's format.
///
/// controller-runtime's `healthz.Handler` (copied from the API server) answers `200 ok` when every check passes and
/// lists every check when asked with `?verbose` or when one fails (`500`):
///
/// ```text
/// [+]informers ok
/// [-]leader-election failed: reason withheld
/// healthz check failed
/// ```
///
/// The aggregated endpoint withholds reasons (it is unauthenticated); the individual endpoint `/healthz/<name>`
/// answers `500 internal server error: <reason>`. See
/// <https://github.com/kubernetes-sigs/controller-runtime/blob/main/pkg/healthz/healthz.go>.
public struct HealthResponse: Sendable, Hashable {
    /// The HTTP status code: 200 or 500.
    public var statusCode: Int
    /// The plain-text body.
    public var body: String

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - statusCode: The HTTP status code.
    ///   - body: The plain-text body.
    public init(statusCode: Int, body: String) {
        self.statusCode = statusCode
        self.body = body
    }

    /// The answer of an aggregated endpoint for `report`.
    ///
    /// - Parameters:
    ///   - report: The probe's report.
    ///   - endpoint: The endpoint's name for the last line, `healthz` or `readyz`.
    ///   - verbose: Whether to list every check even when all pass (`?verbose`).
    /// - Returns: `200 ok`, or the check list with `200` or `500`.
    public static func aggregated(_ report: HealthReport, endpoint: String, verbose: Bool) -> HealthResponse {
        let healthy = report.isHealthy
        guard !healthy || verbose else { return HealthResponse(statusCode: 200, body: "ok") }
        var body = ""
        for entry in report.entries {
            if entry.isExcluded {
                body += "[+]\(entry.name) excluded: ok\n"
            } else if entry.status.isHealthy {
                body += "[+]\(entry.name) ok\n"
            } else {
                body += "[-]\(entry.name) failed: reason withheld\n"
            }
        }
        if !report.unknownExclusions.isEmpty {
            let quoted = report.unknownExclusions.map { "\"\($0)\"" }.joined(separator: ",")
            body += "warn: some health checks cannot be excluded: no matches for \(quoted)\n"
        }
        body += healthy ? "\(endpoint) check passed\n" : "\(endpoint) check failed\n"
        return HealthResponse(statusCode: healthy ? 200 : 500, body: body)
    }

    /// The answer of an individual check endpoint (`/healthz/<name>`).
    ///
    /// - Parameter status: The check's outcome, or `nil` when there is no such check.
    /// - Returns: `200 ok`, `500 internal server error: <reason>`, or `404` for an unknown check.
    public static func individual(_ status: HealthChecks.Status?) -> HealthResponse {
        guard let status else { return HealthResponse(statusCode: 404, body: "404 page not found\n") }
        if status.isHealthy { return HealthResponse(statusCode: 200, body: "ok") }
        return HealthResponse(statusCode: 500, body: "internal server error: \(status.reason ?? "check failed")\n")
    }
}
