import AgriPlatformAPI
import KubeCore
import PropertyBased
import Testing

/// Arbitrary AgriPlatforms: the fully populated sample and the valid sample with random leaves replaced by
/// arbitrary strings, numbers, Booleans, `null`, or removed, then decoded (mutations that break decoding are
/// dropped, as the API server's schema would have rejected them).
private enum PlatformGen {
    static let tricky = [
        "", " ", "-", "a", "A", "api", "0", "-1", "100%", "101%", "0.5 vCPU", "1 GB", "0.0001 vCPU", "1e400",
        "9999999999999999999Gi", "03:00-04:00", "24:00-01:00", "*/0 * * * *", "@daily", "* * * * * *", "db",
        "http", "/health", "Canary", "BlueGreen", "Rolling", "Off", "Auto", "MongoDB", "Consul", "é", "a\nb",
        String(repeating: "x", count: 300), "*.example.com", "http://p:9090",
    ]

    /// One replacement: which leaf (modulo the leaf count), what kind of value, and the candidate values.
    static let mutation = zip(
        Gen.int(in: 0...10_000),
        Gen.int(in: 0...5),
        Gen.element(of: tricky).map { $0 ?? "" },
        Gen.character(in: " "..."~").string(of: 0...12),
        Gen.int64(in: -100_000...100_000)
    )

    static let platform = zip(Gen.bool, mutation.array(of: 0...12)).map { useFull, mutations in
        var json =
            (try? JSONValue(encoding: useFull ? AgriPlatformSamples.fullyPopulated : AgriPlatformSamples.valid))
            ?? .null
        for (leafIndex, kind, trickyText, randomText, number) in mutations {
            let leaves = JSONMutation.leafPaths(json)
            guard !leaves.isEmpty else { break }
            let path = leaves[leafIndex % leaves.count]
            let replacement: JSONValue? =
                switch kind {
                case 0: .string(trickyText)
                case 1: .string(randomText)
                case 2: .integer(number)
                case 3: .bool(number % 2 == 0)
                case 4: .null
                default: nil
                }
            json = JSONMutation.setting(json, at: path[...], to: replacement)
        }
        return try? json.decode(as: AgriPlatform.self)
    }
}

/// Replaces or removes the value at a path of object keys and array indices.
enum JSONMutation {
    enum Step: Hashable { case key(String), index(Int) }

    static func leafPaths(_ value: JSONValue, prefix: [Step] = []) -> [[Step]] {
        switch value {
        case .object(let members):
            return members.keys.sorted().flatMap { leafPaths(members[$0]!, prefix: prefix + [.key($0)]) }
        case .array(let elements):
            return elements.indices.flatMap { leafPaths(elements[$0], prefix: prefix + [.index($0)]) }
        default:
            return [prefix]
        }
    }

    static func setting(_ value: JSONValue, at path: ArraySlice<Step>, to replacement: JSONValue?) -> JSONValue {
        guard let step = path.first else { return replacement ?? .null }
        switch (value, step) {
        case (.object(var members), .key(let key)):
            if path.count == 1, replacement == nil {
                members[key] = nil
            } else if let member = members[key] {
                members[key] = setting(member, at: path.dropFirst(), to: replacement)
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if path.count == 1, replacement == nil {
                elements.remove(at: index)
            } else {
                elements[index] = setting(elements[index], at: path.dropFirst(), to: replacement)
            }
            return .array(elements)
        default:
            return value
        }
    }
}

@Suite("Validation on arbitrary specs")
struct ValidationPropertyTests {
    @Test("Validation never crashes, is deterministic, and reports only paths under spec or metadata")
    func arbitrarySpecs() async {
        await propertyCheck(count: 100, input: PlatformGen.platform) { platform in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            guard let platform else { return }
            let errors = platform.validate()
            #expect(platform.validate() == errors)
            for error in errors {
                #expect(error.path.hasPrefix("spec") || error.path.hasPrefix("metadata"), "\(error)")
                #expect(error.description.hasPrefix(error.path + ": "))
            }
        }
    }

    @Test("A spec's own validation reports the same problems as the platform's, minus metadata and name lengths")
    func specValidationIsASubset() async {
        await propertyCheck(count: 100, input: PlatformGen.platform) { platform in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            guard let platform else { return }
            let whole = Set(platform.validate())
            let spec = platform.spec.validate()
            #expect(Set(spec).isSubset(of: whole))
        }
    }
}
