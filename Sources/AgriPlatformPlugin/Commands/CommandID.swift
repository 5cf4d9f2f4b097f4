public import Foundation

/// The unique part of a command annotation: `<unix-ms>-<4 hex>`, e.g. `1764238500123-4f2a`.
///
/// The time orders commands for a reader; the random suffix keeps two commands sent in the same millisecond apart.
public enum CommandID {
    /// The id for a command issued at `date` with the random number `random`.
    public static func make(at date: Date, random: UInt16) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let hex = String(random, radix: 16)
        return "\(milliseconds)-\(String(repeating: "0", count: 4 - hex.count))\(hex)"
    }

    /// A fresh id for now.
    public static func make() -> String {
        make(at: Date(), random: UInt16.random(in: .min ... .max))
    }
}
