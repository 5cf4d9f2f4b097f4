import KubeCore

/// Stable names derived from pod templates, as the workload controllers compute them.
enum TemplateHash {
    /// The alphabet of `k8s.io/apimachinery/pkg/util/rand` (no vowels, no confusable digits).
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// The `pod-template-hash` of a template: FNV-1a (32 bit) of its canonical JSON and the collision count, with
    /// the decimal digits spelled in the safe alphabet (`rand.SafeEncodeString`), so at most 10 characters.
    static func podTemplateHash(of template: JSONValue, collisionCount: Int64 = 0) -> String {
        let text = (try? template.serialized()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var hash = fnv1a32(Array(text.utf8))
        if collisionCount != 0 {
            for byte in withUnsafeBytes(of: UInt32(truncatingIfNeeded: collisionCount).littleEndian, Array.init) {
                hash = (hash ^ UInt32(byte)) &* 16_777_619
            }
        }
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// `count` random characters of the safe alphabet, like a `generateName` suffix.
    static func randomSuffix(_ count: Int = 5) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// 64 hexadecimal digits derived from a text (fake container and image digests).
    static func digest(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var parts: [String] = []
        for round in 0..<8 {
            bytes.append(UInt8(round))
            let part = String(fnv1a32(bytes), radix: 16)
            parts.append(String(repeating: "0", count: 8 - part.count) + part)
        }
        return parts.joined()
    }

    static func fnv1a32(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}
