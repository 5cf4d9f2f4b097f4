import AgriFaultSuite
import Testing

@Suite("Request log checks")
struct RequestLogChecksTests {
    static func request(
        _ verb: String,
        _ resource: String,
        _ name: String? = nil,
        by agent: String = "agri-operator",
        code: Int = 200,
        at received: Int,
        answered: Int? = nil
    ) -> LoggedRequest {
        LoggedRequest(
            verb: verb,
            resource: resource,
            name: name,
            code: code,
            userAgent: agent,
            received: received,
            answered: answered ?? received + 1
        )
    }

    @Test(
        "Deleting a PVC, a Secret, a StatefulSet or the stable Deployment is unexpected; canary and preview are prunes",
        arguments: [
            ("persistentvolumeclaims", "data-farm-db-0", false),
            ("secrets", "farm-db-connection", false),
            ("statefulsets", "farm-db", false),
            ("deployments", "shop-api", false),
            ("agriplatforms", "shop", false),
            ("deployments", "shop-api-canary", true),
            ("services", "shop-api-preview", true),
            ("jobs", "shop-api-migrate-5d8f", true),
        ]
    )
    func prunes(resource: String, name: String, expected: Bool) {
        let log = [Self.request("delete", resource, name, at: 1)]
        #expect(RequestLogChecks.unexpectedDeletes(in: log, by: "agri-operator").isEmpty == expected)
    }

    @Test("Only the operator's deletes count, failed attempts included")
    func deletesByOperatorOnly() {
        let log = [
            Self.request("delete", "secrets", "s", by: "fault-suite", at: 1),
            Self.request("delete", "secrets", "s", code: 503, at: 3),
            Self.request("get", "secrets", "s", at: 5),
        ]
        #expect(RequestLogChecks.unexpectedDeletes(in: log, by: "agri-operator").map(\.received) == [3])
    }

    @Test("Writes in flight at the same time from two identities overlap; Lease and Event writes do not count")
    func overlaps() {
        let sequential = [
            Self.request("patch", "deployments", "a", by: "op-a", at: 1, answered: 4),
            Self.request("update", "leases", "l", by: "op-b", at: 2, answered: 3),
            Self.request("create", "events", nil, by: "op-b", at: 2, answered: 3),
            Self.request("patch", "deployments", "a", by: "op-b", at: 5, answered: 6),
        ]
        #expect(RequestLogChecks.overlappingWrites(in: sequential, first: "op-a", second: "op-b").isEmpty)
        #expect(RequestLogChecks.handovers(in: sequential, agents: ["op-a", "op-b"]) == 1)
        let overlapping = sequential + [Self.request("patch", "services", "a", by: "op-a", at: 5, answered: 7)]
        #expect(RequestLogChecks.overlappingWrites(in: overlapping, first: "op-a", second: "op-b").count == 1)
        let backAndForth = sequential + [Self.request("patch", "services", "a", by: "op-a", at: 8, answered: 9)]
        #expect(RequestLogChecks.handovers(in: backAndForth, agents: ["op-a", "op-b"]) == 2)
    }

    @Test("A partitioned leader stopped in time when its last acting write precedes the new leader's first Lease write")
    func takeover() {
        var log = [
            Self.request("patch", "deployments", "a", by: "op-a", at: 1),
            Self.request("patch", "deployments", "a", by: "op-a", code: 503, at: 3),
            Self.request("update", "leases", "l", by: "op-b", code: 409, at: 4),
            Self.request("update", "leases", "l", by: "op-b", at: 6),
            Self.request("patch", "deployments", "a", by: "op-b", at: 8),
        ]
        #expect(RequestLogChecks.stoppedBeforeTakeover(in: log, old: "op-a", new: "op-b") == true)
        log.append(Self.request("patch", "agriplatforms", "shop", by: "op-a", code: 503, at: 7))
        #expect(RequestLogChecks.stoppedBeforeTakeover(in: log, old: "op-a", new: "op-b") == false)
        #expect(RequestLogChecks.stoppedBeforeTakeover(in: log, old: "op-b", new: "op-c") == nil)
        #expect(RequestLogChecks.actingWrites(in: log, by: "op-a", after: 3).map(\.received) == [7])
    }
}
