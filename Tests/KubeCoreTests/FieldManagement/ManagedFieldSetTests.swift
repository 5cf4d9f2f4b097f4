import Foundation
import KubeCore
import Testing

@Suite("Managed field sets")
struct ManagedFieldSetTests {
    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    @Test("A fieldsV1 trie parses field, key, value, index and self entries")
    func parsesEveryPathElement() throws {
        let set = ManagedFieldSet(
            fieldsV1: try Self.json(
                """
                {"f:metadata":{"f:finalizers":{".":{},"v:\\"example.com/cleanup\\"":{}},"f:labels":{"f:app":{}}},
                 "f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}},
                           "f:items":{"i:2":{}}}}
                """
            )
        )
        #expect(set.contains([.field("metadata"), .field("labels"), .field("app")]))
        #expect(set.contains([.field("metadata"), .field("finalizers"), .value("example.com/cleanup")]))
        #expect(set.contains([.field("spec"), .field("ports"), .key(["port": 80, "protocol": "TCP"])]))
        #expect(
            set.contains([.field("spec"), .field("ports"), .key(["port": 80, "protocol": "TCP"]), .field("port")])
        )
        #expect(set.contains([.field("spec"), .field("items"), .index(2)]))
        #expect(!set.contains([.field("spec"), .field("ports"), .key(["port": 81, "protocol": "TCP"])]))
        #expect(!set.contains([.field("status")]))
        #expect(!set.isEmpty)
    }

    @Test(
        "Path element keys parse into canonical elements",
        arguments: [
            ("f:spec", ManagedFieldSet.PathElement.field("spec")),
            ("f:", .field("")),
            (#"k:{"containerPort":80,"protocol":"TCP"}"#, .key(["containerPort": 80, "protocol": "TCP"])),
            (#"k:{"protocol":"TCP","containerPort":80.0}"#, .key(["containerPort": 80, "protocol": "TCP"])),
            (#"v:"a""#, .value("a")),
            ("v:3.0", .value(3)),
            ("v:2.5", .value(2.5)),
            ("i:0", .index(0)),
            (#"v:"a\"b""#, .value("a\"b")),
            (#"v:"é/ü""#, .value("é/ü")),
            ("v:-12", .value(-12)),
            ("v:0", .value(0)),
            ("v:true", .value(true)),
            ("v:null", .value(nil)),
            ("v:1e2", .value(100)),
            ("v:9223372036854775807", .value(.integer(Int64.max))),
            (#"v:{"nested":{"x":1.0}}"#, .value(["nested": ["x": 1]])),
            (#"k:{"name": "web", "port": 8080}"#, .key(["name": "web", "port": 8080])),
            (#"k:{"name":"w\u0065b"}"#, .key(["name": "web"])),
        ]
    )
    func parsesPathElement(key: String, element: ManagedFieldSet.PathElement) {
        #expect(ManagedFieldSet.PathElement(fieldsV1Key: key) == element)
    }

    @Test(
        "Malformed path element keys are rejected",
        arguments: [".", "x:spec", "k:not json", "k:{}", "k:[1]", "k:{\"a\":1", "v:01x", "v:", "i:-1", "i:x", "f"]
    )
    func rejectsMalformedKey(key: String) {
        #expect(ManagedFieldSet.PathElement(fieldsV1Key: key) == nil)
    }

    @Test("Malformed entries are skipped and the rest of the trie is kept")
    func skipsMalformedEntries() throws {
        let set = ManagedFieldSet(fieldsV1: try Self.json(#"{"x:bad":{},"f:spec":{"k:nope":{},"f:replicas":{}}}"#))
        #expect(set.contains([.field("spec"), .field("replicas")]))
        #expect(
            set.ownedSubset(of: try Self.json(#"{"spec":{"replicas":3,"paused":true},"bad":1}"#))
                == (try Self.json(#"{"spec":{"replicas":3}}"#))
        )
    }

    @Test("The owned subset of a Deployment keeps our fields, in live order, and nothing another manager added")
    func ownedSubsetOfDeployment() throws {
        let fields = try Self.json(
            """
            {"f:metadata":{"f:labels":{"f:app":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},
              "f:template":{"f:spec":{"f:containers":{
                "k:{\\"name\\":\\"app\\"}":{".":{},"f:name":{},"f:image":{},"f:args":{},
                  "f:ports":{"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:name":{}}},
                  "f:env":{"k:{\\"name\\":\\"B\\"}":{".":{},"f:name":{},"f:value":{}},
                           "k:{\\"name\\":\\"A\\"}":{".":{},"f:name":{},"f:value":{}}}}}}}}}
            """
        )
        let live = try Self.json(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","labels":{"app":"web","team":"ops"},"annotations":{"note":"x"}},
             "spec":{"replicas":2,"revisionHistoryLimit":10,
              "selector":{"matchLabels":{"app":"web"},"matchExpressions":[]},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{"restartPolicy":"Always","containers":[
                {"name":"sidecar","image":"proxy:1","terminationMessagePath":"/dev/termination-log"},
                {"name":"app","image":"web:2","args":["--a","--b"],"imagePullPolicy":"IfNotPresent",
                 "terminationMessagePath":"/dev/termination-log",
                 "ports":[{"containerPort":9090,"protocol":"TCP"},{"containerPort":8080,"name":"http","protocol":"TCP"}],
                 "env":[{"name":"A","value":"1"},{"name":"Z","value":"other"},{"name":"B","value":"2"}]}]}}},
             "status":{"replicas":2}}
            """
        )
        let expected = try Self.json(
            """
            {"metadata":{"labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"},"matchExpressions":[]},
              "template":{"spec":{"containers":[
                {"name":"app","image":"web:2","args":["--a","--b"],
                 "ports":[{"containerPort":8080,"name":"http"}],
                 "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}
            """
        )
        #expect(ManagedFieldSet(fieldsV1: fields).ownedSubset(of: live) == expected)
    }

    @Test("Set items are matched by value and positional items by index")
    func setAndIndexItems() throws {
        let set = ManagedFieldSet(
            fieldsV1: try Self.json(#"{"f:finalizers":{"v:\"a\"":{},"v:\"c\"":{},"v:3":{}},"f:list":{"i:1":{}}}"#)
        )
        let live = try Self.json(#"{"finalizers":["c","b","a",3.0],"list":["x","y","z"]}"#)
        #expect(set.ownedSubset(of: live) == (try Self.json(#"{"finalizers":["c","a",3.0],"list":["y"]}"#)))
    }

    @Test("Listed fields the object lacks are absent, and a scalar where an object was owned is dropped")
    func missingAndReplacedFields() throws {
        let set = ManagedFieldSet(fieldsV1: try Self.json(#"{"f:spec":{"f:a":{},"f:b":{"f:c":{}}},"f:gone":{}}"#))
        #expect(set.ownedSubset(of: try Self.json(#"{"spec":{"b":7}}"#)) == (try Self.json(#"{"spec":{}}"#)))
        #expect(set.ownedSubset(of: try Self.json(#"{"other":1}"#)) == (try Self.json("{}")))
    }

    @Test("A field owned whole keeps everything below it, including what others added")
    func leafKeepsWholeValue() throws {
        let set = ManagedFieldSet(fieldsV1: try Self.json(#"{"f:spec":{"f:selector":{}}}"#))
        let live = try Self.json(#"{"spec":{"selector":{"matchLabels":{"a":"b","added":"c"}},"x":1}}"#)
        #expect(
            set.ownedSubset(of: live)
                == (try Self.json(#"{"spec":{"selector":{"matchLabels":{"a":"b","added":"c"}}}}"#))
        )
    }

    @Test("An item without a defaulted key field matches the one key that agrees on the fields it has")
    func lenientKeyMatch() throws {
        let single = ManagedFieldSet(
            fieldsV1: try Self.json(
                #"{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{"f:containerPort":{}}}}"#
            )
        )
        let live = try Self.json(#"{"ports":[{"containerPort":80},{"containerPort":81}]}"#)
        #expect(single.ownedSubset(of: live) == (try Self.json(#"{"ports":[{"containerPort":80}]}"#)))

        let ambiguous = ManagedFieldSet(
            fieldsV1: try Self.json(
                #"{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{},"k:{\"containerPort\":80,\"protocol\":\"UDP\"}":{}}}"#
            )
        )
        #expect(ambiguous.ownedSubset(of: live) == (try Self.json(#"{"ports":[]}"#)))
    }

    @Test("A large set and a long positional list are matched item by item, each listed element once")
    func largeSetsAndLists() throws {
        let values = (0..<200).map { "item-\($0)" }
        let owned = values.filter { !$0.hasSuffix("7") }
        let positions = (0..<40).filter { $0 % 3 == 0 }
        var finalizers = JSONObject()
        for value in owned { finalizers[#"v:"\#(value)""#] = .object([:]) }
        var list = JSONObject()
        for position in positions { list["i:\(position)"] = .object([:]) }
        let set = ManagedFieldSet(fieldsV1: ["f:finalizers": .object(finalizers), "f:list": .object(list)])
        // Every value twice: the second of each is another manager's.
        let live: JSONValue = [
            "finalizers": .array((values + values).map(JSONValue.string)),
            "list": .array((0..<40).map { .integer(Int64($0)) }),
        ]
        let expected: JSONValue = [
            "finalizers": .array(owned.map(JSONValue.string)),
            "list": .array(positions.map { .integer(Int64($0)) }),
        ]
        #expect(set.ownedSubset(of: live) == expected)
    }

    @Test("Sets are equal, and hash alike, whatever the order or spelling their elements were listed in")
    func equalityIgnoresOrder() throws {
        let first = ManagedFieldSet(
            fieldsV1: try Self.json(#"{"f:ports":{"k:{\"port\":80}":{"f:name":{}},"k:{\"port\":81}":{}},"f:a":{}}"#)
        )
        let second = ManagedFieldSet(
            fieldsV1: try Self.json(#"{"f:a":{},"f:ports":{"k:{\"port\":81.0}":{},"k:{\"port\":80}":{"f:name":{}}}}"#)
        )
        let different = ManagedFieldSet(
            fieldsV1: try Self.json(#"{"f:a":{},"f:ports":{"k:{\"port\":81}":{"f:name":{}},"k:{\"port\":80}":{}}}"#)
        )
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != different)
    }

    @Test("The empty set owns nothing")
    func emptySet() throws {
        #expect(ManagedFieldSet().ownedSubset(of: try Self.json(#"{"a":1}"#)) == nil)
        #expect(ManagedFieldSet(fieldsV1: try Self.json("{}")).isEmpty)
    }
}
