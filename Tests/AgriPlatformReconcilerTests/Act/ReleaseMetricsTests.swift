import AgriPlatformAPI
import KubeRuntime
import Testing

@testable import AgriPlatformReconciler

@Suite("Release metrics: a platform's series follow its status")
struct ReleaseMetricsTests {
    static func status(_ phases: [String: RolloutPhase?]) -> AgriPlatformStatus {
        var status = AgriPlatformStatus()
        status.services = phases.keys.sorted().map { name in
            var service = ServiceStatus(name: name)
            if let phase = phases[name] ?? nil {
                var rollout = RolloutStatus()
                rollout.phase = phase
                service.rollout = rollout
            }
            return service
        }
        return status
    }

    @Test("failed is 1 for Degraded and RolledBack, progressing for Progressing only (not Paused)")
    func phases() {
        let metrics = ReleaseMetrics()
        metrics.record(
            namespace: "farm",
            platform: "shop",
            status: Self.status([
                "a": .degraded, "b": .rolledBack, "c": .progressing, "d": .paused, "e": .healthy, "f": nil,
            ])
        )
        let failed = ReleaseMetrics.failedLabel
        let progressing = ReleaseMetrics.progressingLabel
        let expected: [String: (Double, Double)] = [
            "a": (1, 0), "b": (1, 0), "c": (0, 1), "d": (0, 0), "e": (0, 0), "f": (0, 0),
        ]
        for (service, values) in expected {
            #expect(metrics.table.value(of: failed, for: ["farm", "shop", service]) == values.0, "\(service)")
            #expect(metrics.table.value(of: progressing, for: ["farm", "shop", service]) == values.1, "\(service)")
        }
    }

    @Test("A service removed from the status loses its series; a forgotten platform loses all, others stay")
    func removal() {
        let metrics = ReleaseMetrics()
        metrics.record(
            namespace: "farm",
            platform: "shop",
            status: Self.status(["web": .progressing, "api": .healthy])
        )
        metrics.record(namespace: "farm", platform: "mill", status: Self.status(["web": .degraded]))
        metrics.record(namespace: "farm", platform: "shop", status: Self.status(["web": .healthy]))
        #expect(metrics.table.count == 2)
        #expect(metrics.table.value(of: ReleaseMetrics.failedLabel, for: ["farm", "shop", "api"]) == nil)
        #expect(metrics.table.value(of: ReleaseMetrics.progressingLabel, for: ["farm", "shop", "web"]) == 0)

        metrics.forget(namespace: "farm", platform: "shop")
        #expect(metrics.table.count == 1)
        #expect(metrics.table.value(of: ReleaseMetrics.failedLabel, for: ["farm", "mill", "web"]) == 1)
    }
}
