import Foundation
import KubeCore
import KubeRuntime
import KubeTestServer

/// `KubeBenchmarks decode`: watch-event lines (a server-side applied Deployment with managedFields and status, as
/// the operator's child watches receive them) decoded the old way, through `JSONDecoder` and Codable, and the new
/// way, through ``KubeCore/JSONValue/init(parsing:)`` and ``KubeCore/JSONValueDecodable``; and a typed (Codable)
/// Deployment through `JSONDecoder` and through the parser with ``KubeCore/JSONValue/decode(as:)``; and the events
/// serialized again with ``KubeCore/JSONValue/serialized()``.
enum DecodeBenchmark {
    static let count = 2_000

    static func run() throws {
        let now = Time(Date(timeIntervalSince1970: 1_772_359_200))
        var lines: [Data] = []
        for index in 0..<count {
            var deployment = KubeBenchmarks.sampleDeployment(index: index)
            deployment.status = nil
            let config = try JSONValue(encoding: deployment)
            var applied = try FieldManager.apply(
                live: nil,
                config: config,
                manager: "agri-operator",
                apiVersion: "apps/v1",
                subresource: nil,
                force: true,
                schema: .builtIn,
                now: now
            )
            applied["status"] = try JSONValue(encoding: DeploymentStatus(observedGeneration: 1, replicas: 3))
            let event: JSONValue = ["type": "MODIFIED", "object": applied]
            lines.append(try event.serialized())
        }
        let bytes = lines.reduce(0) { $0 + $1.count } / count
        KubeBenchmarks.emit("Machine: \(Meter.machine())")
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit("\(count) watch events of an applied Deployment, \(bytes) bytes each")
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit("| decode | events/s (best, median of 5) |")
        KubeBenchmarks.emit("|---|---|")
        let decoder = KubeJSON.decoder
        try measure("bytes → `JSONValue`, Codable (`JSONDecoder`)") {
            for line in lines { _ = try decoder.decode(WatchEvent<JSONValue>.self, from: line) }
        }
        try measure("bytes → `JSONValue`, `JSONValue(parsing:)`") {
            for line in lines { _ = try JSONValue(parsing: line) }
        }
        try measure("bytes → `WatchEvent<AppliedObject<Deployment>>`, Codable") {
            for line in lines { _ = try decoder.decode(WatchEvent<AppliedObject<Deployment>>.self, from: line) }
        }
        try measure("bytes → `WatchEvent<AppliedObject<Deployment>>`, `KubeJSON.decode` (parser)") {
            for line in lines { _ = try KubeJSON.decode(WatchEvent<AppliedObject<Deployment>>.self, from: line) }
        }
        try measure("bytes → `WatchEvent<Deployment>` (typed, Codable), `JSONDecoder`") {
            for line in lines { _ = try decoder.decode(WatchEvent<Deployment>.self, from: line) }
        }
        try measure("bytes → `WatchEvent<Deployment>` (typed, Codable), `KubeJSON.decode` (parser + `decode(as:)`)") {
            for line in lines { _ = try KubeJSON.decode(WatchEvent<Deployment>.self, from: line) }
        }
        // The other direction, as the API server writes list items and watch events, and the operator its patches.
        let values = try lines.map { try JSONValue(parsing: $0) }
        try measure("`JSONValue` → bytes, `serialized()` (the server's lists and events)") {
            for value in values { _ = try value.serialized() }
        }
    }

    private static func measure(_ name: String, _ body: () throws -> Void) throws {
        let timing = try Meter.time(iterations: 5, body)
        KubeBenchmarks.emit(
            String(
                format: "| %@ | %.0f (median %.0f) |",
                name,
                Double(count) / timing.best,
                Double(count) / timing.median
            )
        )
    }
}
