import AgriPlatformAPI
import Foundation

/// The PromQL the built-in checks send, and the placeholder substitution of custom queries. Every query is
/// written out in `docs/analysis.md`; keep the two in step.
enum PromQL {
    /// A label matcher `name="value"`, the value escaped as a PromQL double-quoted string.
    static func equals(_ label: String, _ value: String) -> String {
        "\(label)=\"\(escaped(value))\""
    }

    /// `value` as the contents of a PromQL double-quoted string: backslash, double quote and line breaks escaped
    /// (PromQL strings follow Go's escaping rules).
    static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out
    }

    /// The label names in effect: the spec's, or the defaults.
    struct Labels {
        var namespace: String
        var service: String
        var revision: String
        var statusCode: String

        init(_ labels: AnalysisLabels?) {
            namespace = labels?.namespace ?? Defaults.Analysis.namespaceLabel
            service = labels?.service ?? Defaults.Analysis.serviceLabel
            revision = labels?.revision ?? Defaults.Analysis.revisionLabel
            statusCode = labels?.statusCode ?? Defaults.Analysis.statusCodeLabel
        }
    }

    /// The matchers that select one revision's series of the target's service:
    /// `namespace="shop",service="api",revision="3f2a1b2c"`.
    static func revisionMatchers(_ labels: Labels, _ target: AnalysisTarget, revision: String) -> String {
        [
            equals(labels.namespace, target.namespace),
            equals(labels.service, target.service),
            equals(labels.revision, revision),
        ].joined(separator: ",")
    }

    /// The rate of a revision's 5xx responses per second over the window:
    /// `sum(rate(http_requests_total{…,code=~"5.."}[60s]))`. Without any 5xx series the result is empty, which
    /// the error-rate rule reads as 0 % when there were requests.
    static func errorRate(_ metric: String, _ matchers: String, _ labels: Labels, window: Int32) -> String {
        "sum(rate(\(metric){\(matchers),\(labels.statusCode)=~\"5..\"}[\(window)s]))"
    }

    /// The rate of all a revision's responses per second over the window:
    /// `sum(rate(http_requests_total{…}[60s]))`.
    static func requestRate(_ metric: String, _ matchers: String, window: Int32) -> String {
        "sum(rate(\(metric){\(matchers)}[\(window)s]))"
    }

    /// A revision's latency quantile in seconds over the window, across its pods:
    /// `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{…}[60s])))`.
    static func latencyQuantile(_ histogram: String, _ matchers: String, quantile: Double, window: Int32) -> String {
        "histogram_quantile(\(quantile), sum by (le) (rate(\(histogram)_bucket{\(matchers)}[\(window)s])))"
    }

    /// A custom query judged over a range: the worst point of a subquery, `max_over_time((q)[300s:5s])` or
    /// `min_over_time(…)`, at a resolution of a 60th of the range and at least one second.
    static func rangeReduction(_ function: String, _ query: String, rangeSeconds: Int32) -> String {
        let resolution = max(1, rangeSeconds / 60)
        return "\(function)((\(query))[\(rangeSeconds)s:\(resolution)s])"
    }

    /// The placeholders of custom queries and their values for `target`; `{{stableRevision}}` only when there is
    /// a baseline.
    static func placeholders(_ target: AnalysisTarget) -> [String: String] {
        var values = [
            "namespace": target.namespace,
            "platform": target.platform,
            "service": target.service,
            "revision": target.revision,
        ]
        values["stableRevision"] = target.baseline
        return values
    }

    /// `template` with each `{{name}}` replaced by its escaped value; `nil` when it names a placeholder without a
    /// value (`{{stableRevision}}` on a first release). Unknown placeholders were refused by validation and are
    /// left as written, which Prometheus then reports as a syntax error.
    static func substitute(_ template: String, _ values: [String: String]) -> String? {
        var out = template
        if template.contains("{{stableRevision}}"), values["stableRevision"] == nil { return nil }
        for (name, value) in values {
            out = out.replacingOccurrences(of: "{{\(name)}}", with: escaped(value))
        }
        return out
    }
}
