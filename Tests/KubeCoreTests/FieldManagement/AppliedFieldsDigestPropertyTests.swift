import KubeCore
import PropertyBased
import Testing

@Suite("Applied fields digest properties")
struct AppliedFieldsDigestPropertyTests {
    /// SplitMix64, so the one generated `UInt64` that a failure prints rebuilds the whole case.
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

        mutating func value(depth: Int) -> JSONValue {
            switch below(depth == 0 ? 5 : 7) {
            case 0: return .null
            case 1: return .bool(below(2) == 0)
            case 2: return .integer(Int64(below(200)) - 100)
            case 3: return .number(Double(below(1000)) / 8)
            case 4: return .string(["", "a", "web", "x/y", "ä"][below(5)])
            case 5: return .array((0..<below(3)).map { _ in value(depth: depth - 1) })
            default: return object(depth: depth - 1, keys: ["a", "b", "c", "metadata", "spec", "status", "kind"])
            }
        }

        mutating func object(depth: Int, keys: [String]) -> JSONValue {
            var members: JSONObject = [:]
            for _ in 0..<below(5) { members[keys[below(keys.count)]] = value(depth: depth) }
            return .object(members)
        }

        /// `object` with random members added under names it does not use, in every object that has members:
        /// what other managers and defaulting add around the fields one manager applied.
        mutating func extending(_ object: JSONValue) -> JSONValue {
            guard case .object(var members) = object, !members.isEmpty else { return object }
            for (name, member) in members { members[name] = extending(member) }
            for _ in 0..<below(3) {
                let name = ["x", "y", "z", "annotations"][below(4)]
                if members[name] == nil { members[name] = value(depth: 1) }
            }
            return .object(members)
        }
    }

    /// The `fieldsV1` set that applying `object` records when every list is atomic: each member owned, objects
    /// with members owned member by member, everything else (scalars, lists, `{}`, `null`) owned whole.
    static func fieldsV1(ownedBy object: JSONValue) -> JSONValue {
        guard case .object(let members) = object else { return .object([:]) }
        var trie: JSONObject = [:]
        for (name, member) in members {
            if case .object(let inner) = member, !inner.isEmpty {
                trie["f:" + name] = fieldsV1(ownedBy: member)
            } else {
                trie["f:" + name] = .object([:])
            }
        }
        return .object(trie)
    }

    @Test("An object's digest equals the digest of its own fields taken back out of an extended copy")
    func ownedSubsetOfExtendedObject() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = Seeded(state: seed)
            let applied = random.object(depth: 3, keys: ["a", "b", "c", "metadata", "spec", "status", "kind"])
            let live = random.extending(applied)
            let fields = ManagedFieldSet(fieldsV1: Self.fieldsV1(ownedBy: applied))
            let subset = fields.ownedSubset(of: live) ?? .object([:])
            #expect(
                AppliedFieldsDigest(desired: subset) == AppliedFieldsDigest(desired: applied),
                "seed \(seed): applied \(applied), live \(live)"
            )
        }
    }

    @Test("Changing one owned scalar in the live object changes the digest")
    func changedScalarShows() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = Seeded(state: seed)
            let applied = random.object(depth: 2, keys: ["a", "b", "c", "spec"])
            var live = random.extending(applied)
            live["owned-scalar"] = .integer(1)
            var changed = live
            changed["owned-scalar"] = .integer(2)
            var appliedWithScalar = applied
            appliedWithScalar["owned-scalar"] = .integer(1)
            let fields = ManagedFieldSet(fieldsV1: Self.fieldsV1(ownedBy: appliedWithScalar))
            let before = AppliedFieldsDigest(desired: fields.ownedSubset(of: live) ?? .object([:]))
            let after = AppliedFieldsDigest(desired: fields.ownedSubset(of: changed) ?? .object([:]))
            #expect(before == AppliedFieldsDigest(desired: appliedWithScalar), "seed \(seed)")
            #expect(before != after, "seed \(seed)")
        }
    }
}
