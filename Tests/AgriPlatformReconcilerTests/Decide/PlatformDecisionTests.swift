import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

@testable import AgriPlatformReconciler

@Suite("Deciding what a reconcile changes")
struct PlatformDecisionTests {
    @Test("A new platform applies every rendered object and deletes nothing")
    func newPlatformAppliesEverything() throws {
        let platform = DecideFixtures.platform()
        let plan = PlatformDecision.plan(for: DecideFixtures.observation(platform), context: .init())
        #expect(plan.specProblems == nil)
        #expect(!plan.desired.isEmpty)
        #expect(plan.applies.map(\.json) == plan.desired.map(\.json))
        #expect(plan.deletions.isEmpty)
    }

    @Test("When every object holds exactly our fields, nothing is applied")
    func steadyStateAppliesNothing() throws {
        let platform = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let plan = PlatformDecision.plan(
            for: DecideFixtures.observation(platform, children: children),
            context: .init()
        )
        #expect(plan.applies.isEmpty)
        #expect(plan.deletions.isEmpty)
        #expect(!plan.changesChildren)
    }

    @Test("An image change applies only the objects whose fields change")
    func imageChangeAppliesDeployment() throws {
        let before = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(before))
        let after = DecideFixtures.platform(
            services: [PlatformService(name: "api", image: "ghcr.io/example/api:2.0.0")],
            generation: 2
        )
        // The first reconcile that meets the running Deployment records its revision as stable before changing
        // anything (so a restart right after the change still knows what to roll back to).
        let first = PlatformDecision.plan(for: DecideFixtures.observation(after, children: children), context: .init())
        #expect(first.applies.isEmpty)
        var recorded = after
        recorded.status = PlatformStatusBuilder(
            observation: DecideFixtures.observation(after, children: children),
            plan: first,
            failures: [],
            now: DecideFixtures.now
        ).status()
        #expect(recorded.status?.services?.first?.rollout?.stableRevision != nil)
        let plan = PlatformDecision.plan(
            for: DecideFixtures.observation(recorded, children: children),
            context: .init()
        )
        #expect(
            plan.applies.map { ChildKey(of: $0.json) } == [
                ChildKey(group: "apps", kind: "Deployment", name: "farm-api")
            ]
        )
    }

    @Test("A child that drifted from our fields is applied again")
    func driftIsReapplied() throws {
        let platform = DecideFixtures.platform()
        var children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let service = ChildKey(group: "", kind: "Service", name: "farm-api")
        children[service]?.appliedFieldsDigest = AppliedFieldsDigest(desired: ["spec": ["type": "NodePort"]])
        let plan = PlatformDecision.plan(
            for: DecideFixtures.observation(platform, children: children),
            context: .init()
        )
        #expect(plan.applies.map { ChildKey(of: $0.json) } == [service])
    }

    @Test("Removing a service deletes its owned objects and keeps the others")
    func removedServiceIsPruned() throws {
        let two = DecideFixtures.platform(services: [
            PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0"),
            PlatformService(name: "worker", image: "ghcr.io/example/worker:1.0.0"),
        ])
        let children = DecideFixtures.applied(try DecideFixtures.render(two))
        let one = DecideFixtures.platform(generation: 2)
        let plan = PlatformDecision.plan(for: DecideFixtures.observation(one, children: children), context: .init())
        let deleted = plan.deletions.map(\.key.name)
        #expect(!deleted.isEmpty)
        #expect(deleted.allSatisfy { $0 == "farm-worker" })
        #expect(plan.applies.isEmpty)
    }

    @Test("Objects controlled by someone else are neither applied nor deleted")
    func foreignObjectsAreLeftAlone() throws {
        let platform = DecideFixtures.platform()
        let desired = try DecideFixtures.render(platform)
        let children = DecideFixtures.applied(desired, owner: "someone-else")
        let plan = PlatformDecision.plan(
            for: DecideFixtures.observation(platform, children: children),
            context: .init()
        )
        #expect(plan.applies.isEmpty)
        #expect(plan.deletions.isEmpty)
        #expect(plan.conflicts.count == desired.count)
        #expect(plan.conflicts.allSatisfy { $0.reason == .nameConflict && $0.message.contains("someone-else") })
    }

    @Test("An invalid spec plans no change at all and lists every problem")
    func invalidSpecTouchesNothing() throws {
        let valid = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(valid))
        let invalid = DecideFixtures.platform(
            services: [
                PlatformService(name: "api", image: ""),
                PlatformService(name: "api", image: "x"),
            ],
            generation: 2
        )
        let plan = PlatformDecision.plan(for: DecideFixtures.observation(invalid, children: children), context: .init())
        let problems = try #require(plan.specProblems)
        #expect(problems.reason == .validationFailed)
        #expect(problems.problems.count >= 2)
        #expect(problems.message.contains("spec.services[0].image"))
        #expect(!plan.changesChildren)
        #expect(plan.desired.isEmpty)
    }

    @Test("A paused platform plans no change even when the spec changed")
    func pausedChangesNothing() throws {
        let before = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(before))
        let after = DecideFixtures.platform(
            services: [PlatformService(name: "api", image: "ghcr.io/example/api:2.0.0")],
            annotations: [AgriPlatform.pausedAnnotation: "true"],
            generation: 2
        )
        let plan = PlatformDecision.plan(for: DecideFixtures.observation(after, children: children), context: .init())
        #expect(plan.isPaused)
        #expect(!plan.changesChildren)
        #expect(plan.outOfDate == [ChildKey(group: "apps", kind: "Deployment", name: "farm-api")])
        let status = PlatformStatusBuilder(
            observation: DecideFixtures.observation(after, children: children),
            plan: plan,
            failures: [],
            now: DecideFixtures.now
        ).status()
        #expect(status.phase == .paused)
        #expect(status.conditions?[type: "Ready"]?.status == "False", "the paused change is not rolled out")
    }

    @Test("An object being deleted is not applied until it is gone")
    func deletingObjectWaits() throws {
        let platform = DecideFixtures.platform()
        var children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let key = ChildKey(group: "apps", kind: "Deployment", name: "farm-api")
        children[key]?.metadata.deletionTimestamp = DecideFixtures.now
        children[key]?.appliedFieldsDigest = nil
        let plan = PlatformDecision.plan(
            for: DecideFixtures.observation(platform, children: children),
            context: .init()
        )
        #expect(plan.applies.isEmpty)
    }
}
