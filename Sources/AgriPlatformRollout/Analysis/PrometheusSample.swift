/// What one Prometheus query returned, reduced to what a check can judge: one number, nothing, or an error.
public enum PrometheusSample: Sendable, Hashable {
    /// The query returned one number (a scalar, or a vector of exactly one series). Never `NaN`; may be infinite.
    case value(Double)
    /// The query returned nothing to judge: an empty vector (no series match: no traffic yet, wrong labels, not
    /// scraped), or `NaN` (typically zero requests divided by zero requests).
    case noData
    /// The query failed or returned something other than one number; the text says what.
    case error(String)
}
