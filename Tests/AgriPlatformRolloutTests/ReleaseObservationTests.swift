import AgriPlatformRollout
import Testing

@Suite("Workload state")
struct WorkloadStateTests {
    @Test("a Deployment is complete only when every pod is updated, ready and available at the latest generation")
    func completeness() {
        let complete = WorkloadState(
            revision: "a",
            specReplicas: 3,
            replicas: 3,
            updatedReplicas: 3,
            readyReplicas: 3,
            availableReplicas: 3
        )
        #expect(complete.isComplete)
        var surging = complete
        surging.replicas = 4
        #expect(!surging.isComplete)
        var stale = complete
        stale.observedLatest = false
        #expect(!stale.isComplete)
    }
}
