#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The strings of one document that are worth sharing, found by their UTF-8 bytes before a `String` is made.
///
/// The parser looks a string up here while it still points at the string's bytes in the input, so a repeat costs a
/// hash and a comparison instead of an allocation that `Set<String>` would find equal and the parser then free. The
/// hash is the standard library's `Hasher`, seeded per process, so a document written to collide cannot turn lookups
/// quadratic.
///
/// The bytes must be valid UTF-8 (a new string is made with `String(decoding:as:)`, which would replace invalid
/// sequences silently); the parser passes only ASCII strings without escapes, which are.
struct SharedStrings: ~Copyable {
    /// Open addressing with linear probing; the capacity is a power of two, at most three quarters full.
    private var slots: [String?]
    private var hashes: [Int]
    private var count = 0

    init() {
        slots = []
        hashes = []
    }

    /// The string whose UTF-8 is `bytes`: one met before in this document, or a new one, remembered.
    ///
    /// - Parameter bytes: Valid UTF-8.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if slots.isEmpty { resize(to: 64) }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while let candidate = slots[slot] {
            if hashes[slot] == hash, Self.equal(candidate, bytes) { return candidate }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        slots[slot] = string
        hashes[slot] = hash
        count += 1
        if count * 4 > slots.count * 3 { resize(to: slots.count * 2) }
        return string
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard string.utf8.count == bytes.count else { return false }
        // Shared strings are longer than 15 bytes, so neither buffer is empty.
        var string = string
        return string.withUTF8 { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func resize(to capacity: Int) {
        let oldSlots = slots
        let oldHashes = hashes
        slots = Array(repeating: nil, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
        let mask = capacity - 1
        for (index, string) in oldSlots.enumerated() {
            guard let string else { continue }
            var slot = oldHashes[index] & mask
            while slots[slot] != nil { slot = (slot + 1) & mask }
            slots[slot] = string
            hashes[slot] = oldHashes[index]
        }
    }
}
