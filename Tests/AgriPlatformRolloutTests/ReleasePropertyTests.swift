import AgriPlatformAPI
import AgriPlatformRender
import AgriPlatformRollout
import Foundation
import KubeCore
import PropertyBased
import Testing

/// Random releases: a strategy, a behaviour of the new revision, and a script of ticks, commands and failed
/// measurements. Whatever happens, the invariants of a safe release hold.
@Suite("Release machine: invariants")
struct ReleasePropertyTests {
    enum Step: CustomStringConvertible {
        case tick
        case command(RolloutCommand.Verb)
        case failedMeasurement
        case lostStatus

        var description: String {
            switch self {
            case .tick: "tick"
            case .command(let verb): verb.rawValue
            case .failedMeasurement: "failedMeasurement"
            case .lostStatus: "lostStatus"
            }
        }
    }

    static let step = Gen.int(in: 0...19).map { roll -> Step in
        switch roll {
        case 0: .command(.promote)
        case 1: .command(.promoteFull)
        case 2: .command(.abort)
        case 3: .command(.retry)
        case 4: .command(.pause)
        case 5: .command(.resume)
        case 6: .command(.undo)
        case 7: .failedMeasurement
        case 8: .lostStatus
        default: .tick
        }
    }

    static let service = Gen.int(in: 0...4).map { index -> PlatformService in
        [
            Services.rolling(), Services.canary(), Services.canary(routing: "GatewayAPI"),
            Services.canary(routing: "Ingress"), Services.blueGreen(autoPromotion: 10),
        ][index]
    }

    static let behaviour = Gen.int(in: 0...2).map { [ReleaseWorld.Behaviour.healthy, .neverReady, .crashLoop][$0] }

    /// Runs `script` and checks every invariant after every reconcile.
    static func check(_ service: PlatformService, _ behaviour: ReleaseWorld.Behaviour, _ script: [Step]) {
        var world = ReleaseWorld(service: service, running: "api:1")
        world.behaviours["revapi2"] = behaviour
        var lost = false
        for step in script {
            switch step {
            case .tick: world.tick()
            case .command(let verb): world.send(verb)
            case .failedMeasurement:
                world.measurements = [
                    AnalysisMeasurement(
                        name: "errorRate",
                        result: .failed,
                        value: 9,
                        threshold: "> 5",
                        time: Time(world.now)
                    )
                ]
            case .lostStatus:
                lost = true
                continue
            }
            let decision = world.reconcile(crashesBeforeActing: lost)
            world.measurements = []
            let status = decision.status

            // Traffic never stays on a revision that failed or was aborted once its shape is applied (a routed
            // canary keeps pods at weight 0 for a short while; they receive nothing).
            if status.failedRevision == "revapi2", !lost {
                #expect(world.servingLog.last?.contains("revapi2") != true, "\(script)")
                #expect(decision.shape.canaryWeight == 0 || decision.shape.candidate == nil, "\(script)")
            }
            // The stable Deployment is never scaled: pods are added beside it, never taken from it.
            #expect((world.stable?.replicas ?? 4) >= 4, "\(script)")
            // A candidate only exists during a canary or blue-green release of the desired revision.
            if decision.shape.candidate != nil {
                #expect(service.rollout?.strategy == .canary || service.rollout?.strategy == .blueGreen)
            }
            lost = false
            // A bad revision never becomes stable.
            if behaviour != .healthy {
                #expect(status.stableRevision != "revapi2" || status.failedRevision != nil, "\(script)")
            }
        }
        // At most one promotion per revision (without a lost status, which repeats its last decision).
        if !script.contains(where: { if case .lostStatus = $0 { true } else { false } }) {
            let promotions = world.events("Promoted").count
            let releases = world.events("ReleaseStarted").count
            #expect(promotions <= max(releases, 1), "\(script)")
        }
    }

    @Test("traffic leaves failed revisions, the stable Deployment is never scaled down, one promotion per release")
    func invariants() async {
        await propertyCheck(count: 300, input: zip(Self.service, Self.behaviour, Self.step.array(of: 1...80))) {
            service,
            behaviour,
            script in
            Self.check(service, behaviour, script)
        }
    }

    @Test("deciding twice from the same observation changes nothing the second time")
    func idempotent() async {
        await propertyCheck(count: 200, input: zip(Self.service, Self.step.array(of: 1...60))) { service, script in
            var world = ReleaseWorld(service: service, running: "api:1")
            for step in script {
                switch step {
                case .command(let verb): world.send(verb)
                case .tick, .lostStatus, .failedMeasurement: world.tick()
                }
                let observation = world.observation()
                let first = world.reconcile()
                let second = ReleaseMachine.decide(previous: first.status, observation: observation, now: world.now)
                #expect(second.status == first.status, "\(script)")
                #expect(second.actions.filter { if case .event = $0 { true } else { false } }.isEmpty, "\(script)")
            }
        }
    }
}
