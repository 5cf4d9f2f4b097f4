import Foundation
import KubeCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    /// What the Codable path (Foundation's `JSONDecoder` through `JSONValue.init(from:)`) makes of `text`.
    static func codable(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func parsed(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    static let agreeing: [String] = [
        "null", "true", "false", "0", "-0", "1", "-1", "42", "1.5", "-1.5e-3", "2.5E+3",
        "1.0", "1e2", "1E2", "-1e2", "1.0e0", "0.1e1", "100e-2", "0e0", "1e-400", "-1.5e-400",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "12345678901234567890", "9.2e18", "1e19", "9007199254740993", "9007199254740993.0", "9007199254740993.5",
        "4.9e-324", "1.7976931348623157e308", "1.000000000000000000001", "123456789012345678901234567890e-10",
        "\"\"", "\"plain\"", "\"caf\u{E9}\"", "\"\\u00e9\\u4e2d\\ud83d\\ude00\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\u0000\"", "\"\u{7F}\"", "\"a\\nb\u{1F600}c\"",
        "[]", "{}", " [ 1 , 2 ] ", "\n\t{\"a\" : [true, null, {\"b\": \"c\"}]}\r\n",
        "{\"a\":1,\"a\":2}", "{\"a\":{\"x\":1},\"b\":[],\"a\":null}", "{\"\":0}", "\u{FEFF}{\"bom\":1}",
        "{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"replicas\":3,\"cpu\":0.5}}",
    ]

    @Test("The parser gives the value the Codable path gives", arguments: agreeing)
    func agreesWithCodable(text: String) throws {
        #expect(try Self.parsed(text) == Self.codable(text))
    }

    @Test(
        "Numbers are classified as JSONDecoder classifies them",
        arguments: [
            ("1.0", JSONValue.integer(1)), ("1e2", .integer(100)), ("-0.0", .integer(0)), ("1.5", .number(1.5)),
            ("9223372036854775808", .number(9_223_372_036_854_775_808)), ("1e19", .number(1e19)),
            ("9007199254740993.5", .integer(9_007_199_254_740_993)), ("-9223372036854775808", .integer(.min)),
        ]
    )
    func classifiesNumbers(text: String, expected: JSONValue) throws {
        #expect(try Self.parsed(text) == expected)
    }

    static let rejected: [(String, JSONParseError.Reason)] = [
        ("", .unexpectedEnd), ("   ", .unexpectedEnd), ("[1", .unexpectedEnd), ("{\"a\"", .unexpectedEnd),
        ("\"abc", .unexpectedEnd), ("tru", .unexpectedEnd), ("nul", .unexpectedEnd),
        ("01", .invalidNumber), ("-", .invalidNumber), ("1.", .invalidNumber), ("1e", .invalidNumber),
        ("-a", .invalidNumber), ("1.e3", .invalidNumber),
        ("+1", .unexpectedByte(UInt8(ascii: "+"))), (".5", .unexpectedByte(UInt8(ascii: "."))),
        ("1E400", .numberOutOfRange), ("2e308", .numberOutOfRange), ("-1e309", .numberOutOfRange),
        ("\"\\x\"", .invalidEscape), ("\"\\u12\"", .invalidEscape), ("\"\\u12g4\"", .invalidEscape),
        ("\"\\ud800\"", .loneSurrogate), ("\"\\udc00\"", .loneSurrogate), ("\"\\ud800\\u0041\"", .loneSurrogate),
        ("\"\\uD800\\uD800\"", .loneSurrogate), ("\"a\tb\"", .controlCharacterInString),
        ("1 x", .trailingData), ("{} {}", .trailingData), ("[1]]", .trailingData),
        ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1"))), ("{1:2}", .unexpectedByte(UInt8(ascii: "1"))),
        ("[1 2]", .unexpectedByte(UInt8(ascii: "2"))), ("nope", .unexpectedByte(UInt8(ascii: "o"))),
    ]

    @Test("Invalid JSON is rejected with its reason, and JSONDecoder rejects it too", arguments: rejected)
    func rejectsInvalid(text: String, reason: JSONParseError.Reason) {
        #expect(throws: JSONParseError.self) { try Self.parsed(text) }
        do {
            _ = try Self.parsed(text)
        } catch {
            #expect(error.reason == reason)
        }
        #expect(throws: (any Error).self) { try Self.codable(text) }
    }

    @Test(
        "Invalid UTF-8 in a string is rejected",
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],
        ]
            as [[UInt8]]
    )
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONParseError(.invalidUTF8, at: 1)) { try JSONValue(parsing: bytes) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }
    }

    @Test(
        "Text RFC 8259 forbids is rejected even where JSONDecoder accepts it",
        arguments: [("[1,]", JSONParseError.Reason.unexpectedByte(UInt8(ascii: "]"))), ("1\u{0}", .trailingData)]
    )
    func stricterThanJSONDecoder(text: String, reason: JSONParseError.Reason) throws {
        #expect(throws: JSONParseError.self) { try Self.parsed(text) }
        do {
            _ = try Self.parsed(text)
        } catch {
            #expect(error.reason == reason)
        }
        _ = try Self.codable(text)
    }

    /// Each byte that needs attention (an escape, raw UTF-8, the last printable bytes) is found wherever it falls in
    /// a string, near its start, in the middle and at the end of the text.
    @Test(
        "A byte that needs attention is found at every offset of a string",
        arguments: [
            ([UInt8(ascii: "\\"), UInt8(ascii: "n")], "\n"), ([UInt8(ascii: "\\"), UInt8(ascii: "\"")], "\""),
            ([0xC3, 0xA9], "é"), ([0x7F], "\u{7F}"), ([0x20], " "), ([UInt8(ascii: "~")], "~"),
        ] as [([UInt8], String)]
    )
    func bytesNeedingAttention(special: [UInt8], decoded: String) throws {
        for before in 0..<20 {
            for after in 0..<12 {
                let text: [UInt8] =
                    [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: before) + special
                    + Array(repeating: UInt8(ascii: "b"), count: after) + [UInt8(ascii: "\"")]
                let expected = String(repeating: "a", count: before) + decoded + String(repeating: "b", count: after)
                #expect(try JSONValue(parsing: text) == .string(expected), "\(before) + \(after)")
                // Inside a document, with more text after the string.
                #expect(
                    try JSONValue(parsing: [UInt8(ascii: "[")] + text + Array(",1]".utf8)) == [.string(expected), 1]
                )
            }
        }
    }

    @Test("A control character and an unterminated string are reported where they are, invalid UTF-8 at its string")
    func refusedAtEveryOffset() {
        for before in 0..<20 {
            let prefix = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: before)
            let tail = Array("bbbbbbbbbb\"".utf8)
            #expect(throws: JSONParseError(.controlCharacterInString, at: 1 + before)) {
                try JSONValue(parsing: prefix + [0x1F] + tail)
            }
            #expect(throws: JSONParseError(.invalidUTF8, at: 1)) { try JSONValue(parsing: prefix + [0xFF] + tail) }
            #expect(throws: JSONParseError(.unexpectedEnd, at: 1 + before)) { try JSONValue(parsing: prefix) }
        }
    }

    @Test("Arrays and objects may nest 512 deep but not 513", arguments: ["[", "{\"k\":"])
    func depthLimit(open: String) throws {
        let close = open == "[" ? "]" : "}"
        let inner = open == "[" ? "" : "0"
        func nested(_ depth: Int) -> String {
            String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        }
        #expect(try Self.parsed(nested(512)) == Self.codable(nested(512)))
        #expect(throws: JSONParseError(.tooDeep, at: 512 * open.utf8.count)) { try Self.parsed(nested(513)) }
        #expect(throws: JSONParseError(.tooDeep, at: 512 * open.utf8.count)) { try Self.parsed(nested(100_001)) }
    }

    @Test("Data, a slice and a non-contiguous collection parse alike")
    func inputCollections() throws {
        let text = "xx{\"a\":[1,2.5,\"\\u00e9\"]}"
        let expected: JSONValue = ["a": [1, 2.5, "é"]]
        #expect(try JSONValue(parsing: Data(text.utf8).dropFirst(2)) == expected)
        #expect(try JSONValue(parsing: Array(text.utf8)[2...]) == expected)
        #expect(try JSONValue(parsing: text.utf8.dropFirst(2)) == expected)
        #expect(try JSONValue(parsing: text.utf8.lazy.map { $0 }.dropFirst(2)) == expected)
    }

    @Test("KubeJSON decodes JSONValue through the parser and reports its errors")
    func kubeJSONUsesParser() throws {
        let data = Data("{\"a\":[1,\"\\ud83d\\ude00\"]}".utf8)
        #expect(try KubeJSON.decode(JSONValue.self, from: data) == ["a": [1, "😀"]])
        #expect(throws: JSONParseError(.unexpectedEnd, at: 4)) {
            try KubeJSON.decode(JSONValue.self, from: Data("[1, ".utf8))
        }
        #expect(try JSONValue(encoding: ["x": 1.0]) == ["x": 1])
    }

    @Test("A DynamicObject is built from the parsed JSON directly, as JSONDecoder would read it")
    func dynamicObjectFromParsedJSON() throws {
        // KubeJSON.decode parses every type's bytes; a JSONValueDecodable type is then built with init(json:), any
        // other type goes through Codable over the parsed tree.
        #expect((DynamicObject.self as Any.Type) is any JSONValueDecodable.Type)
        let data = Data(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"\u00e9"}}"#.utf8)
        let parsed = try KubeJSON.decode(DynamicObject.self, from: data)
        #expect(parsed == (try JSONDecoder().decode(DynamicObject.self, from: data)))
        #expect(parsed.name == "a" && parsed.json[path: ["data", "k"]] == "é")
    }

    @Test("JSONValue(encoding:) takes JSON as it is; other values go through the encoder")
    func encodingJSON() throws {
        let json: JSONValue = ["spec": ["replicas": .number(2.0), "ratio": .number(0.5)], "kind": "Deployment"]
        #expect(try JSONValue(encoding: json) == json)
        #expect(try JSONValue(encoding: DynamicObject(json: json)) == json)
        // Through the encoder, an integral number would have become an integer.
        #expect(try JSONValue(encoding: ["replicas": 2.0]) == ["replicas": .integer(2)])
        // A non-finite number is accepted as a value and rejected when written, as the encoder would.
        let notFinite = try JSONValue(encoding: DynamicObject(json: ["x": .number(.nan)]))
        #expect(throws: EncodingError.self) { try notFinite.serialized() }
        #expect(throws: EncodingError.self) { try JSONValue(encoding: ["x": Double.nan]) }
        #expect(
            try String(decoding: JSONValue(encoding: json).serialized(), as: UTF8.self)
                == #"{"kind":"Deployment","spec":{"ratio":0.5,"replicas":2}}"#
        )
    }

    @Test("Every JSON file in the repository parses as the Codable path reads it")
    func repositoryFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasPrefix(".build") { enumerator?.skipDescendants() }
            if url.pathExtension == "json" { files.append(url) }
        }
        #expect(!files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: file)
            let expected = try JSONDecoder().decode(JSONValue.self, from: data)
            #expect(try JSONValue(parsing: data) == expected, "\(file.path)")
        }
    }
}
