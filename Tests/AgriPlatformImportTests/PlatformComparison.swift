import AgriPlatformAPI
import Foundation
import KubeCore

/// The field paths where two AgriPlatforms' specs differ in what they render, after writing each setting the same
/// way: CPU and memory as Kubernetes quantities (`0.5 vCPU` = `500m`, `1 GB` = `1Gi`), variables in name order,
/// and absent settings as their documented defaults (health check timings, rolling percentages, stabilization windows, datastore versions).
enum PlatformComparison {
    /// Paths in either spec whose normalized values differ; a subtree present on one side only is one path.
    static func differences(_ imported: AgriPlatform, _ example: AgriPlatform) throws -> Set<String> {
        var result: Set<String> = []
        diff(
            normalized(try JSONValue(encoding: imported.spec)),
            normalized(try JSONValue(encoding: example.spec)),
            path: "spec",
            into: &result
        )
        if imported.metadata.name != example.metadata.name { result.insert("metadata.name") }
        return result
    }

    private static func diff(_ left: JSONValue?, _ right: JSONValue?, path: String, into result: inout Set<String>) {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys) {
                diff(a[key], b[key], path: "\(path).\(key)", into: &result)
            }
        case (.array(let a), .array(let b)) where a.count == b.count:
            for index in a.indices {
                diff(a[index], b[index], path: "\(path)[\(index)]", into: &result)
            }
        default:
            if left != right { result.insert(path) }
        }
    }

    private static func normalized(_ spec: JSONValue) -> JSONValue {
        guard case .object(var members) = spec else { return spec }
        if case .array(let services) = members["services"] ?? .null {
            members["services"] = .array(services.map(service))
        }
        if case .array(let datastores) = members["datastores"] ?? .null {
            members["datastores"] = .array(datastores.map(datastore))
        }
        return .object(members)
    }

    private static func service(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members["resources"] = members["resources"].map(resources)
        // Variables are compared by name: ECS and App Runner list literal values and secrets apart.
        if case .array(let env) = members["env"] ?? .null {
            members["env"] = .array(env.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") })
        }
        if case .object(var health) = members["healthCheck"] ?? .null {
            let defaults: JSONObject = [
                "type": "HTTP", "intervalSeconds": 30, "timeoutSeconds": 5, "healthyThreshold": 2,
                "unhealthyThreshold": 3, "startupGracePeriodSeconds": 0, "liveness": true,
            ]
            for (key, value) in defaults where health[key] == nil { health[key] = value }
            members["healthCheck"] = .object(health)
        }
        if case .object(var scaling) = members["autoscaling"] ?? .null {
            if scaling["scaleInStabilizationSeconds"] == nil { scaling["scaleInStabilizationSeconds"] = 300 }
            if scaling["scaleOutStabilizationSeconds"] == nil { scaling["scaleOutStabilizationSeconds"] = 0 }
            members["autoscaling"] = .object(scaling)
        }
        var rollout = members["rollout"]?.objectValue ?? [:]
        if rollout["strategy"] == nil { rollout["strategy"] = "Rolling" }
        if rollout["strategy"] == "Rolling" {
            var rolling = rollout["rolling"]?.objectValue ?? [:]
            if rolling["maxSurge"] == nil { rolling["maxSurge"] = "100%" }
            if rolling["maxUnavailable"] == nil { rolling["maxUnavailable"] = 0 }
            if rolling["rollbackOnFailure"] == nil { rolling["rollbackOnFailure"] = true }
            rollout["rolling"] = .object(rolling)
        }
        if rollout["strategy"] == "BlueGreen" {
            var blueGreen = rollout["blueGreen"]?.objectValue ?? [:]
            if blueGreen["scaleDownDelaySeconds"] == nil { blueGreen["scaleDownDelaySeconds"] = 30 }
            rollout["blueGreen"] = .object(blueGreen)
        }
        members["rollout"] = .object(rollout)
        return .object(members)
    }

    private static func datastore(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members["resources"] = members["resources"].map(resources)
        if case .object(var storage) = members["storage"] ?? .null, let size = storage["size"]?.stringValue {
            storage["size"] = .string((try? ResourceUnits.memory(size))?.description ?? size)
            members["storage"] = .object(storage)
        }
        if members["external"] == nil {
            let engine = DatastoreEngine(rawValue: members["engine"]?.stringValue ?? "")
            if members["version"] == nil, let version = Defaults.Datastore.version(engine) {
                members["version"] = .string(version)
            }
            if members["replicas"] == nil { members["replicas"] = .integer(Int64(Defaults.Datastore.replicas(engine))) }
            if members["spreadAcrossZones"] == nil { members["spreadAcrossZones"] = true }
        }
        return .object(members)
    }

    private static func resources(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        if let cpu = members["cpu"]?.stringValue {
            members["cpu"] = .string((try? ResourceUnits.cpu(cpu))?.description ?? cpu)
        }
        if let memory = members["memory"]?.stringValue {
            members["memory"] = .string((try? ResourceUnits.memory(memory))?.description ?? memory)
        }
        return .object(members)
    }

    /// The differences `docs/import.md` lists for `seed`: the backticked paths of the bullets under the heading
    /// `### Round trip: <seed>`, up to the next heading.
    static func documentedDifferences(_ seed: String) throws -> Set<String> {
        let url = Fixture.repositoryRoot.appendingPathComponent("docs/import.md")
        let lines = try String(contentsOf: url, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        guard let start = lines.firstIndex(where: { $0 == "### Round trip: \(seed)" }) else {
            throw Fixture.Missing(description: "docs/import.md has no section \"### Round trip: \(seed)\"")
        }
        var result: Set<String> = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            guard line.hasPrefix("- `"), let end = line.dropFirst(3).firstIndex(of: "`") else { continue }
            result.insert(String(line[line.index(line.startIndex, offsetBy: 3)..<end]))
        }
        return result
    }
}
