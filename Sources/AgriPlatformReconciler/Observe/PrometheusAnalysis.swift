public import AgriPlatformAPI
public import AgriPlatformRollout
public import AsyncHTTPClient
public import Foundation
import NIOCore

/// Takes a release's Prometheus measurements: runs every query of every ``AgriPlatformRollout/MetricCheck`` as an
/// instant query (`GET <baseURL>/api/v1/query?query=…&time=…`) and judges the samples with
/// ``AgriPlatformRollout/MetricCheck/evaluate(_:at:)``.
///
/// Part of the observe step: it reads and decides nothing. All queries are evaluated at the same `time`, so a
/// check comparing two revisions compares the same moment, and they run concurrently, each bounded by
/// ``timeout``. It never throws: an unreachable Prometheus, a timeout, a non-Prometheus answer or a query error
/// becomes an `Error` measurement, which ``AgriPlatformRollout/AnalysisJudge`` treats as the spec's
/// ``AgriPlatformAPI/RolloutAnalysis/onNoData`` says — never as a pass.
public struct PrometheusAnalysis: Sendable {
    /// The client the queries go through; its owner shuts it down. Give it a short connect timeout: a refused
    /// connection is otherwise retried until ``timeout``.
    public let httpClient: HTTPClient
    /// How long one query may take, response body included.
    public let timeout: Duration

    /// The most bytes of a response read: an instant query for one number answers in a few hundred.
    static let maxResponseBytes = 1 << 20

    /// Creates an analysis client.
    ///
    /// - Parameters:
    ///   - httpClient: the HTTP client to use.
    ///   - timeout: the limit of each query, default 10 s.
    public init(httpClient: HTTPClient, timeout: Duration = .seconds(10)) {
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Measures `checks` against the Prometheus at `baseURL`, at `now`.
    ///
    /// - Parameters:
    ///   - checks: the checks, from ``AgriPlatformRollout/AnalysisPlan/metricChecks(for:target:)``.
    ///   - baseURL: the spec's ``AgriPlatformAPI/RolloutAnalysis/prometheusURL``, e.g.
    ///     `http://prometheus.monitoring:9090` (a path prefix such as `/prometheus` is kept).
    ///   - now: the evaluation time of every query, and the measurements' time.
    /// - Returns: one measurement per check, in the order of `checks`.
    public func measure(_ checks: [MetricCheck], baseURL: String, now: Date) async -> [AnalysisMeasurement] {
        let samples = await withTaskGroup(of: (Int, String, PrometheusSample).self) { group in
            for (index, check) in checks.enumerated() {
                for (key, query) in check.queries {
                    group.addTask { (index, key, await sample(query, baseURL: baseURL, at: now)) }
                }
            }
            var samples = [[String: PrometheusSample]](repeating: [:], count: checks.count)
            for await (index, key, sample) in group {
                samples[index][key] = sample
            }
            return samples
        }
        return checks.enumerated().map { index, check in check.evaluate(samples[index], at: now) }
    }

    /// One instant query's sample.
    func sample(_ query: String, baseURL: String, at time: Date) async -> PrometheusSample {
        let url = Self.queryURL(baseURL: baseURL, query: query, time: time)
        let request = HTTPClientRequest(url: url)
        do {
            // Prometheus answers query errors with 4xx/5xx and an error body, which the body alone tells apart;
            // anything else (a proxy's HTML page) is quoted in the error measurement.
            let response = try await httpClient.execute(request, timeout: Self.timeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            return PrometheusResponse.sample(from: Array(body.readableBytesView))
        } catch {
            return .error("Prometheus at \(baseURL) could not be queried: \(error)")
        }
    }

    /// `<baseURL>/api/v1/query?query=<query>&time=<seconds since 1970>`, the query percent-encoded.
    static func queryURL(baseURL: String, query: String, time: Date) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let seconds = String(format: "%.3f", time.timeIntervalSince1970)
        return "\(base)/api/v1/query?query=\(percentEncoded(query))&time=\(seconds)"
    }

    /// `text` with everything but RFC 3986's unreserved characters percent-encoded, as a query value must be.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// A `Duration` as NIO's `TimeAmount`.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
