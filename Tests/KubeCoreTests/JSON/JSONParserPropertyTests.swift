import Foundation
import KubeCore
import Testing

@Suite("JSON parser properties")
struct JSONParserPropertyTests {
    /// SplitMix64, so a failing seed (the test's argument) rebuilds the same document.
    struct Seeded {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
    }

    /// Random JSON text with random whitespace, escapes, raw UTF-8, repeated keys and every form of number.
    struct DocumentWriter {
        var random: Seeded
        var text = ""

        mutating func whitespace() {
            for _ in 0..<random.below(3) { text += random.pick([" ", "\n", "\t", "\r\n", ""]) }
        }

        mutating func string() {
            text += "\""
            for _ in 0..<random.below(8) {
                text += random.pick([
                    "a", "Z", "0", "-", " ", "é", "中", "😀", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r",
                    "\\u00e9", "\\u4E2D", "\\ud83d\\ude00", "\\u0000", "\\u001f", "\u{7F}", "app.kubernetes.io/name",
                ])
            }
            text += "\""
        }

        mutating func number() {
            switch random.below(8) {
            case 0: text += String(Int64(bitPattern: random.next()))
            case 1: text += String(random.below(1000) - 500)
            case 2: text += random.pick(["-", ""]) + "\(random.below(100)).\(random.below(1000))"
            case 3: text += "\(random.below(20))" + random.pick(["e", "E", "e+", "e-", "E-"]) + "\(random.below(25))"
            case 4: text += random.pick(["-", ""]) + "\(random.below(10)).\(random.below(10))e\(random.below(30) - 15)"
            case 5:
                text += random.pick([
                    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                    "18446744073709551616", "9007199254740992", "9007199254740993.0", "1e-400", "-0", "-0.0",
                ])
            case 6: text += String(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))
            default: text += "\(random.below(10)).0"
            }
        }

        mutating func value(depth: Int) {
            whitespace()
            switch depth > 4 ? random.below(4) : random.below(7) {
            case 0: text += random.pick(["null", "true", "false"])
            case 1, 2: number()
            case 3: string()
            case 4, 5:
                text += "{"
                let keys = ["name", "a", "b", "replicas", "", "é", "B", "_x", "a10", "a2", "Z", "中"]
                for index in 0..<random.below(5) {
                    if index > 0 { text += "," }
                    whitespace()
                    if random.below(3) == 0 { string() } else { text += "\"\(random.pick(keys))\"" }
                    whitespace()
                    text += ":"
                    value(depth: depth + 1)
                }
                whitespace()
                text += "}"
            default:
                text += "["
                for index in 0..<random.below(5) {
                    if index > 0 { text += "," }
                    value(depth: depth + 1)
                }
                whitespace()
                text += "]"
            }
            whitespace()
        }
    }

    @Test("For random documents the parser and the Codable path give equal values", arguments: 0..<400)
    func agreesWithCodable(seed: Int) throws {
        var writer = DocumentWriter(random: Seeded(state: UInt64(seed)))
        writer.value(depth: 0)
        let data = Data(writer.text.utf8)
        let expected = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(try JSONValue(parsing: data) == expected, "\(writer.text)")
    }

    @Test("Serializing and parsing any random document gives it back", arguments: 0..<100)
    func roundTrips(seed: Int) throws {
        var writer = DocumentWriter(random: Seeded(state: UInt64(seed) &+ 10_000))
        writer.value(depth: 0)
        let value = try JSONValue(parsing: Data(writer.text.utf8))
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test("For random documents the writer produces JSONEncoder's bytes exactly", arguments: 0..<400)
    func writerMatchesJSONEncoder(seed: Int) throws {
        var writer = DocumentWriter(random: Seeded(state: UInt64(seed) &+ 20_000))
        writer.value(depth: 0)
        let value = try JSONValue(parsing: Data(writer.text.utf8))
        let expected = try KubeJSON.encoder.encode(value)
        let written = try value.serialized()
        #expect(
            written == expected,
            "\(String(decoding: written, as: UTF8.self)) != \(String(decoding: expected, as: UTF8.self))"
        )
    }

    @Test("Every control character and the characters JSON escapes are written as JSONEncoder writes them")
    func writerEscapes() throws {
        let text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init))) + "/é\u{2028}😀"
        let value = JSONValue.string(text)
        #expect(try value.serialized() == KubeJSON.encoder.encode(value))
    }

    @Test("Objects whose keys are not all ASCII, nested in one another, are written as JSONEncoder writes them")
    func writerNonASCIIKeysNested() throws {
        let value: JSONValue = [
            "é": ["b": 1, "ä": ["ö": "x\"y", "o": [1, "\u{1}"]], "a": 3, "Z": nil],
            "ß": 1, "z": ["y": "\"q\"\\", "é": true], "a": ["b": ["c": "plain"]], "ÿ": "\u{2028}",
        ]
        #expect(try value.serialized() == KubeJSON.encoder.encode(value))
    }

    @Test("A NaN or infinite number cannot be serialized", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbers(number: Double) {
        #expect(throws: EncodingError.self) { try JSONValue.array([.number(number)]).serialized() }
    }
}
