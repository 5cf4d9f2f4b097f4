import Foundation
import KubeCore
import Testing

@Suite("Decoding a list item by item")
struct ListDecodingTests {
    typealias Seeded = JSONParserPropertyTests.Seeded
    typealias Probe = JSONValueDecoderTests.Probe

    /// A random list document as text: its members in random order, sometimes repeated, of the right type or not,
    /// and sometimes cut short.
    struct ListWriter {
        var random: Seeded

        func text(_ value: JSONValue) -> String {
            // Serializing a JSONValue cannot fail.
            String(decoding: (try? value.serialized()) ?? Data(), as: UTF8.self)
        }

        mutating func items() -> String {
            switch random.below(12) {
            case 0: return "null"
            case 1: return #""items""#
            case 2: return "{}"
            case 3: return "[]"
            default:
                var probes = JSONValueDecoderTests.ProbeWriter(random: random)
                let count = random.below(6)
                let elements = (0..<count).map { _ in probes.probe(depth: 1) }
                random = probes.random
                return "[" + elements.map { text($0) }.joined(separator: random.pick([",", " ,\n "])) + "]"
            }
        }

        mutating func document() -> String {
            var members = [
                #""apiVersion":"# + random.pick([#""v1""#, "1", "null"]),
                #""kind":"# + random.pick([#""ProbeList""#, "true"]),
                #""metadata":"#
                    + random.pick([
                        #"{"resourceVersion":"7","continue":"next"}"#, #"{"resourceVersion":7}"#, "null", "{}",
                    ]),
                #""items":"# + items(),
                #""unknown":[1,{"items":[2]}]"#,
            ]
            if random.below(4) == 0 { members.append(#""items":"# + items()) }
            for index in members.indices.reversed() { members.swapAt(index, random.below(index + 1)) }
            var text = "{" + members.joined(separator: ",") + "}"
            if random.below(20) == 0 { text.removeLast(1 + random.below(min(text.count - 1, 20))) }
            if random.below(40) == 0 { text += " x" }
            return text
        }
    }

    /// What a decode gave, for comparing the item-by-item decoding with decoding one parsed tree.
    static func outcome<Item: Codable & Sendable & Hashable>(
        _ decode: () throws -> ObjectList<Item>
    ) -> String {
        do {
            let list = try decode()
            return "\(list.apiVersion ?? "-") \(list.kind ?? "-") \(list.metadata) \(list.items)"
        } catch let error as JSONParseError {
            return "parse error \(error)"
        } catch {
            return JSONValueDecoderTests.summary(error)
        }
    }

    @Test(
        "For random list documents it gives what decoding one tree gives, value or error",
        arguments: 0..<300
    )
    func agreesWithTheTree(seed: Int) {
        var writer = ListWriter(random: Seeded(state: UInt64(seed) &+ 70_000))
        let text = writer.document()
        let data = Data(text.utf8)
        // Probes go through Decodable; JSONValue and ObjectMeta items through JSONValueDecodable, ObjectMeta's
        // failing for an item that is not an object or whose name is not a string.
        let probes = Self.outcome { try KubeJSON.decode(ObjectList<Probe>.self, from: data) }
        let probesFromTree = Self.outcome { try JSONValue(parsing: data).decode(as: ObjectList<Probe>.self) }
        #expect(probes == probesFromTree, "\(text)")
        let values = Self.outcome { try KubeJSON.decode(ObjectList<JSONValue>.self, from: data) }
        let valuesFromTree = Self.outcome { try ObjectList<JSONValue>(json: JSONValue(parsing: data)) }
        #expect(values == valuesFromTree, "\(text)")
        let metadata = Self.outcome { try KubeJSON.decode(ObjectList<ObjectMeta>.self, from: data) }
        let metadataFromTree = Self.outcome { try ObjectList<ObjectMeta>(json: JSONValue(parsing: data)) }
        #expect(metadata == metadataFromTree, "\(text)")
    }

    @Test("Items decode at their place in the list, and a bad one names its index")
    func itemsAndErrors() throws {
        let good = Data(
            #"{"kind":"PodList","items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}],"metadata":{"resourceVersion":"9"}}"#
                .utf8
        )
        let pods = try KubeJSON.decode(ObjectList<Pod>.self, from: good)
        #expect(pods.items.map(\.name) == ["a", "b"])
        #expect(pods.metadata.resourceVersion == "9")
        #expect(pods.kind == "PodList")

        let bad = Data(#"{"items":[{"metadata":{"name":"a"}},{"metadata":{"name":7}}]}"#.utf8)
        do {
            _ = try KubeJSON.decode(ObjectList<Pod>.self, from: bad)
            Issue.record("a list with a bad item decoded")
        } catch {
            #expect(JSONValueDecoderTests.summary(error) == "typeMismatch(String) at .items[1].metadata.name")
        }

        // The text after the items is checked too: a syntax error wins over an item already found bad.
        let cut = Data(#"{"items":[{"metadata":{"name":7}}],"metadata":{"#.utf8)
        #expect(throws: JSONParseError.self) { try KubeJSON.decode(ObjectList<Pod>.self, from: cut) }
        // The list's own members are decoded first, as through the tree: a bad resourceVersion wins over a bad item.
        let both = Data(#"{"items":[{"metadata":{"name":7}}],"metadata":{"resourceVersion":7}}"#.utf8)
        do {
            _ = try KubeJSON.decode(ObjectList<Pod>.self, from: both)
            Issue.record("a list with a bad item and bad metadata decoded")
        } catch {
            #expect(JSONValueDecoderTests.summary(error) == "typeMismatch(String) at .metadata.resourceVersion")
        }
        // Whitespace anywhere, a byte-order mark, and the nesting limit inside an item, as for any document.
        let spaced = Data("\u{FEFF}{ \"items\" :\n [ {\"metadata\":{\"name\":\"a\"}} ,\t{\"metadata\":{}} ] }".utf8)
        #expect(try KubeJSON.decode(ObjectList<Pod>.self, from: spaced).items.map(\.name) == ["a", ""])
        let deep = Data(
            (#"{"items":["# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "]}").utf8
        )
        #expect(throws: JSONParseError.self) { try KubeJSON.decode(ObjectList<JSONValue>.self, from: deep) }
    }

    @Test("The first items member decides and later ones are dropped, as in any object")
    func repeatedItems() throws {
        let streamedFirst = Data(#"{"items":[{"a":1}],"items":[{"b":2}]}"#.utf8)
        #expect(try KubeJSON.decode(ObjectList<JSONValue>.self, from: streamedFirst).items == [["a": 1]])
        let nullFirst = Data(#"{"items":null,"items":[{"b":2}]}"#.utf8)
        #expect(try KubeJSON.decode(ObjectList<JSONValue>.self, from: nullFirst).items.isEmpty)
        // The tree's reader, too, takes `"items": null` (an empty list of some kinds) as no items.
        #expect(try ObjectList<DynamicObject>(json: ["items": .null, "kind": "List"]).items.isEmpty)
        // Only the list's own member streams: an object inside an item keeps its items.
        let nested = Data(#"{"items":[{"items":[1,2]}]}"#.utf8)
        #expect(try KubeJSON.decode(ObjectList<JSONValue>.self, from: nested).items == [["items": [1, 2]]])
    }
}
