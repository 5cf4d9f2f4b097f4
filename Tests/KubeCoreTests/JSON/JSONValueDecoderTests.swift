import Foundation
import KubeCore
import Testing

@Suite("Decoding from parsed JSON")
struct JSONValueDecoderTests {
    typealias Seeded = JSONParserPropertyTests.Seeded

    enum Mode: String, Codable, Hashable {
        case fast = "Fast"
        case safe = "Safe"
    }

    /// Every shape of member a Kubernetes type has.
    struct Probe: Codable, Hashable {
        var name: String
        var count: Int?
        var small: UInt8?
        var wide: Int64?
        var ratio: Double?
        var share: Float?
        var enabled: Bool?
        var tags: [String]?
        var limits: [String: Int]?
        var holes: [Int?]?
        var mode: Mode?
        var payload: Data?
        var link: URL?
        var when: Date?
        var raw: JSONValue?
        var flags: [Bool]?
        var dates: [Date]?
        var blobs: [Data]?
        var links: [URL]?
        var children: [Probe]?
    }

    /// A random JSON member for `key`: usually of the right type, sometimes missing, `null`, of another type or a
    /// number that does not fit.
    struct ProbeWriter {
        var random: Seeded

        mutating func scalar() -> JSONValue {
            random.pick([
                "text", "", 0, 1, -1, 255, 256, 1.0, 1.5, -0.0, 3e38, 1e300, 9_223_372_036_854_775_807, true, false,
                .null, [], [:], "aGVsbG8=", "not base64!", "https://example.com/a b", "https://example.com/x",
                "Fast", "Safe", "fast",
            ])
        }

        mutating func member(_ key: String, depth: Int) -> JSONValue? {
            switch random.below(10) {
            case 0: return nil
            case 1: return scalar()
            default: break
            }
            switch key {
            case "name": return .string("n\(random.below(100))")
            case "count", "wide": return .integer(Int64(random.below(2000)) - 1000)
            case "small": return .integer(Int64(random.below(300)))
            case "ratio", "share": return .number(Double(random.below(1000)) / 8)
            case "enabled": return .bool(random.below(2) == 0)
            case "tags": return .array((0..<random.below(4)).map { _ in random.below(8) == 0 ? scalar() : "t" })
            case "limits":
                // At most one member of the wrong type: JSONDecoder visits a dictionary's keys in hash order, so with
                // two bad members which one it reports varies from run to run.
                let bad = random.below(8)
                let odd = scalar()
                return .object(JSONObject((0..<random.below(4)).map { ("k\($0)", $0 == bad ? odd : 7) }))
            case "holes": return .array((0..<random.below(4)).map { _ in random.pick([1, .null, 2, "x"]) })
            case "mode": return random.pick(["Fast", "Safe"])
            case "payload": return "aGVsbG8="
            case "link": return "https://example.com/x"
            case "when": return .number(Double(random.below(1_000_000)))
            case "raw": return random.pick([.null, 1, ["a": [1, "b"]], "x"])
            case "flags": return .array((0..<random.below(3)).map { _ in random.pick([true, false, .null, 1]) })
            case "dates": return .array((0..<random.below(3)).map { _ in random.pick([1.5, 0, .null, "x"]) })
            case "blobs": return .array((0..<random.below(3)).map { _ in random.pick(["aGVsbG8=", .null, 1, "!"]) })
            case "links":
                return .array((0..<random.below(3)).map { _ in random.pick(["https://a.example", .null, 2]) })
            default:
                guard depth < 2 else { return .array([]) }
                return .array((0..<random.below(3)).map { _ in probe(depth: depth + 1) })
            }
        }

        mutating func probe(depth: Int) -> JSONValue {
            let keys = [
                "name", "count", "small", "wide", "ratio", "share", "enabled", "tags", "limits", "holes", "mode",
                "payload", "link", "when", "raw", "flags", "dates", "blobs", "links", "children", "unknown",
            ]
            var members = JSONObject()
            for key in keys {
                if let value = member(key, depth: depth) { members[key] = value }
            }
            return random.below(25) == 0 ? scalar() : .object(members)
        }
    }

    /// The kind of a decoding error and where it is, as the tests compare them.
    static func summary(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not a DecodingError: \(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context): return "typeMismatch(\(type)) at \(path(context))"
        case .valueNotFound(let type, let context): return "valueNotFound(\(type)) at \(path(context))"
        case .keyNotFound(let key, let context): return "keyNotFound \(key.stringValue) at \(path(context))"
        case .dataCorrupted(let context): return "dataCorrupted at \(path(context))"
        @unknown default: return "unknown"
        }
    }

    @Test(
        "For random documents it agrees with JSONDecoder on the value, or on the error and its path",
        arguments: 0..<400
    )
    func agreesWithJSONDecoder(seed: Int) throws {
        var writer = ProbeWriter(random: Seeded(state: UInt64(seed) &+ 40_000))
        let document = writer.probe(depth: 0)
        let data = try document.serialized()
        let text = String(decoding: data, as: UTF8.self)
        let expected = Result { try JSONDecoder().decode(Probe.self, from: data) }
        let decoded = Result { try JSONValue(parsing: data).decode(as: Probe.self) }
        switch (expected, decoded) {
        case (.success(let expected), .success(let decoded)):
            #expect(decoded == expected, "\(text)")
        case (.failure(let expected), .failure(let decoded)):
            // JSONDecoder reports a number that does not fit its type with an empty coding path; this decoder names
            // the member, and agrees on the kind of error.
            let expectedSummary = Self.summary(expected)
            let decodedSummary = Self.summary(decoded)
            if expectedSummary == "dataCorrupted at ", decodedSummary.hasPrefix("dataCorrupted at ."),
                "\(decoded)".contains("is not representable")
            {
                break
            }
            #expect(decodedSummary == expectedSummary, "\(text): \(decoded) vs \(expected)")
        case (.success, .failure(let error)):
            Issue.record("JSONDecoder decoded \(text), the parsed-value decoder failed: \(error)")
        case (.failure(let error), .success):
            Issue.record("JSONDecoder failed on \(text) (\(error)), the parsed-value decoder decoded it")
        }
    }

    @Test("KubeJSON.decode decodes typed objects without JSONDecoder and reports bad ones at their path")
    func typedObjects() throws {
        let pod = try KubeJSON.decode(
            Pod.self,
            from: Data(
                #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}]}]},"status":{"phase":"Running"}}"#
                    .utf8
            )
        )
        #expect(pod.metadata.labels == ["a": "b"])
        #expect(pod.spec?.containers.first?.ports?.first?.containerPort == 80)
        #expect(pod.status?.phase == "Running")
        let bad = Data(#"{"metadata":{},"spec":{"containers":[{"name":"c","ports":[{"containerPort":"80"}]}]}}"#.utf8)
        #expect(throws: DecodingError.self) { try KubeJSON.decode(Pod.self, from: bad) }
        do {
            _ = try KubeJSON.decode(Pod.self, from: bad)
        } catch {
            #expect(Self.summary(error) == "typeMismatch(Int32) at .spec.containers[0].ports[0].containerPort")
        }
        #expect(throws: JSONParseError.self) { try KubeJSON.decode(Pod.self, from: Data("{".utf8)) }
    }
}
