public import AgriPlatformAPI
public import Foundation
import KubeCore

extension MetricCheck {
    /// Judges the samples of this check's queries, taken at `now`.
    ///
    /// Nothing passes by accident: a missing sample or a failed query is an `Error` measurement, a query without
    /// data a `NoData` one, and only a number within the limit is `Passed`. What `NoData` and `Error` mean for the
    /// release is ``AgriPlatformAPI/RolloutAnalysis/onNoData``'s decision, taken in ``AnalysisJudge``.
    ///
    /// - Parameters:
    ///   - samples: the sample of each query, by the key in ``queries``.
    ///   - now: the evaluation time, recorded as the measurement's time.
    /// - Returns: the measurement, with the value in the check's unit (percent, milliseconds, or the custom
    ///   metric's own), the threshold in words (`> 5`) and a sentence naming the revision. A non-finite value is
    ///   left out of ``AgriPlatformAPI/AnalysisMeasurement/value`` (JSON cannot carry it) and named in the message.
    public func evaluate(_ samples: [String: PrometheusSample], at now: Date) -> AnalysisMeasurement {
        for key in queries.keys.sorted() {
            switch samples[key] {
            case nil:
                return measurement(.error, now, "no sample was taken for the \(key) query")
            case .error(let text):
                return measurement(.error, now, "the \(key) query failed: \(text)")
            case .value, .noData:
                continue
            }
        }
        switch rule {
        case .errorRate(let maxPercent):
            return errorRate(samples, maxPercent: maxPercent, now)
        case .latencyIncrease(let maxPercent):
            return latencyIncrease(samples, maxPercent: maxPercent, now)
        case .latency(let maxMillis):
            return latency(samples, maxMillis: maxMillis, now)
        case .threshold(let above, let below):
            return threshold(samples, failIfAbove: above, failIfBelow: below, now)
        }
    }

    /// The 5xx share: no requests is no data (nothing was measured); requests without any 5xx series is 0 %, as a
    /// counter labelled `code="500"` only exists once a request failed.
    private func errorRate(
        _ samples: [String: PrometheusSample],
        maxPercent: Double,
        _ now: Date
    ) -> AnalysisMeasurement {
        let threshold = "> \(Self.format(maxPercent))"
        guard case .value(let requests) = samples[Key.requests], requests > 0 else {
            return measurement(
                .noData,
                now,
                "revision \(Self.short(target.revision)) served no requests in the measured window",
                threshold: threshold
            )
        }
        let errors: Double
        if case .value(let rate) = samples[Key.errors] { errors = rate } else { errors = 0 }
        let percent = 100 * errors / requests
        let failed = percent > maxPercent
        return measurement(
            failed ? .failed : .passed,
            now,
            "error rate of revision \(Self.short(target.revision)) is \(Self.format(percent)) % "
                + "(\(Self.format(errors)) of \(Self.format(requests)) requests/s failed; limit \(Self.format(maxPercent)) %)",
            value: percent,
            threshold: threshold
        )
    }

    /// The p95 increase over the baseline. Either side without data is no data; a baseline of 0 s cannot be
    /// compared with (unless both are 0).
    private func latencyIncrease(
        _ samples: [String: PrometheusSample],
        maxPercent: Double,
        _ now: Date
    ) -> AnalysisMeasurement {
        let threshold = "> \(Self.format(maxPercent))"
        let stableName = Self.short(target.stableRevision ?? "")
        guard case .value(let candidate) = samples[Key.candidate] else {
            return measurement(
                .noData,
                now,
                "revision \(Self.short(target.revision)) has no request latencies in the measured window",
                threshold: threshold
            )
        }
        guard case .value(let stable) = samples[Key.stable] else {
            return measurement(
                .noData,
                now,
                "stable revision \(stableName) has no request latencies in the measured window to compare with",
                threshold: threshold
            )
        }
        let increase: Double
        if stable > 0 {
            increase = 100 * (candidate / stable - 1)
        } else if candidate == 0 {
            increase = 0
        } else {
            return measurement(
                .noData,
                now,
                "the p95 latency of stable revision \(stableName) is 0 s; there is nothing to compare with",
                threshold: threshold
            )
        }
        let failed = increase > maxPercent
        let sign = increase >= 0 ? "+" : ""
        return measurement(
            failed ? .failed : .passed,
            now,
            "p95 latency of revision \(Self.short(target.revision)) is \(Self.millis(candidate)), "
                + "\(sign)\(Self.format(increase)) % over stable revision \(stableName)'s \(Self.millis(stable)) "
                + "(limit +\(Self.format(maxPercent)) %)",
            value: increase,
            threshold: threshold
        )
    }

    /// The absolute p95, in milliseconds.
    private func latency(_ samples: [String: PrometheusSample], maxMillis: Double, _ now: Date) -> AnalysisMeasurement {
        let threshold = "> \(Self.format(maxMillis))"
        guard case .value(let seconds) = samples[Key.value] else {
            return measurement(
                .noData,
                now,
                "revision \(Self.short(target.revision)) has no request latencies in the measured window",
                threshold: threshold
            )
        }
        let millis = seconds * 1000
        let failed = millis > maxMillis
        return measurement(
            failed ? .failed : .passed,
            now,
            "p95 latency of revision \(Self.short(target.revision)) is \(Self.millis(seconds)) "
                + "(limit \(Self.format(maxMillis)) ms)",
            value: millis,
            threshold: threshold
        )
    }

    /// A custom metric: an instant value, or a range's highest and lowest points.
    private func threshold(
        _ samples: [String: PrometheusSample],
        failIfAbove above: Double?,
        failIfBelow below: Double?,
        _ now: Date
    ) -> AnalysisMeasurement {
        let threshold = [below.map { "< \(Self.format($0))" }, above.map { "> \(Self.format($0))" }]
            .compactMap { $0 }.joined(separator: " or ")
        let isRange = queries[Key.value] == nil
        var highest: Double?
        var lowest: Double?
        for key in queries.keys.sorted() {
            guard case .value(let value) = samples[key] else {
                return measurement(
                    .noData,
                    now,
                    "\(name) of revision \(Self.short(target.revision)) has no data",
                    threshold: threshold
                )
            }
            if key != Key.min { highest = value }
            if key != Key.max { lowest = value }
        }
        let tooHigh = above.flatMap { limit in highest.map { $0 > limit } } ?? false
        let tooLow = below.flatMap { limit in lowest.map { $0 < limit } } ?? false
        let value = tooHigh ? highest : tooLow ? lowest : (highest ?? lowest)
        let shown = value.map(Self.format) ?? "unknown"
        let what = isRange ? (tooLow || highest == nil ? "lowest point" : "highest point") : "value"
        let verdict = tooHigh || tooLow ? "fails" : "passes"
        return measurement(
            tooHigh || tooLow ? .failed : .passed,
            now,
            "\(name) of revision \(Self.short(target.revision)): \(what) \(shown) \(verdict) (fails when \(threshold))",
            value: value,
            threshold: threshold
        )
    }

    /// A measurement of this check; a non-finite value is left out.
    private func measurement(
        _ result: MeasurementResult,
        _ now: Date,
        _ message: String,
        value: Double? = nil,
        threshold: String? = nil
    ) -> AnalysisMeasurement {
        AnalysisMeasurement(
            name: name,
            result: result,
            value: value.flatMap { $0.isFinite ? $0 : nil },
            threshold: threshold,
            time: Time(now),
            message: message
        )
    }

    /// A revision as messages show it: its first 8 characters.
    static func short(_ revision: String) -> String { String(revision.prefix(8)) }

    /// Seconds as milliseconds, e.g. `412 ms`.
    static func millis(_ seconds: Double) -> String { "\(format(seconds * 1000)) ms" }

    /// A number as messages show it: whole numbers plainly, others to two decimals, or three significant digits
    /// below 1.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if abs(value) >= 100 { return String(Int64(value.rounded())) }
        if abs(value) >= 1 { return trimmed(String(format: "%.2f", value)) }
        return trimmed(String(format: "%.3g", value))
    }

    /// A decimal without trailing zeros.
    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
