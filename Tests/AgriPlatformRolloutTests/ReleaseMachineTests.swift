import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@Suite("Release machine: rolling")
struct RollingReleaseTests {
    @Test("a good rolling release completes, records the history and says so once")
    func goodRelease() {
        var world = ReleaseWorld(service: Services.rolling(), running: "api:1")
        world.run { $0.status?.phase == .healthy && $0.status?.stableRevision == "revapi2" }
        #expect(world.status?.stableRevision == "revapi2")
        #expect(world.status?.history?.map(\.revision) == ["revapi2", "revapi1"])
        #expect(world.events("ReleaseStarted").count == 1)
        #expect(world.events("ReleaseCompleted").count == 1)
        #expect(world.stable?.revision == "revapi2")
        #expect(world.restores.isEmpty)
    }

    @Test("an operator meeting a running Deployment records its revision as stable before changing anything")
    func adoption() {
        var world = ReleaseWorld(service: Services.rolling(), running: "api:1", known: false)
        let first = world.reconcile()
        #expect(first.shape.appliesStable == false)
        #expect(first.shape.runsMigration == false)
        #expect(first.status.stableRevision == "revapi1")
        #expect(first.status.history?.map(\.revision) == ["revapi1"])
        #expect(first.recheckAfter == 1)
        world.run { $0.status?.phase == .healthy && $0.status?.stableRevision == "revapi2" }
        #expect(world.status?.history?.map(\.revision) == ["revapi2", "revapi1"])
    }

    @Test("a crash-looping revision trips the circuit breaker, goes back to the last good revision and is held")
    func circuitBreaker() {
        var world = ReleaseWorld(service: Services.rolling(), running: "api:1")
        world.behaviours["revapi2"] = .crashLoop
        world.run { $0.status?.phase == .rolledBack }
        #expect(world.status?.failureReason == "CircuitBreaker")
        #expect(world.status?.failedRevision == "revapi2")
        #expect(world.restores == ["revapi1"])
        #expect(world.events("RolledBack").count == 1)
        // Held: more rounds neither re-apply the bad revision nor restore again.
        for _ in 0..<10 {
            world.tick()
            world.reconcile()
        }
        #expect(world.stable?.revision == "revapi1")
        #expect(world.restores == ["revapi1"])
        #expect(world.shapes.last?.appliesStable == false)
        #expect(world.status?.message?.contains("kubectl agri retry api") == true)
    }

    @Test("pods that never become ready are rolled back at the progress deadline")
    func progressDeadline() {
        var service = Services.rolling()
        service.rollout = Rollout(strategy: .rolling)
        service.rollout?.progressDeadlineSeconds = 60
        var world = ReleaseWorld(service: service, running: "api:1")
        world.behaviours["revapi2"] = .neverReady
        world.run { $0.status?.phase == .rolledBack }
        #expect(world.status?.failureReason == "ProgressDeadlineExceeded")
        #expect(world.stable?.revision == "revapi1")
    }

    @Test("without rollback the failure is reported once and the release keeps running")
    func noRollback() {
        var service = Services.rolling()
        var rollout = Rollout(strategy: .rolling)
        rollout.rolling = RollingStrategy(rollbackOnFailure: false)
        service.rollout = rollout
        var world = ReleaseWorld(service: service, running: "api:1")
        world.behaviours["revapi2"] = .crashLoop
        for _ in 0..<20 {
            world.reconcile()
            world.tick()
        }
        #expect(world.status?.phase == .degraded)
        #expect(world.status?.failedRevision == nil)
        #expect(world.restores.isEmpty)
        #expect(world.events("ReleaseDegraded").count == 1)
        #expect(world.stable?.revision == "revapi2")
    }

    @Test("the first revision of a service is applied directly, whatever the strategy")
    func initialRelease() {
        for service in [Services.rolling(), Services.canary(), Services.blueGreen()] {
            var world = ReleaseWorld(service: service)
            world.run { $0.status?.phase == .healthy }
            #expect(world.status?.stableRevision == "revapi2")
            #expect(world.shapes.allSatisfy { $0.candidate == nil })
        }
    }

    @Test(
        "the circuit breaker's threshold is half the desired pods, clamped to 3…200, unless set",
        arguments: [(Int32(1), Int32(3)), (4, 3), (9, 5), (100, 50), (1000, 200)]
    )
    func threshold(replicas: Int32, expected: Int32) {
        #expect(ReleaseMachine.failureThreshold(nil, desiredReplicas: replicas) == expected)
        var rollout = Rollout(strategy: .rolling)
        rollout.rolling = RollingStrategy()
        rollout.rolling?.failureThreshold = 7
        #expect(ReleaseMachine.failureThreshold(rollout, desiredReplicas: replicas) == 7)
    }
}

@Suite("Release machine: canary")
struct CanaryReleaseTests {
    @Test("a canary walks its steps, waits at the indefinite pause for promote, then promotes once")
    func goodCanary() {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.run { $0.status?.phase == .paused }
        #expect(world.status?.currentStepIndex == 3)
        #expect(world.status?.canaryWeight == 50)
        // 50 % by pod counts beside 4 stable pods is 4 canary pods; the stable Deployment is never touched.
        #expect(world.candidate?.replicas == 4)
        #expect(world.stable?.revision == "revapi1")
        #expect(world.stable?.replicas == 4)
        world.send(.promote)
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
        #expect(world.events("StepCompleted").count == 5)
        #expect(world.events("Promoted").count == 1)
        #expect(world.candidate == nil)
        #expect(world.shapes.filter { $0.candidate != nil }.allSatisfy { $0.activeRevision == nil })
    }

    @Test(
        "canary pods follow the weight of the stable count, up to an even split",
        arguments: [
            (Int32(20), Int32(1)), (50, 4), (80, 4), (100, 4), (0, 0), (34, 3),
        ]
    )
    func replicaRatio(weight: Int32, expected: Int32) {
        var service = Services.canary()
        service.rollout?.canary?.steps = [.setWeight(weight), .pause(seconds: nil)]
        var world = ReleaseWorld(service: service, running: "api:1")
        world.reconcile()
        #expect(world.candidate?.replicas == expected)
    }

    @Test("failed analysis aborts: the canary's traffic and pods go, the stable revision keeps serving")
    func failedAnalysis() throws {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.run { $0.status?.currentStepIndex == 2 }
        world.measurements = [
            AnalysisMeasurement(name: "errorRate", result: .failed, value: 7, threshold: "> 5", time: .init(world.now))
        ]
        world.reconcile()
        #expect(world.status?.phase == .rolledBack)
        #expect(world.status?.failureReason == "AnalysisFailed")
        #expect(world.candidate == nil)
        #expect(world.servingLog.last == ["revapi1"])
        #expect(world.restores.isEmpty)
        let rolledBack = try #require(world.events("RolledBack").first)
        #expect(rolledBack.isWarning)
        #expect(rolledBack.note.contains("errorRate"))
    }

    @Test("an aborted canary behind a Gateway API route gets weight 0 first and loses its pods 30 s later")
    func routedAbort() {
        var world = ReleaseWorld(service: Services.canary(routing: "GatewayAPI"), running: "api:1")
        world.run { $0.status?.currentStepIndex == 1 }
        world.send(.abort)
        world.reconcile()
        #expect(world.shapes.last?.canaryWeight == 0)
        #expect(world.shapes.last?.activeRevision == "revapi1")
        #expect(world.candidate != nil)
        #expect(world.servingLog.last == ["revapi1"])
        for _ in 0..<7 {
            world.tick()
            world.reconcile()
        }
        #expect(world.candidate == nil)
        #expect(world.servingLog.suffix(8).allSatisfy { $0 == ["revapi1"] })
    }

    @Test("promote-full skips every remaining step and analysis wait")
    func promoteFull() {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.reconcile()
        world.send(.promoteFull)
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
        #expect(world.events("Promoted").count == 1)
        #expect(world.events("CommandHandled").count == 1)
    }

    @Test("pause holds a canary at its step until resume")
    func pauseResume() {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.reconcile()
        world.send(.pause)
        for _ in 0..<20 {
            world.tick()
            world.reconcile()
        }
        #expect(world.status?.phase == .paused)
        #expect(world.status?.currentStepIndex == 0)
        world.send(.resume)
        world.run { $0.status?.currentStepIndex == 3 }
        #expect(world.status?.pausedByUser == nil)
    }
}

@Suite("Release machine: blue-green")
struct BlueGreenReleaseTests {
    @Test("the preview waits for promote, promotion switches traffic at once, the old pods wait 30 s")
    func goodBlueGreen() {
        var world = ReleaseWorld(service: Services.blueGreen(), running: "api:1")
        world.run { $0.status?.phase == .paused }
        #expect(world.candidate?.replicas == 4)
        #expect(world.servingLog.last == ["revapi1"])
        world.send(.promote)
        world.reconcile()
        #expect(world.shapes.last?.activeRevision == "revapi2")
        #expect(world.shapes.last?.appliesStable == false)
        #expect(world.servingLog.last == ["revapi2"])
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
        #expect(world.candidate == nil)
        #expect(world.events("Promoted").count == 1)
    }

    @Test("undo inside the scale-down window is a selector switch: no pod restarts, no restore")
    func instantRollback() {
        var world = ReleaseWorld(service: Services.blueGreen(), running: "api:1")
        world.run { $0.status?.phase == .paused }
        world.send(.promote)
        world.reconcile()
        world.tick()
        world.send(.undo)
        world.reconcile()
        #expect(world.status?.phase == .rolledBack)
        #expect(world.shapes.last?.activeRevision == "revapi1")
        #expect(world.servingLog.last == ["revapi1"])
        #expect(world.restores.isEmpty)
        #expect(world.stable?.revision == "revapi1")
        #expect(world.stable?.ready == 4)
    }

    @Test("undo after a completed blue-green selects every pod until the restored revision's pods are ready")
    func undoWhileRestoring() {
        var world = ReleaseWorld(service: Services.blueGreen(autoPromotion: 0), running: "api:1")
        world.run { $0.status?.phase == .healthy && $0.status?.stableRevision == "revapi2" }
        world.send(.undo)
        world.reconcile()
        #expect(world.restores == ["revapi1"])
        world.reconcile()
        #expect(world.shapes.last?.activeRevision == nil)
        world.tick()
        world.reconcile()
        #expect(world.shapes.last?.activeRevision == "revapi1")
        #expect(world.servingLog.last == ["revapi1"])
    }

    @Test("promotion and the promoted revision's check in one decision count a measurement once")
    func judgedOnce() throws {
        var service = Services.blueGreen()
        var analysis = RolloutAnalysis()
        analysis.failureLimit = 1
        analysis.prometheusURL = "http://prometheus:9090"
        analysis.maxErrorRatePercent = 5
        analysis.onNoData = .ignore
        service.rollout?.analysis = analysis
        var world = ReleaseWorld(service: service, running: "api:1")
        world.run { $0.status?.phase == .paused }
        world.measurements = [
            AnalysisMeasurement(name: "errorRate", result: .failed, value: 7, threshold: "> 5", time: .init(world.now))
        ]
        world.send(.promote)
        world.reconcile()
        #expect(world.status?.analysis?.failures == 1)
        #expect(world.status?.phase != .rolledBack)
        #expect(world.status?.promotedAt != nil)
    }

    @Test("a ready preview is promoted automatically after autoPromotionSeconds")
    func autoPromotion() throws {
        var world = ReleaseWorld(service: Services.blueGreen(autoPromotion: 20), running: "api:1")
        world.run { $0.status?.promotedAt != nil }
        let ready = try #require(world.status?.previewReadyAt?.date)
        let promoted = try #require(world.status?.promotedAt?.date)
        #expect(promoted.timeIntervalSince(ready) >= 20)
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
    }

    @Test("promote before the preview is ready is rejected with the reason")
    func earlyPromote() {
        var world = ReleaseWorld(service: Services.blueGreen(), running: "api:1")
        world.send(.promote)
        world.reconcile()
        #expect(world.status?.promotedAt == nil)
        #expect(world.events("CommandRejected").first?.note.contains("not ready") == true)
    }
}

@Suite("Release machine: gates and commands")
struct ReleaseGateTests {
    @Test("no new pod starts before the migration succeeded; a failed migration stops the release")
    func migrationGate() {
        var service = Services.rolling()
        service.migration = MigrationJob(command: ["migrate"])
        var world = ReleaseWorld(service: service, running: "api:1")
        world.migrationResults["revapi2"] = .failed
        world.reconcile()
        #expect(world.shapes.last?.appliesStable == false)
        #expect(world.migrations["revapi2"] == .running)
        world.tick()
        world.reconcile()
        #expect(world.status?.phase == .degraded)
        #expect(world.status?.failureReason == "MigrationFailed")
        #expect(world.stable?.revision == "revapi1")
        #expect(world.events("MigrationFailed").count == 1)
        world.migrationResults["revapi2"] = .succeeded
        world.send(.retry)
        world.reconcile()
        #expect(world.reruns == ["migrate-revapi2"])
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
    }

    @Test("a release waits for its dependencies and does not even start its migration")
    func dependencies() {
        var service = Services.rolling()
        service.migration = MigrationJob(command: ["migrate"])
        var world = ReleaseWorld(service: service, running: "api:1")
        world.pendingDependencies = ["backend"]
        world.reconcile()
        world.tick()
        world.reconcile()
        #expect(world.shapes.allSatisfy { !$0.appliesStable && !$0.runsMigration })
        #expect(world.status?.message?.contains("backend") == true)
        world.pendingDependencies = []
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi2")
    }

    @Test("a command is carried out once, even when the annotation stays")
    func commandOnce() {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.reconcile()
        world.send(.pause)
        for _ in 0..<5 { world.reconcile() }
        #expect(world.events("CommandHandled").count == 1)
        #expect(world.events("CommandRejected").isEmpty)
    }

    @Test("a malformed command is rejected once with what is wrong")
    func malformedCommand() {
        var world = ReleaseWorld(service: Services.canary(), running: "api:1")
        world.command = "promote-now@1"
        world.reconcile()
        world.reconcile()
        #expect(world.events("CommandRejected").count == 1)
        #expect(world.events("CommandRejected").first?.note.contains("not a command") == true)
    }

    @Test("undo of a stable revision goes back to the previous one and holds the spec's revision")
    func undo() {
        var world = ReleaseWorld(service: Services.rolling(), running: "api:1")
        world.run { $0.status?.stableRevision == "revapi2" }
        world.send(.undo)
        world.run { $0.stable?.revision == "revapi1" && $0.stable?.ready == 4 }
        #expect(world.status?.stableRevision == "revapi1")
        #expect(world.status?.failedRevision == "revapi2")
        #expect(world.status?.phase == .rolledBack)
        #expect(world.restores == ["revapi1"])
        // A new spec releases again.
        world.service.image = "api:3"
        world.run { $0.status?.phase == .healthy }
        #expect(world.status?.stableRevision == "revapi3")
    }

    @Test(
        "commands that cannot apply are rejected and change nothing",
        arguments: [
            RolloutCommand.Verb.promote, .abort, .retry, .resume,
        ]
    )
    func rejected(verb: RolloutCommand.Verb) {
        var world = ReleaseWorld(service: Services.rolling(image: "api:1"), running: "api:1")
        world.reconcile()
        let before = world.status
        world.send(verb)
        world.reconcile()
        #expect(world.events("CommandRejected").count == 1)
        #expect(world.status?.stableRevision == before?.stableRevision)
        #expect(world.status?.phase == .healthy)
    }
}
