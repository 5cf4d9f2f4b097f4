import Foundation
import KubeRuntime
import Testing

@Suite("Leader election safety")
struct LeaderElectionSafetyTests {
    /// Runs a leader whose renewals all fail after its last success at 0 s, and a follower that observed that renewal
    /// `observationLag` later and keeps reading the unchanged record every `readEvery`; returns when each changed.
    static func simulate(
        observationLag: Duration,
        readEvery: Duration
    ) throws -> (stopped: Duration, tookOver: Duration) {
        let wall = Date(timeIntervalSince1970: 1_700_000_000)
        var leader = try LeaderElectionStateMachine(configuration: .init(identity: "a"))
        #expect(leader.tick(now: .zero) == .readLease)
        guard case .create(var stored) = leader.leaseObserved(nil, now: .zero, wallTime: wall) else {
            Issue.record("expected the first read to create the lease")
            return (.zero, .zero)
        }
        stored.resourceVersion = "1"
        #expect(leader.writeSucceeded(stored, now: .zero) == .startedLeading)

        var stopped: Duration?
        var now = Duration.zero
        while stopped == nil, now < .seconds(60) {
            switch leader.tick(now: now) {
            case .sleep(let duration): now += duration
            case .readLease:
                if leader.readFailed(now: now) == .stoppedLeading { stopped = now }
            case .stoppedLeading: stopped = now
            default: now += .milliseconds(1)
            }
        }

        var follower = try LeaderElectionStateMachine(configuration: .init(identity: "b"))
        var tookOver: Duration?
        now = observationLag
        while tookOver == nil, now < .seconds(60) {
            _ = follower.tick(now: now)
            if case .update = follower.leaseObserved(stored, now: now, wallTime: wall) { tookOver = now }
            now += readEvery
        }
        return (try #require(stopped), try #require(tookOver))
    }

    @Test(
        "A leader that cannot renew stops leading before any follower may take over",
        arguments: [Duration.zero, .milliseconds(1), .seconds(1), .seconds(2)],
        [Duration.milliseconds(100), .seconds(1), .seconds(2)]
    )
    func neverTwoLeaders(observationLag: Duration, readEvery: Duration) throws {
        let (stopped, tookOver) = try Self.simulate(observationLag: observationLag, readEvery: readEvery)
        #expect(stopped <= .seconds(10))
        #expect(tookOver >= observationLag + .seconds(15))
        #expect(stopped < tookOver)
    }
}
