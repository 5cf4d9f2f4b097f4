import Foundation
import KubeCore

/// Reads the body of Prometheus' instant-query API (`GET /api/v1/query`) into a ``PrometheusSample``.
///
/// The response is `{"status": "success", "data": {"resultType": …, "result": …}}` or `{"status": "error",
/// "errorType": …, "error": …}` (<https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries>).
/// Sample values are strings (`"0.05"`, `"NaN"`, `"+Inf"`). The reduction is strict so that nothing passes by
/// accident:
///
/// | Body | Sample |
/// |---|---|
/// | `scalar` `[t, "v"]` | `.value(v)` |
/// | `vector` with one series | `.value(v)` |
/// | `vector` with no series | `.noData`: nothing matched (no traffic, wrong labels, not scraped yet) |
/// | a value `NaN` | `.noData`: typically `0 / 0`, no requests in the window |
/// | a value `±Inf` | `.value(±∞)`, judged like any number |
/// | `vector` with several series | `.error`: a check needs one number; aggregate with `sum()`, `max()`, … |
/// | `matrix` or `string` | `.error`: not one number |
/// | `status: error` | `.error("<errorType>: <error>")` |
/// | anything else (HTML from a proxy, empty) | `.error` quoting the start of the body |
public enum PrometheusResponse {
    /// The sample in an instant-query response body.
    ///
    /// - Parameter body: the HTTP response body, whatever the status code (Prometheus reports query errors with
    ///   4xx/5xx codes and an error body).
    /// - Returns: the one number, no data, or an error saying what was wrong.
    public static func sample(from body: [UInt8]) -> PrometheusSample {
        guard let response = try? JSONValue(parsing: Data(body)), let status = response["status"]?.stringValue
        else {
            return .error("not a Prometheus API response: \(excerpt(body))")
        }
        guard status == "success" else {
            let type = response["errorType"]?.stringValue ?? "error"
            let message = response["error"]?.stringValue ?? "status \(status)"
            return .error("\(type): \(message)")
        }
        guard let data = response["data"], let resultType = data["resultType"]?.stringValue else {
            return .error("the response has no data.resultType")
        }
        switch resultType {
        case "scalar":
            return sample(of: data["result"], in: "scalar")
        case "vector":
            guard let series = data["result"]?.arrayValue else { return .error("the vector has no result list") }
            switch series.count {
            case 0:
                return .noData
            case 1:
                return sample(of: series[0]["value"], in: "vector")
            default:
                return .error(
                    "the query returned \(series.count) series; a check needs one number, aggregate them, e.g. "
                        + "with sum() or max()"
                )
            }
        default:
            return .error("the query returned a \(resultType), not one number (a scalar or a single-series vector)")
        }
    }

    /// A `[timestamp, "value"]` pair's value.
    private static func sample(of pair: JSONValue?, in context: String) -> PrometheusSample {
        guard let pair = pair?.arrayValue, pair.count == 2, let text = pair[1].stringValue else {
            return .error("the \(context) has no [timestamp, \"value\"] pair")
        }
        return sample(ofText: text)
    }

    /// A sample value as Prometheus writes it: a Go float, `NaN`, `+Inf` or `-Inf`.
    static func sample(ofText text: String) -> PrometheusSample {
        switch text {
        case "NaN": return .noData
        case "+Inf", "Inf": return .value(.infinity)
        case "-Inf": return .value(-.infinity)
        default:
            guard let value = Double(text), !value.isNaN else { return .error("the value \"\(text)\" is not a number") }
            return .value(value)
        }
    }

    /// The start of a body that is not a Prometheus response, for the message.
    private static func excerpt(_ body: [UInt8]) -> String {
        if body.isEmpty { return "(empty body)" }
        let text = String(decoding: body.prefix(120), as: UTF8.self)
        return "\"\(text)\(body.count > 120 ? "…" : "")\""
    }
}
