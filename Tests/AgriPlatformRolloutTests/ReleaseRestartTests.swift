import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import Testing

/// The status is the release's only memory: an operator that restarts anywhere resumes exactly where it was.
@Suite("Release machine: restarts and commands at every step")
struct ReleaseRestartTests {
    static let strategies: [(String, PlatformService)] = [
        ("Rolling", Services.rolling()),
        ("Canary", Services.canary()),
        ("Canary via Gateway API", Services.canary(routing: "GatewayAPI")),
        ("BlueGreen", Services.blueGreen(autoPromotion: 10)),
    ]

    /// Runs a release to the end, promoting whenever it waits for a person; `disturb` runs before round `round`.
    static func release(
        _ service: PlatformService,
        disturbAt round: Int? = nil,
        _ disturb: (inout ReleaseWorld) -> Void = { _ in }
    ) -> ReleaseWorld {
        var world = ReleaseWorld(service: service, running: "api:1")
        for index in 0..<120 {
            if index == round { disturb(&world) }
            world.reconcile()
            if world.status?.phase == .healthy, world.status?.stableRevision == "revapi2" { break }
            if world.status?.phase == .rolledBack || world.status?.phase == .degraded { break }
            if world.status?.phase == .paused, world.status?.pausedByUser != true,
                world.events("CommandHandled").count + world.events("CommandRejected").count < 20
            {
                world.send(.promote)
            }
            world.tick()
        }
        return world
    }

    /// The step numbers of StepCompleted events, in order.
    static func steps(_ world: ReleaseWorld) -> [Int] {
        world.events("StepCompleted").compactMap { event in
            event.note.split(separator: " ").dropFirst().first.flatMap { Int($0.split(separator: "/")[0]) }
        }
    }

    @Test(
        "a crash between the status write and the act step resumes in the same place: no step repeated, one promotion",
        arguments: strategies
    )
    func restartAnywhere(name: String, service: PlatformService) {
        let reference = Self.release(service)
        #expect(reference.status?.stableRevision == "revapi2", "\(name) reference release did not complete")
        let rounds = reference.shapes.count
        for round in 0..<rounds {
            var world = ReleaseWorld(service: service, running: "api:1")
            var commandsSent = 0
            var steps: [Int32] = []
            for index in 0..<120 {
                world.reconcile(crashesBeforeActing: index == round)
                steps.append(world.status?.currentStepIndex ?? 0)
                if world.status?.phase == .healthy, world.status?.stableRevision == "revapi2" { break }
                if world.status?.phase == .paused, commandsSent < 20 {
                    world.send(.promote)
                    commandsSent += 1
                }
                world.tick()
            }
            #expect(world.status?.stableRevision == "revapi2", "\(name): crash at round \(round)")
            #expect(world.status?.history?.map(\.revision) == reference.status?.history?.map(\.revision))
            // Steps only move forward: none is done twice.
            #expect(steps == steps.sorted(), "\(name): crash at round \(round): \(steps)")
            #expect(world.events("Promoted").count <= 1, "\(name): crash at round \(round)")
            #expect(world.restores.isEmpty)
        }
    }

    @Test("abort at any moment of a release leaves only the stable revision serving", arguments: strategies)
    func abortAnywhere(name: String, service: PlatformService) {
        let rounds = Self.release(service).shapes.count
        for round in 1..<rounds {
            let world = Self.release(service, disturbAt: round) { $0.send(.abort) }
            let status = world.status
            if status?.stableRevision == "revapi2", status?.failedRevision == nil {
                // The release had already completed: abort was rejected.
                #expect(world.events("CommandRejected").contains { $0.note.hasPrefix("abort") })
                continue
            }
            #expect(status?.phase == .rolledBack, "\(name): abort at round \(round)")
            #expect(status?.failedRevision == "revapi2")
            var settled = world
            for _ in 0..<10 {
                settled.tick()
                settled.reconcile()
            }
            #expect(settled.stable?.revision == "revapi1", "\(name): abort at round \(round)")
            #expect(settled.candidate == nil)
            #expect(settled.servingLog.last == ["revapi1"])
        }
    }

    @Test("pause at any moment holds the release until resume, then it completes", arguments: strategies)
    func pauseAnywhere(name: String, service: PlatformService) {
        let rounds = Self.release(service).shapes.count
        for round in 0..<rounds {
            var world = Self.release(service, disturbAt: round) { $0.send(.pause) }
            if world.status?.pausedByUser == true {
                let held = world.status
                for _ in 0..<5 {
                    world.tick()
                    world.reconcile()
                }
                #expect(world.status?.currentStepIndex == held?.currentStepIndex)
                #expect(world.status?.promotedAt == held?.promotedAt)
                world.send(.resume)
                for _ in 0..<60 where world.status?.phase != .healthy {
                    world.tick()
                    world.reconcile()
                    if world.status?.phase == .paused, world.status?.pausedByUser != true { world.send(.promote) }
                }
            }
            #expect(world.status?.stableRevision == "revapi2", "\(name): pause at round \(round)")
        }
    }
}
