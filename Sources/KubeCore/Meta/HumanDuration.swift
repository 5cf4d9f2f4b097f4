/// Ages as kubectl prints them (apimachinery's `duration.HumanDuration`): `45s`, `3m12s`, `15m`, `2h5m`, `10h`,
/// `2d3h`, `30d`, `2y15d`, and `<invalid>` more than a second in the future.
///
/// The test server's Table AGE column and `kubectl agri get` both print ages with it.
///
/// See <https://github.com/kubernetes/apimachinery/blob/master/pkg/util/duration/duration.go>.
public enum HumanDuration {
    /// The text for `interval` seconds.
    public static func text(_ interval: Double) -> String {
        guard interval.isFinite else { return "<invalid>" }
        let seconds = Int(interval.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
