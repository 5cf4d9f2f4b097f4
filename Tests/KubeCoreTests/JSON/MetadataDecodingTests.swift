import Foundation
import KubeCore
import Testing

@Suite("Metadata read from parsed JSON")
struct MetadataDecodingTests {
    typealias Seeded = JSONParserPropertyTests.Seeded

    /// Random metadata: each field present, absent, `null` or (rarely) of a wrong type, so that both the values and
    /// the failures of the two paths are compared.
    struct MetadataWriter {
        var random: Seeded

        mutating func string() -> JSONValue {
            .string(
                random.pick([
                    "", "web", "app.kubernetes.io/managed-by", "agri-operator", "bench-platform-0001", "é中😀",
                    "2026-11-27T12:00:00Z",
                ])
            )
        }

        /// A value for a field of `kind`; one in twelve is of a wrong type.
        mutating func field(_ kind: String) -> JSONValue? {
            switch random.below(12) {
            case 0: return nil
            case 1: return .null
            case 2:
                return random.pick([.integer(3), .bool(true), .string("x"), .array([]), .object([:]), .number(1.5)])
            default:
                switch kind {
                case "integer": return .integer(Int64(random.below(1000)))
                case "bool": return .bool(random.below(2) == 0)
                case "time":
                    return .string(random.pick(["2026-11-27T12:00:00Z", "2026-11-27T12:00:00.123456Z", "2026-11-27"]))
                case "map":
                    var members: JSONObject = [:]
                    for _ in 0..<random.below(4) {
                        members[random.pick(["app", "app.kubernetes.io/instance", "tier", "é"])] =
                            random.below(20) == 0 ? .integer(1) : string()
                    }
                    return .object(members)
                case "strings":
                    return .array((0..<random.below(3)).map { _ in random.below(20) == 0 ? .null : string() })
                case "owners":
                    return .array((0..<random.below(3)).map { _ in owner() })
                case "managed":
                    return .array((0..<random.below(3)).map { _ in managed() })
                default: return string()
                }
            }
        }

        mutating func owner() -> JSONValue {
            var members: JSONObject = [:]
            for key in ["apiVersion", "kind", "name", "uid"] where random.below(15) != 0 { members[key] = string() }
            members["controller"] = field("bool")
            members["blockOwnerDeletion"] = field("bool")
            members["unknown"] = random.below(4) == 0 ? .integer(1) : nil
            return .object(members)
        }

        mutating func managed() -> JSONValue {
            var members: JSONObject = [:]
            for key in ["manager", "operation", "apiVersion", "fieldsType", "subresource"] {
                members[key] = field("string")
            }
            members["time"] = field("time")
            members["fieldsV1"] = random.below(3) == 0 ? nil : ["f:spec": ["f:replicas": [:]], "f:metadata": [:]]
            return .object(members)
        }

        mutating func metadata() -> JSONValue {
            let fields: [(String, String)] = [
                ("name", "string"), ("generateName", "string"), ("namespace", "string"), ("uid", "string"),
                ("resourceVersion", "string"), ("generation", "integer"), ("creationTimestamp", "time"),
                ("deletionTimestamp", "time"), ("deletionGracePeriodSeconds", "integer"), ("labels", "map"),
                ("annotations", "map"), ("ownerReferences", "owners"), ("finalizers", "strings"),
                ("managedFields", "managed"), ("selfLink", "string"),
            ]
            var members: JSONObject = [:]
            for (key, kind) in fields { members[key] = field(kind) }
            return .object(members)
        }
    }

    @Test("For random metadata the JSON reader and Codable agree on the value or on failing", arguments: 0..<500)
    func agreesWithCodable(seed: Int) throws {
        var writer = MetadataWriter(random: Seeded(state: UInt64(seed)))
        let json = writer.metadata()
        let data = try json.serialized()
        let codable = Result { try JSONDecoder().decode(ObjectMeta.self, from: data) }
        let read = Result { try ObjectMeta(json: try JSONValue(parsing: data)) }
        switch (codable, read) {
        case (.success(let expected), .success(let actual)):
            #expect(actual == expected, "\(String(decoding: data, as: UTF8.self))")
        case (.failure, .failure):
            break
        default:
            Issue.record("Codable \(codable), reader \(read) for \(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test("A label of the wrong type is reported at its path")
    func wrongLabelType() throws {
        let json: JSONValue = ["name": "web", "labels": ["app": "web", "tier": 3]]
        #expect {
            try ObjectMeta(json: json)
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["labels", "tier"]
        }
    }

    @Test("An owner reference without its uid is reported with the reference's index")
    func ownerWithoutUID() throws {
        let json: JSONValue = [
            "ownerReferences": [
                ["apiVersion": "v1", "kind": "A", "name": "a", "uid": "1"],
                ["apiVersion": "v1", "kind": "B", "name": "b"],
            ]
        ]
        #expect {
            try ObjectMeta(json: json)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, let context) = error else { return false }
            return key.stringValue == "uid" && context.codingPath.map(\.intValue) == [nil, 1]
        }
    }

    @Test("A repeated long value keeps its own bytes when an earlier one is only canonically equal")
    func canonicallyEqualStringsKeepTheirBytes() throws {
        let composed = "caf\u{E9}-caf\u{E9}-caf\u{E9}-caf\u{E9}"
        let decomposed = "cafe\u{301}-cafe\u{301}-cafe\u{301}-cafe\u{301}"
        #expect(composed == decomposed)
        let text = #"{"a":""# + composed + #"","b":""# + decomposed + #""}"#
        let parsed = try JSONValue(parsing: Data(text.utf8))
        #expect(Array(parsed["a"]?.stringValue?.utf8 ?? "".utf8) == Array(composed.utf8))
        #expect(Array(parsed["b"]?.stringValue?.utf8 ?? "".utf8) == Array(decomposed.utf8))
    }

    @Test("Repeated long names and values parse equal to the text wherever they appear")
    func sharedStrings() throws {
        let item =
            #"{"metadata":{"name":"bench-platform-0001-api","labels":{"app.kubernetes.io/instance":"bench-platform-0001"}}}"#
        let text = #"{"items":["# + Array(repeating: item, count: 3).joined(separator: ",") + "]}"
        let items = try JSONValue(parsing: Data(text.utf8))["items"]?.arrayValue ?? []
        #expect(items.count == 3)
        for item in items {
            let metadata = try ObjectMeta(json: item["metadata"] ?? .null)
            #expect(metadata.name == "bench-platform-0001-api")
            #expect(metadata.labels == ["app.kubernetes.io/instance": "bench-platform-0001"])
        }
    }
}
