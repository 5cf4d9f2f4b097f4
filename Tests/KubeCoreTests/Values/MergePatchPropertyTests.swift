import KubeCore
import PropertyBased
import Testing

@Suite("Merge patch properties")
struct MergePatchPropertyTests {
    /// SplitMix64: a small seeded generator, so one generated `UInt64` (printed on failure) rebuilds a whole tree.
    struct SeededTree {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        /// A JSON value; `allowNull` controls `null` members, which a merge patch reads as deletions.
        mutating func value(depth: Int, allowNull: Bool) -> JSONValue {
            let kinds = depth == 0 ? 5 : 7
            switch below(kinds) {
            case 0: return allowNull ? .null : .bool(true)
            case 1: return .bool(below(2) == 0)
            case 2: return .integer(Int64(below(200)) - 100)
            case 3: return .number(Double(below(1000)) / 8)
            case 4: return .string(["", "a", "b", "web", "x/y"][below(5)])
            case 5: return .array((0..<below(3)).map { _ in value(depth: depth - 1, allowNull: allowNull) })
            default: return object(depth: depth - 1, allowNull: allowNull)
            }
        }

        mutating func object(depth: Int, allowNull: Bool) -> JSONValue {
            var members: JSONObject = [:]
            for _ in 0..<below(5) {
                members[["a", "b", "c", "d", "metadata", "spec"][below(6)]] = value(depth: depth, allowNull: allowNull)
            }
            return .object(members)
        }
    }

    @Test("Applying the merge patch from a to b turns a into b")
    func mergePatchIdentity() async {
        await propertyCheck(count: 500, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var tree = SeededTree(state: seed)
            let source = tree.object(depth: 3, allowNull: true)
            let target = tree.object(depth: 3, allowNull: false)
            let patch = source.mergePatch(to: target)
            #expect(source.applyingMergePatch(patch) == target, "patch \(patch)")
            #expect(target.applyingMergePatch(target.mergePatch(to: target)) == target)
        }
    }

    @Test("A JSON patch that adds then removes a member leaves the document unchanged")
    func addRemoveIdentity() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var tree = SeededTree(state: seed)
            let document = tree.object(depth: 2, allowNull: true)
            let value = tree.value(depth: 2, allowNull: true)
            let operations = [
                JSONPatchOperation(op: .add, path: "/new~1member", value: value),
                JSONPatchOperation(op: .test, path: "/new~1member", value: value),
                JSONPatchOperation(op: .remove, path: "/new~1member"),
            ]
            let patched = try document.applyingJSONPatch(operations)
            #expect(patched == document)
        }
    }
}
