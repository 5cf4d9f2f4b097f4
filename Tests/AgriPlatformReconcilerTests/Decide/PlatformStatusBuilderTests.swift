import AgriPlatformAPI
import Foundation
import KubeCore
import Testing

@testable import AgriPlatformReconciler

@Suite("Deriving a platform's status")
struct PlatformStatusBuilderTests {
    private func condition(_ status: AgriPlatformStatus, _ type: String) -> Condition? {
        status.conditions?[type: type]
    }

    @Test("Rolled-out Deployments make the platform Ready with per-service counts")
    func rolledOutIsReady() throws {
        let platform = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let status = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        #expect(status.phase == .ready)
        #expect(status.observedGeneration == 1)
        #expect(status.readyServices == "1/1")
        #expect(condition(status, "Ready")?.status == "True")
        #expect(condition(status, "Progressing")?.status == "False")
        #expect(condition(status, "Degraded")?.status == "False")
        #expect(condition(status, "InvalidSpec")?.status == "False")
        let api = try #require(status.services?.first)
        #expect(api.replicas == 2)
        #expect(api.readyReplicas == 2)
        #expect(api.image == "ghcr.io/example/api:1.0.0")
        #expect(api.revision?.isEmpty == false)
    }

    @Test("Deriving the status again from an unchanged world gives an equal status")
    func derivationIsStable() throws {
        let platform = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let first = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        let again = DecideFixtures.platform(status: first)
        let second = DecideFixtures.status(DecideFixtures.observation(again, children: children))
        #expect(second == first)
    }

    @Test("A condition keeps its transition time while its status holds and moves when it flips")
    func transitionTimes() throws {
        let platform = DecideFixtures.platform()
        let desired = try DecideFixtures.render(platform)
        let rolling = DecideFixtures.applied(desired) { _ in
            DeploymentStatus(observedGeneration: 1, replicas: 2, updatedReplicas: 1, readyReplicas: 1)
        }
        let earlier = Time(Date(timeIntervalSince1970: 1_700_000_000))
        var previous = DecideFixtures.status(DecideFixtures.observation(platform, children: rolling))
        previous.conditions = previous.conditions?.map {
            var c = $0; c.lastTransitionTime = earlier; return c
        }
        let later = DecideFixtures.status(
            DecideFixtures.observation(
                DecideFixtures.platform(status: previous),
                children: DecideFixtures.applied(desired)
            )
        )
        #expect(condition(later, "Ready")?.lastTransitionTime == DecideFixtures.now)
        #expect(condition(later, "InvalidSpec")?.lastTransitionTime == earlier)
        #expect(condition(later, "Degraded")?.lastTransitionTime == earlier)
    }

    @Test(
        "Deployment status maps to the service's progress",
        arguments: [
            (
                DeploymentStatus(observedGeneration: 0, replicas: 2, updatedReplicas: 2, availableReplicas: 2),
                "generation"
            ),
            (
                DeploymentStatus(observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 1),
                "1 of 2 pods updated"
            ),
            (
                DeploymentStatus(observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2),
                "1 old pods"
            ),
            (
                DeploymentStatus(observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1),
                "1 of 2 updated pods available"
            ),
        ]
    )
    func progressMessages(deployment: DeploymentStatus, expected: String) throws {
        let platform = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(platform)) { _ in deployment }
        let status = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        #expect(status.phase == .progressing)
        #expect(condition(status, "Progressing")?.reason == "RollingOut")
        #expect(condition(status, "Progressing")?.message?.contains(expected) == true)
        #expect(condition(status, "Ready")?.status == "False")
        #expect(status.readyServices == "0/1")
    }

    @Test("A progress deadline exceeded degrades the platform and says what to do")
    func deadlineDegrades() throws {
        let platform = DecideFixtures.platform()
        let stuck = DeploymentStatus(
            observedGeneration: 1,
            replicas: 3,
            updatedReplicas: 1,
            availableReplicas: 2,
            conditions: [
                DeploymentCondition(
                    type: "Progressing",
                    status: "False",
                    reason: "ProgressDeadlineExceeded",
                    message: "ReplicaSet \"farm-api-abc\" has timed out progressing."
                )
            ]
        )
        let children = DecideFixtures.applied(try DecideFixtures.render(platform)) { _ in stuck }
        let status = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        #expect(status.phase == .degraded)
        let degraded = try #require(condition(status, "Degraded"))
        #expect(degraded.status == "True")
        #expect(degraded.reason == "ProgressDeadlineExceeded")
        #expect(degraded.message?.contains("kubectl describe deployment farm-api") == true)
    }

    @Test("A new platform is Pending and Progressing while its objects are applied")
    func newPlatformIsPending() {
        let status = DecideFixtures.status(DecideFixtures.observation(DecideFixtures.platform()))
        #expect(status.phase == .pending)
        #expect(condition(status, "Progressing")?.reason == "Applying")
        #expect(condition(status, "Progressing")?.message?.contains("Deployment farm-api") == true)
    }

    @Test("An invalid spec is Failed, lists its problems and keeps the last service entries")
    func invalidSpecStatus() throws {
        let valid = DecideFixtures.platform()
        let children = DecideFixtures.applied(try DecideFixtures.render(valid))
        let ready = DecideFixtures.status(DecideFixtures.observation(valid, children: children))
        let invalid = DecideFixtures.platform(
            services: [PlatformService(name: "API", image: "")],
            generation: 2,
            status: ready
        )
        let status = DecideFixtures.status(DecideFixtures.observation(invalid, children: children))
        #expect(status.phase == .failed)
        #expect(status.observedGeneration == 2)
        let invalidSpec = try #require(condition(status, "InvalidSpec"))
        #expect(invalidSpec.status == "True")
        #expect(invalidSpec.reason == "ValidationFailed")
        #expect(invalidSpec.message?.contains("nothing was changed") == true)
        #expect(condition(status, "Ready")?.reason == "InvalidSpec")
        #expect(status.services == ready.services)
    }

    @Test("kstatus sees a rolling platform as in progress, a ready one as current and an invalid one as stalled")
    func kstatusConditions() throws {
        let platform = DecideFixtures.platform()
        let desired = try DecideFixtures.render(platform)
        let rolling = DecideFixtures.status(
            DecideFixtures.observation(
                platform,
                children: DecideFixtures.applied(desired) { _ in
                    DeploymentStatus(observedGeneration: 1, replicas: 2, updatedReplicas: 1, readyReplicas: 1)
                }
            )
        )
        #expect(rolling.phase == .progressing)
        #expect(condition(rolling, "Reconciling")?.status == "True")
        #expect(condition(rolling, "Reconciling")?.message == condition(rolling, "Ready")?.message)
        #expect(condition(rolling, "Stalled")?.status == "False")

        let ready = DecideFixtures.status(
            DecideFixtures.observation(platform, children: DecideFixtures.applied(desired))
        )
        #expect(condition(ready, "Reconciling")?.status == "False")
        #expect(condition(ready, "Reconciling")?.reason == "Reconciled")
        #expect(condition(ready, "Stalled")?.status == "False")
        #expect(ready.conditions?.map(\.type).suffix(2) == ["Reconciling", "Stalled"])

        let invalid = DecideFixtures.status(
            DecideFixtures.observation(
                DecideFixtures.platform(services: [PlatformService(name: "API", image: "")], generation: 2),
                children: DecideFixtures.applied(desired)
            )
        )
        #expect(condition(invalid, "Stalled")?.status == "True")
        #expect(condition(invalid, "Stalled")?.observedGeneration == 2)
        #expect(condition(invalid, "Reconciling")?.status == "False")
    }

    @Test("A rejected apply fails the platform and names the object")
    func applyFailure() throws {
        let platform = DecideFixtures.platform()
        let failure = ChildFailure(
            key: ChildKey(group: "networking.k8s.io", kind: "Ingress", name: "farm-api"),
            reason: .applyFailed,
            message: "Ingress farm-api: Forbidden: cannot create ingresses"
        )
        let status = DecideFixtures.status(DecideFixtures.observation(platform), failures: [failure])
        #expect(status.phase == .failed)
        #expect(condition(status, "Degraded")?.reason == "ApplyFailed")
        #expect(condition(status, "Degraded")?.message?.contains("Ingress farm-api") == true)
    }

    @Test("A paused platform reports Paused and still counts its services")
    func pausedStatus() throws {
        let platform = DecideFixtures.platform(annotations: [AgriPlatform.pausedAnnotation: "true"])
        let children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let status = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        #expect(status.phase == .paused)
        #expect(condition(status, "Progressing")?.reason == "Paused")
        #expect(status.readyServices == "1/1")
    }

    @Test("External datastores are ready when their Secret has connection keys")
    func externalDatastores() throws {
        var datastore = Datastore(name: "db", engine: .postgreSQL)
        datastore.external = ExternalDatastore(secretName: "rds")
        let platform = DecideFixtures.platform(datastores: [datastore])
        let children = DecideFixtures.applied(try DecideFixtures.render(platform))
        let missing = DecideFixtures.status(DecideFixtures.observation(platform, children: children))
        #expect(condition(missing, "DatastoresReady")?.status == "False")
        #expect(condition(missing, "DatastoresReady")?.message?.contains("Secret rds not found") == true)
        #expect(missing.phase == .progressing)
        let present = DecideFixtures.status(
            DecideFixtures.observation(platform, children: children, secretKeys: ["rds": ["HOST", "PORT"]])
        )
        #expect(condition(present, "DatastoresReady")?.status == "True")
        #expect(present.readyDatastores == "1/1")
        #expect(present.phase == .ready)
    }

    @Test(
        "The phase follows a fixed precedence",
        arguments: [
            (true, true, true, true, AgriPlatformPhase.failed),
            (false, true, true, true, .paused),
            (false, false, true, true, .degraded),
            (false, false, false, true, .ready),
            (false, false, false, false, .progressing),
        ]
    )
    func phasePrecedence(rejected: Bool, paused: Bool, degraded: Bool, ready: Bool, expected: AgriPlatformPhase) {
        let failures =
            rejected
            ? [ChildFailure(key: ChildKey(group: "", kind: "Service", name: "x"), reason: .applyFailed, message: "")]
            : []
        let phase = PlatformStatusBuilder.phase(
            failures: failures,
            paused: paused,
            degraded: degraded,
            ready: ready,
            nothingExists: false
        )
        #expect(phase == expected)
    }
}
