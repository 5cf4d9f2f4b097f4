import Foundation
import KubeCore
import PropertyBased
import Testing
import Yams

/// Strings YAML readers are most likely to misread when unquoted.
private let trickyStrings = [
    "", "plain", "yes", "No", "on", "OFF", "y", "null", "Null", "~", "true", "False", "1", "-1", "+1", "1.5", "0x1F",
    "0o17", "1e3", ".5", "1_000", "12:30", ".inf", "-.inf", ".NaN", "-", "- a", "a: b", "a #b", "#c", "key:", " lead",
    "trail ", "multi\nline", "tab\tx", "quote\"s", "back\\slash", "ünïcode", "emoji 🌾", "*", "&a", "!tag", "%x", "@x",
    "`x", "'x", "[x]", "{x}", "|", ">", "=", "<", "?", ",", "a,b", "http://x:8080/y", "500m", "1Gi", "0.5 vCPU",
    "\u{7F}",
]

/// Builds a JSON tree deterministically from a list of numbers, so the property library can generate and shrink it.
private struct TreeBuilder {
    var numbers: [Int]
    var position = 0

    mutating func next() -> Int {
        defer { position += 1 }
        return numbers.isEmpty ? 0 : numbers[position % numbers.count]
    }

    mutating func value(depth: Int) -> JSONValue {
        let number = next()
        switch number % (depth >= 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(number % 2 == 0)
        case 2: return .integer(Int64(number) - 500_000)
        case 3: return .number(Double(number) / 7)
        case 4: return .string(trickyStrings[number % trickyStrings.count])
        case 5: return .array((0..<(next() % 4)).map { _ in value(depth: depth + 1) })
        default:
            var members: JSONObject = [:]
            for _ in 0..<(next() % 4) {
                members[trickyStrings[next() % trickyStrings.count]] = value(depth: depth + 1)
            }
            return .object(members)
        }
    }
}

/// Yams' reading of a document, as a JSON value.
private func json(fromYAML text: String) throws -> JSONValue {
    func convert(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar:
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if let number = node.int { return .integer(Int64(number)) }
            if let number = node.float { return .number(number) }
            return .string(node.string ?? "")
        case .sequence(let sequence): return .array(try sequence.map(convert))
        case .mapping(let mapping):
            var members: JSONObject = [:]
            for (key, value) in mapping { members[key.string ?? ""] = try convert(value) }
            return .object(members)
        case .alias: throw YamlError.dataCouldNotBeDecoded(encoding: .utf8)
        }
    }
    guard let node = try Yams.compose(yaml: text) else { return .null }
    return try convert(node)
}

@Suite("YAML emitter")
struct YAMLEmitterTests {
    @Test("Any JSON value reads back identically through a YAML library")
    func roundTrip() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000).array(of: 1...40)) { numbers in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            var builder = TreeBuilder(numbers: numbers)
            let value = builder.value(depth: 0)
            let yaml = value.yamlDocument()
            let readBack = try? json(fromYAML: yaml)
            #expect(readBack == value, "\(yaml)")
        }
    }

    @Test("Objects print as kubectl does: sorted keys, lists at their key's indentation, quoted only when needed")
    func layout() {
        let object: JSONValue = .object([
            "kind": .string("ConfigMap"),
            "apiVersion": .string("v1"),
            "metadata": .object(["name": .string("a"), "labels": .object(["on": .string("yes")])]),
            "data": .object(["list": .array([.object(["b": .integer(1), "a": .string("x: y")]), .array([])])]),
        ])
        #expect(
            object.yamlDocument() == """
                apiVersion: v1
                data:
                  list:
                  - a: "x: y"
                    b: 1
                  - []
                kind: ConfigMap
                metadata:
                  labels:
                    "on": "yes"
                  name: a

                """
        )
    }

    @Test("A stream separates documents with ---")
    func stream() {
        #expect(JSONValue.yamlStream([.object(["a": .integer(1)]), .string("b")]) == "---\na: 1\n---\nb\n")
    }
}
