import Foundation
import KubeCore
import Testing

@Suite("Applied fields digests")
struct AppliedFieldsDigestTests {
    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    static func digest(_ text: String) throws -> AppliedFieldsDigest {
        AppliedFieldsDigest(desired: try json(text))
    }

    @Test(
        "Canonically equal objects have equal digests",
        arguments: [
            (#"{"a":1,"b":{"c":"x","d":[1,2]}}"#, #"{"b":{"d":[1,2],"c":"x"},"a":1}"#),
            (#"{"replicas":1}"#, #"{"replicas":1.0}"#),
            (#"{"n":-0.0}"#, #"{"n":0}"#),
            (#"{"a":1,"gone":null,"empty":{},"none":[],"nested":{"x":null,"y":{}}}"#, #"{"a":1}"#),
            (
                #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"b"},"data":{"k":"v"}}"#,
                #"{"data":{"k":"v"}}"#
            ),
            (
                #"{"metadata":{"uid":"u","resourceVersion":"7","generation":2,"creationTimestamp":"2020-01-01T00:00:00Z","managedFields":[{}],"labels":{"a":"b"}},"status":{"ready":true},"spec":{}}"#,
                #"{"metadata":{"labels":{"a":"b"}}}"#
            ),
        ]
    )
    func equalDigests(left: String, right: String) throws {
        #expect(try Self.digest(left) == Self.digest(right))
    }

    @Test(
        "Different values have different digests",
        arguments: [
            (#"{"a":1}"#, #"{"a":2}"#),
            (#"{"a":1}"#, #"{"a":"1"}"#),
            (#"{"a":1}"#, #"{"a":1.5}"#),
            (#"{"a":true}"#, #"{"a":1}"#),
            (#"{"a":[1,2]}"#, #"{"a":[2,1]}"#),
            (#"{"a":["x",""]}"#, #"{"a":["x"]}"#),
            (#"{"a":{"b":"c"}}"#, #"{"a":{"bc":""}}"#),
            (#"{"a":"b","c":"d"}"#, #"{"a":"bc","":"d"}"#),
            (#"{"a":[{}]}"#, #"{"a":[]}"#),
            (#"{"metadata":{"labels":{"a":"b"}}}"#, #"{"metadata":{"labels":{"a":"c"}}}"#),
        ]
    )
    func differentDigests(left: String, right: String) throws {
        #expect(try Self.digest(left) != Self.digest(right))
    }

    static let live = """
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"web","namespace":"farm","uid":"u1","resourceVersion":"42",
          "labels":{"app":"web"},"annotations":{"added-by":"someone-else"},
          "managedFields":[
            {"manager":"agri-operator","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
             "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},
              "f:spec":{"f:selector":{},"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{},"f:targetPort":{},"f:name":{}}}}}},
            {"manager":"agri-operator","operation":"Apply","apiVersion":"v1","subresource":"status","fieldsType":"FieldsV1",
             "fieldsV1":{"f:status":{"f:loadBalancer":{}}}},
            {"manager":"kubectl","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
             "fieldsV1":{"f:metadata":{"f:annotations":{"f:added-by":{}}}}}]},
         "spec":{"type":"ClusterIP","clusterIP":"10.0.0.1","sessionAffinity":"None","selector":{"app":"web"},
          "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":"http"}]},
         "status":{"loadBalancer":{}}}
        """

    static let desired = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"farm","labels":{"app":"web"}},
         "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}
        """

    @Test("The live digest of an applied Service equals the digest of what was applied")
    func liveMatchesDesired() throws {
        let live = try #require(AppliedFieldsDigest(live: try Self.json(Self.live), fieldManager: "agri-operator"))
        #expect(live == (try Self.digest(Self.desired)))
    }

    @Test(
        "A change the apply would make shows as a different digest",
        arguments: [
            #"{"metadata":{"labels":{"app":"web"}},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":8080,"targetPort":"http"}]}}"#,
            #"{"metadata":{"labels":{"app":"web","tier":"front"}},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}"#,
            #"{"metadata":{"labels":{"app":"web"}},"spec":{"selector":{"app":"web"}}}"#,
            #"{"metadata":{"labels":{"app":"web"}},"spec":{"type":"ClusterIP","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}"#,
        ]
    )
    func changesShow(desired: String) throws {
        let live = try #require(AppliedFieldsDigest(live: try Self.json(Self.live), fieldManager: "agri-operator"))
        #expect(live != (try Self.digest(desired)))
    }

    @Test("A zero value we applied and another manager took over shows as a change")
    func zeroValueTakenOver() throws {
        let live = try Self.json(
            """
            {"metadata":{"managedFields":[
              {"manager":"agri-operator","operation":"Apply","fieldsV1":{"f:spec":{"f:paused":{}}}},
              {"manager":"autoscaler","operation":"Update","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":3,"paused":false}}
            """
        )
        let digest = try #require(AppliedFieldsDigest(live: live, fieldManager: "agri-operator"))
        #expect(digest != (try Self.digest(#"{"spec":{"replicas":0,"paused":false}}"#)))
        #expect(digest == (try Self.digest(#"{"spec":{"paused":false}}"#)))
    }

    @Test("Only the manager's own Apply entry for the main resource counts", arguments: ["kubectl", "nobody"])
    func noApplyEntry(manager: String) throws {
        #expect(AppliedFieldsDigest(live: try Self.json(Self.live), fieldManager: manager) == nil)
    }

    @Test("An object without managed fields has no live digest")
    func noManagedFields() throws {
        #expect(AppliedFieldsDigest(live: try Self.json(Self.desired), fieldManager: "agri-operator") == nil)
    }

    /// Reference FNV-1a 128 with a full multiplication by the published prime.
    static func fnv1a128(_ bytes: [UInt8]) -> UInt128 {
        var hash: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        for byte in bytes {
            hash ^= UInt128(byte)
            hash = hash &* 0x0000_0000_0100_0000_0000_0000_0000_013b
        }
        return hash
    }

    static func word(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    @Test("The digest is FNV-1a 128 over the type-tagged, length-prefixed serialisation")
    func referenceHash() throws {
        // {"a":1}: object tag 6, one member; key "a" as length and bytes; integer tag 2 and the little-endian value.
        let bytes: [UInt8] = [6] + Self.word(1) + Self.word(1) + [UInt8(ascii: "a")] + [2] + Self.word(1)
        #expect(AppliedFieldsDigest(desired: ["a": 1]).rawValue == Self.fnv1a128(bytes))
        #expect(AppliedFieldsDigest(desired: [:]).rawValue == Self.fnv1a128([6] + Self.word(0)))
    }

    @Test("The description is 32 hexadecimal digits")
    func description() throws {
        #expect(AppliedFieldsDigest(rawValue: 0xabc).description == "00000000000000000000000000000abc")
        let text = try Self.digest(Self.desired).description
        #expect(text.count == 32 && text.allSatisfy(\.isHexDigit))
    }
}
