import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Simulated Job controller")
struct JobSimulationTests {
    typealias F = SimulationFixtures

    static func conditionTypes(_ job: JSONValue?) -> [String] {
        job?[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
    }

    @Test("A Job's pod succeeds and the Job reports SuccessCriteriaMet then Complete")
    func completes() async throws {
        let server = try await F.startServer()
        try await server.seed([F.job("migrate")])
        try await F.poll("the Job completes") {
            Self.conditionTypes(await F.get(server, SimulatedResource.jobs, "migrate")).contains("Complete")
        }
        let job = try #require(await F.get(server, SimulatedResource.jobs, "migrate"))
        #expect(Self.conditionTypes(job) == ["SuccessCriteriaMet", "Complete"])
        #expect(F.condition(job, "Complete")?["reason"] == "CompletionsReached")
        #expect(job[path: ["status", "succeeded"]] == 1)
        #expect(job[path: ["status", "active"]] == nil)
        #expect(job[path: ["status", "startTime"]] != nil)
        #expect(job[path: ["status", "completionTime"]] != nil)
        let pods = try await F.pods(server, ownedBy: ObjectRules.uid(of: job))
        #expect(pods.count == 1)
        #expect(pods.first?[path: ["status", "phase"]] == "Succeeded")
        #expect(pods.first?[path: ["metadata", "labels", "batch.kubernetes.io/job-name"]] == "migrate")
        #expect(ObjectRules.name(of: pods.first ?? [:]).hasPrefix("migrate-"))
        try await server.shutdown()
    }

    @Test("Under failJob a Job retries backoffLimit times, then fails with BackoffLimitExceeded")
    func backoffLimitExceeded() async throws {
        let server = try await F.startServer()
        try #require(server.simulation).setPodBehaviour(.failJob, matching: .image("busybox:broken"))
        try await server.seed([F.job("migrate", image: "busybox:broken", backoffLimit: 2)])
        try await F.poll("the Job fails") {
            Self.conditionTypes(await F.get(server, SimulatedResource.jobs, "migrate")).contains("Failed")
        }
        let job = try #require(await F.get(server, SimulatedResource.jobs, "migrate"))
        #expect(Self.conditionTypes(job) == ["FailureTarget", "Failed"])
        #expect(F.condition(job, "Failed")?["reason"] == "BackoffLimitExceeded")
        #expect(job[path: ["status", "failed"]] == 3)
        #expect(job[path: ["status", "succeeded"]] == nil)
        #expect(job[path: ["status", "completionTime"]] == nil)
        let pods = try await F.pods(server, ownedBy: ObjectRules.uid(of: job))
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { $0[path: ["status", "phase"]] == "Failed" })
        try await server.shutdown()
    }

    @Test("A Job running longer than activeDeadlineSeconds fails with DeadlineExceeded")
    func deadlineExceeded() async throws {
        let server = try await F.startServer(podReadyDelay: .seconds(60))
        var job = F.job("slow")
        job[path: ["spec", "activeDeadlineSeconds"]] = 1
        try await server.seed([job])
        try await F.poll("the Job fails") {
            Self.conditionTypes(await F.get(server, SimulatedResource.jobs, "slow")).contains("Failed")
        }
        let stored = await F.get(server, SimulatedResource.jobs, "slow")
        #expect(F.condition(stored, "Failed")?["reason"] == "DeadlineExceeded")
        #expect(F.condition(stored, "FailureTarget")?["reason"] == "DeadlineExceeded")
        #expect(try await F.list(server, SimulatedResource.pods).isEmpty)
        try await server.shutdown()
    }
}
