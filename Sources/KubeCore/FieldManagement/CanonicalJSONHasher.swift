/// 128-bit FNV-1a over the canonical serialisation of JSON values that ``AppliedFieldsDigest`` documents.
///
/// Every value is written with a type tag, and strings, arrays and objects with their length, so no two different
/// canonical values produce the same byte stream. See <http://www.isthe.com/chongo/tech/comp/fnv/> for FNV.
struct CanonicalJSONHasher {
    private static let offsetBasis: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d

    private(set) var value: UInt128 = Self.offsetBasis

    private enum Tag: UInt8 {
        case null, bool, integer, number, string, array, object
    }

    mutating func combine(_ json: JSONValue) {
        switch json.canonicalScalarIfNumber {
        case .null: write(.null)
        case .bool(let flag):
            write(.bool)
            write(byte: flag ? 1 : 0)
        case .integer(let integer):
            write(.integer)
            write(UInt64(bitPattern: integer))
        case .number(let number):
            write(.number)
            write(number.bitPattern)
        case .string(let string):
            write(.string)
            write(string)
        case .array(let items):
            write(.array)
            write(UInt64(items.count))
            for item in items { combine(item) }
        case .object(let members):
            // A `JSONObject` iterates in key order already: no copy, no sort. Vacancy is decided once per member
            // (it walks the member's subtree), into a buffer on the stack for the usual small objects.
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: members.count) { vacant in
                var present = 0
                for (index, member) in members.enumerated() {
                    vacant[index] = member.value.isVacant
                    if !vacant[index] { present += 1 }
                }
                write(.object)
                write(UInt64(present))
                for (index, (key, member)) in members.enumerated() where !vacant[index] {
                    write(key)
                    combine(member)
                }
            }
        }
    }

    private mutating func write(_ tag: Tag) { write(byte: tag.rawValue) }

    private mutating func write(_ string: String) {
        write(UInt64(string.utf8.count))
        // `withUTF8` gives a native string's bytes in place.
        var string = string
        string.withUTF8 { bytes in
            for byte in bytes { write(byte: byte) }
        }
    }

    private mutating func write(_ word: UInt64) {
        var remaining = word
        for _ in 0..<8 {
            write(byte: UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }

    private mutating func write(byte: UInt8) {
        value ^= UInt128(byte)
        // The FNV-128 prime is 2^88 + 0x13B, so the product is a shift plus a small multiplication (mod 2^128).
        value = (value << 88) &+ value &* 0x13b
    }
}

extension JSONValue {
    /// Whether a member with this value counts as absent: `null`, and objects and lists with nothing present
    /// in them (an object whose members are all absent, an empty list).
    var isVacant: Bool {
        switch self {
        case .null: return true
        case .array(let items): return items.isEmpty
        case .object(let members): return members.allSatisfy { $0.value.isVacant }
        default: return false
        }
    }

    /// The value itself, except that a number with no fractional part becomes an integer.
    fileprivate var canonicalScalarIfNumber: JSONValue {
        if case .number = self { return canonicalScalar }
        return self
    }
}
