/// What a Prometheus measurement without data means for a release: `Pause` (default), `Fail` or `Ignore`.
///
/// "No data" covers an empty result (no traffic, no series with these labels, no scrape yet), a `NaN` (a rate of
/// zero requests divided by zero), a query error and an unreachable Prometheus. Argo Rollouts and Flagger users
/// complain that such a measurement silently passed; here it is a decision the user writes down:
/// - `Pause` (default): the release waits, with the reason on status and in an Event, until a measurement has
///   data again or someone promotes or aborts it. Nothing proceeds on a blind measurement.
/// - `Fail`: the measurement counts as a failed one against ``RolloutAnalysis/failureLimit``.
/// - `Ignore`: the release proceeds; the measurement is still recorded on status (as `NoData` or `Error`), never as
///   `Passed`.
///
/// An open set in the Kubernetes style (`type X string` with constants): decoding keeps any value, and validation
/// reports the ones that are not ``known``.
public struct AnalysisNoDataPolicy: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The release fails on a measurement without data, as on a failed one.
    public static let fail = Self(rawValue: "Fail")
    /// The release waits until measurements have data again (the default).
    public static let pause = Self(rawValue: "Pause")
    /// The release proceeds; the measurement is recorded as `NoData` or `Error`.
    public static let ignore = Self(rawValue: "Ignore")
    /// Every value this version of the API accepts.
    public static let known: [Self] = [.fail, .pause, .ignore]
}
