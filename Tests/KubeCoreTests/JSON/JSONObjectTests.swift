import Foundation
import KubeCore
import Testing

@Suite("JSONObject")
struct JSONObjectTests {
    typealias Seeded = JSONParserPropertyTests.Seeded

    static let keys = [
        "a", "b", "c", "apiVersion", "kind", "metadata", "spec", "status", "app.kubernetes.io/name", "é", "e\u{301}",
        "Z", "", "zz", "中",
    ]

    /// Random edits applied to a `JSONObject` and to a `Dictionary` must leave both with the same members.
    @Test("Behaves like a dictionary under random edits", arguments: 0..<200)
    func behavesLikeDictionary(seed: UInt64) {
        var random = Seeded(state: seed)
        var object = JSONObject()
        var reference: [String: JSONValue] = [:]
        for step in 0..<random.below(60) {
            let key = random.pick(Self.keys)
            switch random.below(6) {
            case 0, 1:
                object[key] = .integer(Int64(step))
                reference[key] = .integer(Int64(step))
            case 2:
                object[key] = nil
                reference[key] = nil
            case 3:
                #expect(object.removeValue(forKey: key) == reference.removeValue(forKey: key))
            case 4:
                let other = JSONObject([(key, .string("merged")), (random.pick(Self.keys), .bool(true))])
                object.merge(other) { mine, _ in mine }
                reference.merge(other.dictionary) { mine, _ in mine }
            default:
                object = object.filter { $0.key != key }
                reference = reference.filter { $0.key != key }
            }
            #expect(object[key] == reference[key])
        }
        #expect(object.dictionary == reference)
        #expect(object.count == reference.count)
        #expect(object.keys == object.keys.sorted())
        #expect(object == JSONObject(reference))
        #expect(object.hashValue == JSONObject(reference).hashValue)
        for key in Self.keys {
            #expect(object[key] == reference[key])
        }
    }

    @Test("A missing member reads as nil, not as JSON null")
    func missingIsNil() {
        let object: JSONObject = ["b": 1, "a": .null]
        #expect(object["c"] == Optional<JSONValue>.none)
        #expect(object["a"] == Optional<JSONValue>.some(.null))
        let value: JSONValue = .object(object)
        #expect(value["c"] == Optional<JSONValue>.none)
        #expect(value[path: ["c", "d"]] == Optional<JSONValue>.none)
    }

    @Test("Literals and sequences keep the last of repeated keys; the parser keeps the first")
    func repeatedKeys() throws {
        let literal: JSONObject = ["a": 1, "b": 2, "a": 3]
        #expect(literal.dictionary == ["a": 3, "b": 2])
        #expect(JSONObject([("x", 1), ("x", 2)])["x"] == 2)
        #expect(JSONObject([("x", 1), ("x", 2)], keepingFirst: true)["x"] == 1)
        let many = (0..<40).map { ("k\($0 % 20)", JSONValue.integer(Int64($0))) }
        #expect(JSONObject(many).count == 20)
        #expect(JSONObject(many)["k3"] == 23)
        #expect(JSONObject(many, keepingFirst: true)["k3"] == 3)
        let parsed = try JSONValue(parsing: Data(#"{"a":1,"a":2}"#.utf8))
        #expect(parsed["a"] == 1)
        // Repeats apart from each other, moved past other keys by the sort: the order among them is kept.
        let apart: [(String, JSONValue)] = [("b", 1), ("c", 5), ("a", 2), ("b", 3), ("a", 4)]
        #expect(JSONObject(apart).dictionary == ["a": 4, "b": 3, "c": 5])
        #expect(JSONObject(apart, keepingFirst: true).dictionary == ["a": 2, "b": 1, "c": 5])
        let parsedApart = try JSONValue(parsing: Data(#"{"b":1,"c":5,"a":2,"b":3,"a":4}"#.utf8))
        #expect(parsedApart.objectValue?.dictionary == ["a": 2, "b": 1, "c": 5])
        #expect(parsedApart.objectValue?.keys == ["a", "b", "c"])
    }

    @Test("Equality and hashing ignore the order members were added in")
    func orderIndependent() {
        var forward = JSONObject()
        var backward = JSONObject()
        for key in Self.keys { forward[key] = .string(key) }
        for key in Self.keys.reversed() { backward[key] = .string(key) }
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        #expect(Set([JSONValue.object(forward), .object(backward)]).count == 1)
        backward["a"] = "changed"
        #expect(forward != backward)
    }

    @Test("Iteration, YAML and serialized JSON follow the keys' order; non-ASCII keys are ordered by their bytes")
    func order() throws {
        let object: JSONObject = ["b": 1, "a": 2, "é": 3, "z": 4, "A": 5]
        #expect(object.keys == ["A", "a", "b", "z", "é"])
        #expect(object.map(\.key) == object.keys)
        let json = String(decoding: try JSONValue.object(object).serialized(), as: UTF8.self)
        #expect(json == #"{"A":5,"a":2,"b":1,"z":4,"é":3}"#)
        #expect(json == String(decoding: try KubeJSON.encode(JSONValue.object(object)), as: UTF8.self))
    }

    @Test("mapValues and compactMapValues keep keys; filter keeps the matching members")
    func transforms() {
        let object: JSONObject = ["a": 1, "b": "x", "c": .null]
        let doubled: JSONObject = object.mapValues { $0.integerValue.map { .integer($0 * 2) } ?? $0 }
        #expect(doubled == ["a": 2, "b": "x", "c": .null])
        let strings: [String: String] = object.compactMapValues(\.stringValue)
        #expect(strings == ["b": "x"])
        #expect(object.filter { $0.value.isNull } == ["c": .null])
        #expect(object.merging(["a": 9, "d": 4]) { _, new in new } == ["a": 9, "b": "x", "c": .null, "d": 4])
        #expect(JSONObject(strings: ["k": "v"]) == ["k": "v"])
    }
}
