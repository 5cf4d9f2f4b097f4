import KubeRuntime
import Synchronization
import Testing

@Suite("Health checks")
struct HealthChecksTests {
    @Test("With no checks a probe reports one passing ping check")
    func emptyProbePasses() async {
        let health = HealthChecks()
        let report = await health.run(.liveness)
        #expect(report.isHealthy)
        #expect(report.entries.map(\.name) == ["ping"])
    }

    @Test("A probe fails while any check fails, lists checks by name and keeps probes apart")
    func failingChecks() async {
        let health = HealthChecks()
        health.add("zeta", to: .readiness) { .healthy }
        health.add("alpha", to: .readiness) { .unhealthy("caches not synced") }
        health.add("leader", to: .liveness) { .healthy }
        let readiness = await health.run(.readiness)
        #expect(!readiness.isHealthy)
        #expect(readiness.entries.map(\.name) == ["alpha", "zeta"])
        #expect(readiness.failingNames == ["alpha"])
        #expect(readiness.entries.first?.status.reason == "caches not synced")
        #expect(await health.run(.liveness).isHealthy)
        #expect(health.names(of: .liveness) == ["leader"])
    }

    @Test("Readiness flips once the check's condition holds")
    func readinessFlips() async {
        let synced = Mutex(false)
        let health = HealthChecks()
        health.add("informers", to: .readiness) { synced.withLock { $0 } }
        #expect(await !health.run(.readiness).isHealthy)
        synced.withLock { $0 = true }
        #expect(await health.run(.readiness).isHealthy)
    }

    @Test("Excluded checks count as passing and unknown exclusions are reported")
    func exclusions() async {
        let health = HealthChecks()
        health.add("broken", to: .liveness) { .unhealthy("no") }
        health.add("fine", to: .liveness) { .healthy }
        let report = await health.run(.liveness, excluding: ["broken", "missing"])
        #expect(report.isHealthy)
        #expect(report.entries.first { $0.name == "broken" }?.isExcluded == true)
        #expect(report.unknownExclusions == ["missing"])
    }

    @Test("Adding a check under an existing name replaces it, and removing it drops it")
    func replaceAndRemove() async {
        let health = HealthChecks()
        health.add("check", to: .liveness) { .unhealthy("old") }
        health.add("check", to: .liveness) { .healthy }
        #expect(await health.run("check", of: .liveness) == .healthy)
        health.remove("check", from: .liveness)
        #expect(await health.run("check", of: .liveness) == nil)
        #expect(health.names(of: .liveness).isEmpty)
    }
}
