/// The 64-bit FNV-1a hash, written out so the renderer needs neither Foundation nor Crypto and gives the same value
/// on every platform and in every process (Swift's `Hasher` is seeded per process).
///
/// Not a cryptographic hash: it names revisions, it does not protect them.
struct FNV1a64: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Feeds one byte.
    mutating func combine(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* Self.prime
    }

    /// Feeds a string's UTF-8 bytes.
    mutating func combine(_ text: String) {
        // `withUTF8` reads a native string's bytes in place, without the `UTF8View`'s index per byte.
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { combine(byte) }
        }
    }

    /// The hash as 16 lower-case hexadecimal digits.
    var hexDigits: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
