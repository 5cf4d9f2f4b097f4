import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

/// Every row of the ``ReleaseShape`` table: which objects exist, and what the Service selects.
@Suite("Release shapes: the objects of each moment of a release")
struct ReleaseShapeTableTests {
    typealias R = ReleaseFixtures

    struct Row: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var kind: R.Kind
        var shape: ReleaseShape
        /// The objects beyond ``ReleaseFixtures/common`` and the migration Job.
        var extra: Set<String>
        var migrates: Bool
    }

    static let stable = R.revisionOfStable
    static let canary = ReleaseShape.Candidate(role: .canary, replicas: 1)
    static let preview = ReleaseShape.Candidate(role: .preview, replicas: 2)

    static let rows: [Row] = [
        Row(testDescription: "steady", kind: .canaryReplicaRatio, shape: .steady, extra: [], migrates: true),
        Row(
            testDescription: "migration running",
            kind: .canaryIngress,
            shape: ReleaseShape(appliesStable: false),
            extra: [],
            migrates: true
        ),
        Row(
            testDescription: "dependencies pending",
            kind: .blueGreen,
            shape: ReleaseShape(appliesStable: false, runsMigration: false),
            extra: [],
            migrates: false
        ),
        Row(
            testDescription: "canary by replica ratio at a weight",
            kind: .canaryReplicaRatio,
            shape: ReleaseShape(appliesStable: false, candidate: canary, canaryWeight: 20),
            extra: ["Deployment/farm-api-canary"],
            migrates: true
        ),
        Row(
            testDescription: "canary by Ingress at a weight",
            kind: .canaryIngress,
            shape: ReleaseShape(appliesStable: false, candidate: canary, activeRevision: stable, canaryWeight: 20),
            extra: ["Deployment/farm-api-canary", "Service/farm-api-canary", "Ingress/farm-api-canary"],
            migrates: true
        ),
        Row(
            testDescription: "canary by Gateway API at a weight",
            kind: .canaryGatewayAPI,
            shape: ReleaseShape(appliesStable: false, candidate: canary, activeRevision: stable, canaryWeight: 20),
            extra: ["Deployment/farm-api-canary", "Service/farm-api-canary", "HTTPRoute/farm-api"],
            migrates: true
        ),
        Row(
            testDescription: "Gateway API steady",
            kind: .canaryGatewayAPI,
            shape: .steady,
            extra: ["HTTPRoute/farm-api"],
            migrates: true
        ),
        Row(
            testDescription: "canary promoted",
            kind: .canaryIngress,
            shape: ReleaseShape(appliesStable: true, candidate: canary, canaryWeight: 100),
            extra: ["Deployment/farm-api-canary", "Service/farm-api-canary", "Ingress/farm-api-canary"],
            migrates: true
        ),
        Row(
            testDescription: "blue-green before promotion",
            kind: .blueGreen,
            shape: ReleaseShape(appliesStable: false, candidate: preview, activeRevision: stable),
            extra: ["Deployment/farm-api-preview", "Service/farm-api-preview"],
            migrates: true
        ),
        Row(
            testDescription: "blue-green promoted, inside the scale-down delay",
            kind: .blueGreen,
            shape: ReleaseShape(appliesStable: false, candidate: preview, activeRevision: "fedcba9876543210"),
            extra: ["Deployment/farm-api-preview", "Service/farm-api-preview"],
            migrates: true
        ),
        Row(
            testDescription: "blue-green after the delay",
            kind: .blueGreen,
            shape: ReleaseShape(appliesStable: true, candidate: preview, activeRevision: "fedcba9876543210"),
            extra: ["Deployment/farm-api-preview", "Service/farm-api-preview"],
            migrates: true
        ),
    ]

    @Test("Each moment of a release renders exactly its objects", arguments: rows)
    func objects(row: Row) throws {
        let objects = try R.render(row.kind, shape: row.shape)
        let keys = R.keys(objects)
        let jobs = keys.filter { $0.hasPrefix("Job/") }
        #expect(keys.subtracting(jobs) == R.common.union(row.extra))
        #expect(jobs.count == (row.migrates ? 1 : 0))
    }

    @Test("The Service selects the active revision's pods only when the shape names one", arguments: rows)
    func activeSelector(row: Row) throws {
        let objects = try R.render(row.kind, shape: row.shape)
        let service = try #require(RenderFixtures.object(objects, kind: "Service", name: "farm-api"))
        var expected: JSONValue = ["app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "farm"]
        if let active = row.shape.activeRevision {
            expected[ReleaseLabels.revision] = .string(active)
        }
        #expect(service[path: ["spec", "selector"]] == expected)
    }

    @Test("The stable Deployment is the same whatever the shape", arguments: rows)
    func stableUnchanged(row: Row) throws {
        let steady = try R.render(row.kind, shape: .steady)
        let objects = try R.render(row.kind, shape: row.shape)
        #expect(
            RenderFixtures.object(objects, kind: "Deployment", name: "farm-api")
                == RenderFixtures.object(steady, kind: "Deployment", name: "farm-api")
        )
    }

    @Test("A render without releases is the steady render", arguments: R.Kind.allCases)
    func noReleasesIsSteady(kind: R.Kind) throws {
        let platform = RenderFixtures.platform([R.service(kind)])
        let renderer = PlatformRenderer()
        #expect(try renderer.render(platform) == renderer.render(platform, releases: ["api": .steady]))
        #expect(try renderer.render(platform) == renderer.render(platform, releases: ["other": .steady]))
    }
}
