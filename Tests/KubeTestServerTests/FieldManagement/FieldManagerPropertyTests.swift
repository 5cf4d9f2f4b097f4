import KubeCore
import PropertyBased
import Testing

@testable import KubeTestServer

@Suite("Server-side apply properties")
struct FieldManagerPropertyTests {
    typealias F = Fixtures

    /// A random Deployment configuration drawn from small pools, so that managers overlap often.
    static let configs = Generator<JSONValue, Shrink.None<JSONValue>> { rng in
        func pick(_ count: Int) -> Int { Int(rng.next() % UInt64(count)) }
        func subset(_ pool: [String]) -> [String] { pool.filter { _ in pick(2) == 0 } }
        var labels: [String: String] = [:]
        for key in subset(["app", "tier", "team", "zone"]) { labels[key] = ["a", "b"][pick(2)] }
        var containers: [JSONValue] = []
        for name in subset(["web", "sidecar", "init", "log"]).shuffled(using: &rng) {
            var env: [String: String] = [:]
            for key in subset(["A", "B", "C"]) { env[key] = ["1", "2"][pick(2)] }
            var container = F.container(name, image: ["nginx:1", "nginx:2"][pick(2)], env: env)
            if pick(2) == 0 { container["ports"] = [["containerPort": .integer(Int64(80 + pick(2)))]] }
            if pick(3) == 0 { container["args"] = .array(subset(["-a", "-b"]).map(JSONValue.string)) }
            containers.append(container)
        }
        var config = F.deployment(
            labels: labels.isEmpty ? nil : labels,
            replicas: pick(2) == 0 ? Int64(pick(4)) : nil,
            containers: containers.isEmpty ? nil : containers
        )
        let finalizers = subset(["example.com/a", "example.com/b"])
        if !finalizers.isEmpty { config[path: ["metadata", "finalizers"]] = .array(finalizers.map(JSONValue.string)) }
        return config
    }

    @Test("Re-applying a configuration over any history changes nothing")
    func applyIsIdempotent() async {
        await propertyCheck(count: 200, input: Self.configs, Self.configs, Self.configs) { first, second, mine in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            do throws(ApplyConflict) {
                let a = try F.apply(first, to: nil, manager: "a")
                let b = try F.apply(second, to: a, manager: "b", force: true, now: F.t1)
                let once = try F.apply(mine, to: b, manager: "c", force: true, now: F.t1)
                let twice = try F.apply(mine, to: once, manager: "c", force: true, now: F.t2)
                #expect(twice == once)
                let unforced = try F.apply(mine, to: once, manager: "c", now: F.t2)
                #expect(unforced == once)
            } catch {
                Issue.record("unexpected conflict \(error.message)")
            }
        }
    }

    @Test("After an apply the applier's scalar values are all in the object and owned by it")
    func appliedValuesWin() async {
        await propertyCheck(count: 200, input: Self.configs, Self.configs) { other, mine in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            do throws(ApplyConflict) {
                let live = try F.apply(other, to: nil, manager: "other")
                let result = try F.apply(mine, to: live, manager: "me", force: true, now: F.t1)
                let owned = Set(F.owned(result, manager: "me"))
                let expected = FieldSet(of: mine, schema: .builtIn).filter {
                    TrackedFields(subresource: nil, hasStatusSubresource: true).contains($0)
                }
                #expect(owned == Set(expected.sortedPaths.map(\.printed)))
                #expect(
                    result[path: ["spec", "replicas"]] == mine[path: ["spec", "replicas"]]
                        ?? live[path: ["spec", "replicas"]]
                )
            } catch {
                Issue.record("unexpected conflict \(error.message)")
            }
        }
    }
}
