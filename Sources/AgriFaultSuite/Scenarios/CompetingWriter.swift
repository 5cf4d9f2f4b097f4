import AgriPlatformAPI
import KubeClient
import KubeCore

/// Another client writing while the operator works: it updates an annotation of the `release` platform (a plain
/// update with resourceVersion, retried on conflict, as `kubectl annotate` does) and server-side applies a label
/// of its own on the `web-api` Deployment with its own field manager.
struct CompetingWriter {
    static let agent = "competitor"
    static let labelKey = "example.com/audited"
    let world: FaultWorld
    let client: KubeClient

    init(world: FaultWorld) throws {
        self.world = world
        self.client = try world.makeClient(userAgent: Self.agent)
    }

    /// Makes `count` writes of each kind.
    func write(_ count: Int) async throws {
        for round in 0..<count {
            let stamp = "\(ContinuousClock.now)-\(round)"
            for _ in 0..<10 {
                var platform = try await client.get(AgriPlatform.self, name: "release", namespace: FaultWorld.namespace)
                var annotations = platform.metadata.annotations ?? [:]
                annotations["example.com/last-audit"] = stamp
                platform.metadata.annotations = annotations
                do {
                    _ = try await client.update(platform)
                    break
                } catch let error as KubeError where error.code == .conflict {
                    continue
                }
            }
            let label: JSONValue = [
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": [
                    "name": "web-api",
                    "namespace": .string(FaultWorld.namespace),
                    "labels": [Self.labelKey: .string("round-\(round)")],
                ],
            ]
            _ = try await client.apply(
                Deployment.resource,
                DynamicObject(json: label),
                fieldManager: Self.agent,
                force: false
            )
        }
    }

    /// After convergence: 10 more writes of each kind in a steady state. The operator must not fight them: at
    /// most one write of its own per write of the competitor (a re-apply that leaves the competitor's fields
    /// alone), and the competitor's label survives.
    func checkNoFight() async throws -> [String] {
        let before = world.lastSequence
        try await write(10)
        try await Task.sleep(for: .seconds(2))
        var problems: [String] = []
        let operatorWrites = world.actingWrites(after: before)
        if operatorWrites > 20 {
            problems.append("the operator wrote \(operatorWrites) times against 20 writes of a competing client")
        }
        let deployment = try await world.client.get(Deployment.self, name: "web-api", namespace: FaultWorld.namespace)
        if deployment.metadata.labels?[Self.labelKey] == nil {
            problems.append("the operator removed the competing field manager's label \(Self.labelKey)")
        }
        return problems
    }
}
