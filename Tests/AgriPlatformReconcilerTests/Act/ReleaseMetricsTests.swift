import AgriPlatformAPI
import KubeCore
import KubeRuntime
import Testing

@testable import AgriPlatformReconciler

@Suite("Release metrics: computed from the cached platforms' status")
struct ReleaseMetricsTests {
    static func platform(_ name: String, _ phases: [String: RolloutPhase?]) -> AgriPlatform {
        var status = AgriPlatformStatus()
        status.services = phases.keys.sorted().map { service in
            var serviceStatus = ServiceStatus(name: service)
            if let phase = phases[service] ?? nil {
                var rollout = RolloutStatus()
                rollout.phase = phase
                serviceStatus.rollout = rollout
            }
            return serviceStatus
        }
        return AgriPlatform(
            metadata: ObjectMeta(name: name, namespace: "farm"),
            spec: AgriPlatformSpec(services: []),
            status: status
        )
    }

    static func text(_ store: Store<AgriPlatform>) -> String {
        var buffer: [UInt8] = []
        ReleaseMetrics.exposition(of: store).emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("failed is 1 for Degraded and RolledBack, progressing for Progressing only (not Paused)")
    func phases() {
        let rows = ReleaseMetrics.rows(
            of: Self.platform(
                "shop",
                ["a": .degraded, "b": .rolledBack, "c": .progressing, "d": .paused, "e": .healthy, "f": nil]
            )
        )
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0.labelValues, $0.values) })
        #expect(
            values == [
                ["farm", "shop", "a"]: [1, 0], ["farm", "shop", "b"]: [1, 0], ["farm", "shop", "c"]: [0, 1],
                ["farm", "shop", "d"]: [0, 0], ["farm", "shop", "e"]: [0, 0], ["farm", "shop", "f"]: [0, 0],
            ]
        )
    }

    @Test("The series follow the cache: a service gone from the status, or a deleted platform, loses its series")
    func followsTheCache() {
        let store = Store<AgriPlatform>()
        store.replace(
            all: [
                Self.platform("shop", ["web": .progressing, "api": .healthy]),
                Self.platform("mill", ["web": .degraded]),
            ],
            resourceVersion: "1"
        )
        var text = Self.text(store)
        #expect(
            text.contains(#"agriplatform_release_progressing{namespace="farm",agriplatform="shop",service="web"} 1"#)
        )
        #expect(text.contains(#"agriplatform_release_failed{namespace="farm",agriplatform="shop",service="api"} 0"#))
        #expect(text.contains(#"agriplatform_release_failed{namespace="farm",agriplatform="mill",service="web"} 1"#))

        store.apply(WatchEvent(type: .modified, object: Self.platform("shop", ["web": .healthy])))
        store.apply(WatchEvent(type: .deleted, object: Self.platform("mill", [:])))
        text = Self.text(store)
        #expect(
            text.contains(#"agriplatform_release_progressing{namespace="farm",agriplatform="shop",service="web"} 0"#)
        )
        #expect(!text.contains(#"service="api""#))
        #expect(!text.contains(#"agriplatform="mill""#))
    }
}
