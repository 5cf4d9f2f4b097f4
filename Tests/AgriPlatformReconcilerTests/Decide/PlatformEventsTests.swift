import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

@testable import AgriPlatformReconciler

@Suite("PlatformEvents: what a reconcile records")
struct PlatformEventsTests {
    typealias F = DecideFixtures

    static let services = [
        PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0"),
        PlatformService(name: "web", image: "ghcr.io/example/web:1.0.0"),
    ]

    @Test("Each service's release events name its Deployment as related, so services do not share one series")
    func releaseEventsPerService() throws {
        let platform = F.platform(services: Self.services)
        let observation = F.observation(platform)
        let plan = PlatformDecision.plan(for: observation, context: .init(), now: F.now.date)
        let events = PlatformEvents.releaseEvents(plan, observation: observation)
        let started = events.filter { $0.reason == "ReleaseStarted" }
        #expect(started.map(\.related?.name) == ["farm-api", "farm-web"])
        #expect(started.map { $0.note.prefix(13) } == ["service api: ", "service web: "])
        #expect(started.allSatisfy { $0.related?.kind == "Deployment" && $0.related?.apiVersion == "apps/v1" })
        #expect(
            started.allSatisfy { $0.related?.namespace == "prod" && $0.related?.uid == nil && $0.action == "Release" }
        )
    }

    @Test("Once the Deployment exists, its UID is in the reference")
    func relatedCarriesUID() throws {
        let platform = F.platform(services: [Self.services[0]])
        var children = F.applied(try F.render(platform))
        let key = ChildKey(Deployment.resource, name: "farm-api")
        children[key]?.metadata.uid = "deployment-uid"
        // A new image starts a new release of the existing Deployment, once the status knows the stable revision.
        var changed = platform
        changed.spec.services[0].image = "ghcr.io/example/api:2.0.0"
        changed.status = F.status(F.observation(changed, children: children))
        let observation = F.observation(changed, children: children)
        let plan = PlatformDecision.plan(for: observation, context: .init(), now: F.now.date)
        let events = PlatformEvents.releaseEvents(plan, observation: observation)
        #expect(events.map(\.reason) == ["ReleaseStarted"])
        #expect(events.allSatisfy { $0.related?.name == "farm-api" && $0.related?.uid == "deployment-uid" })
    }
}
