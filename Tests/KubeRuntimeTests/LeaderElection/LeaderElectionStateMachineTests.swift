import Foundation
import KubeCore
import KubeRuntime
import Testing

@Suite("Leader election state machine")
struct LeaderElectionStateMachineTests {
    static let wall = Date(timeIntervalSince1970: 1_700_000_000)

    static func machine(_ identity: String = "a") throws -> LeaderElectionStateMachine {
        try LeaderElectionStateMachine(configuration: .init(identity: identity))
    }

    static func record(
        holder: String?,
        resourceVersion: String,
        transitions: Int32 = 0,
        renew: TimeInterval = 0
    ) -> LeaseRecord {
        LeaseRecord(
            holderIdentity: holder,
            leaseDurationSeconds: 15,
            renewTime: MicroTime(wall.addingTimeInterval(renew)),
            leaseTransitions: transitions,
            resourceVersion: resourceVersion
        )
    }

    /// Drives `machine` from reading a record to leading, returning the stored record.
    static func lead(_ machine: inout LeaderElectionStateMachine, at now: Duration) -> LeaseRecord {
        #expect(machine.tick(now: now) == .readLease)
        guard case .create(var created) = machine.leaseObserved(nil, now: now, wallTime: wall) else {
            Issue.record("expected create")
            return record(holder: nil, resourceVersion: "0")
        }
        created.resourceVersion = "1"
        #expect(machine.writeSucceeded(created, now: now) == .startedLeading)
        #expect(machine.isLeading)
        return created
    }

    @Test("A missing lease is created with this identity and leadership starts once the create succeeds")
    func acquireMissingLease() throws {
        var machine = try Self.machine()
        #expect(machine.tick(now: .zero) == .readLease)
        let action = machine.leaseObserved(nil, now: .zero, wallTime: Self.wall)
        guard case .create(let record) = action else {
            Issue.record("expected create, got \(action)")
            return
        }
        #expect(record.holderIdentity == "a")
        #expect(record.leaseDurationSeconds == 15)
        #expect(record.leaseTransitions == 0)
        #expect(record.renewTime == MicroTime(Self.wall))
        #expect(!machine.isLeading)
        var stored = record
        stored.resourceVersion = "1"
        #expect(machine.writeSucceeded(stored, now: .milliseconds(10)) == .startedLeading)
        #expect(machine.isLeading)
        #expect(machine.tick(now: .milliseconds(10)) == .sleep(.seconds(2)))
        #expect(machine.tick(now: .seconds(2) + .milliseconds(10)) == .readLease)
    }

    @Test("A released lease (empty holder) is taken at once, counting a transition", arguments: [nil, ""])
    func acquireReleasedLease(holder: String?) throws {
        var machine = try Self.machine()
        _ = machine.tick(now: .zero)
        let released = Self.record(holder: holder, resourceVersion: "7", transitions: 3)
        let action = machine.leaseObserved(released, now: .zero, wallTime: Self.wall)
        guard case .update(let record, let resourceVersion) = action else {
            Issue.record("expected update, got \(action)")
            return
        }
        #expect(resourceVersion == "7")
        #expect(record.holderIdentity == "a")
        #expect(record.leaseTransitions == 4)
        #expect(record.acquireTime == MicroTime(Self.wall))
    }

    @Test("A lease another holder keeps renewing is never taken, however far the remote renewTime lags our clock")
    func doNotAcquireRenewedLease() throws {
        var machine = try Self.machine()
        var now = Duration.zero
        // The holder renews every 2 s, but its wall clock runs a year behind ours (clock skew).
        for step in 0..<30 {
            #expect(machine.tick(now: now) == .readLease)
            let renewTime = TimeInterval(-365 * 86_400 + 2 * step)
            let renewed = Self.record(holder: "b", resourceVersion: "\(step)", renew: renewTime)
            #expect(machine.leaseObserved(renewed, now: now, wallTime: Self.wall) == .sleep(.seconds(2)))
            now += .seconds(2)
        }
        #expect(!machine.isLeading)
    }

    @Test(
        "Another holder's lease is taken over only after leaseDuration of unchanged observation",
        arguments: [
            (Duration.seconds(14), false),
            (Duration.seconds(14) + .milliseconds(999), false),
            (Duration.seconds(15), true),
            (Duration.seconds(20), true),
        ]
    )
    func takeOverAfterLeaseDuration(elapsed: Duration, takesOver: Bool) throws {
        var machine = try Self.machine()
        let start = Duration.seconds(100)
        // The renewTime is in our future (clock skew the other way): it must not matter either.
        let stale = Self.record(holder: "b", resourceVersion: "5", transitions: 1, renew: 3_600)
        _ = machine.tick(now: start)
        #expect(machine.leaseObserved(stale, now: start, wallTime: Self.wall) == .sleep(.seconds(2)))
        _ = machine.tick(now: start + elapsed)
        let action = machine.leaseObserved(stale, now: start + elapsed, wallTime: Self.wall)
        if takesOver {
            #expect(
                action
                    == .update(
                        LeaseRecord(
                            holderIdentity: "a",
                            leaseDurationSeconds: 15,
                            acquireTime: MicroTime(Self.wall),
                            renewTime: MicroTime(Self.wall),
                            leaseTransitions: 2
                        ),
                        resourceVersion: "5"
                    )
            )
        } else {
            #expect(action == .sleep(.seconds(2)))
        }
    }

    @Test("A record change restarts the expiry countdown")
    func changeRestartsCountdown() throws {
        var machine = try Self.machine()
        _ = machine.tick(now: .zero)
        _ = machine.leaseObserved(Self.record(holder: "b", resourceVersion: "1"), now: .zero, wallTime: Self.wall)
        _ = machine.tick(now: .seconds(10))
        let renewed = Self.record(holder: "b", resourceVersion: "2", renew: 10)
        #expect(machine.leaseObserved(renewed, now: .seconds(10), wallTime: Self.wall) == .sleep(.seconds(2)))
        _ = machine.tick(now: .seconds(20))
        // 20 s since the first observation, but only 10 s since the change.
        #expect(machine.leaseObserved(renewed, now: .seconds(20), wallTime: Self.wall) == .sleep(.seconds(2)))
    }

    @Test("A leader whose renewals keep failing stops leading at renewDeadline, before leaseDuration")
    func stopAfterRenewDeadline() throws {
        var machine = try Self.machine()
        _ = Self.lead(&machine, at: .zero)
        #expect(machine.renewDeadline == .seconds(10))
        var now = Duration.zero
        var stoppedAt: Duration?
        while now < .seconds(15) {
            let action = machine.tick(now: now)
            if action == .stoppedLeading {
                stoppedAt = now
                break
            }
            if case .sleep(let duration) = action {
                #expect(now + duration <= .seconds(10), "never sleeps past the renew deadline")
                now += duration
                continue
            }
            #expect(action == .readLease)
            now += .milliseconds(500)
            let failure = machine.readFailed(now: now)
            if failure == .stoppedLeading {
                stoppedAt = now
                break
            }
        }
        let stopped = try #require(stoppedAt)
        #expect(stopped >= .seconds(10))
        #expect(stopped < .seconds(15))
        #expect(!machine.isLeading)
        #expect(machine.renewDeadline == nil)
    }

    @Test("A successful renewal moves the renew deadline forward without a new startedLeading")
    func renewalExtendsDeadline() throws {
        var machine = try Self.machine()
        var stored = Self.lead(&machine, at: .zero)
        #expect(machine.tick(now: .seconds(2)) == .readLease)
        let action = machine.leaseObserved(stored, now: .seconds(2), wallTime: Self.wall)
        guard case .update(let renewed, let resourceVersion) = action else {
            Issue.record("expected update, got \(action)")
            return
        }
        #expect(resourceVersion == "1")
        #expect(renewed.leaseTransitions == stored.leaseTransitions)
        stored = renewed
        stored.resourceVersion = "2"
        #expect(machine.writeSucceeded(stored, now: .seconds(2)) == .sleep(.seconds(2)))
        #expect(machine.renewDeadline == .seconds(12))
    }

    @Test("A write that succeeds after the renew deadline still ends leadership")
    func lateWriteSuccessStops() throws {
        var machine = try Self.machine()
        let stored = Self.lead(&machine, at: .zero)
        _ = machine.tick(now: .seconds(2))
        _ = machine.leaseObserved(stored, now: .seconds(2), wallTime: Self.wall)
        #expect(machine.writeSucceeded(stored, now: .seconds(11)) == .stoppedLeading)
        #expect(!machine.isLeading)
        #expect(machine.tick(now: .seconds(11)) == .readLease)
    }

    @Test("A conflict on update re-reads the lease at once; other failures wait a retry period")
    func conflictRereads() throws {
        var machine = try Self.machine()
        _ = machine.tick(now: .zero)
        _ = machine.leaseObserved(Self.record(holder: nil, resourceVersion: "3"), now: .zero, wallTime: Self.wall)
        #expect(machine.writeFailed(conflict: true, now: .zero) == .readLease)
        // Someone else won the race: their fresh record is respected.
        let theirs = Self.record(holder: "b", resourceVersion: "4")
        #expect(machine.leaseObserved(theirs, now: .zero, wallTime: Self.wall) == .sleep(.seconds(2)))
        #expect(machine.tick(now: .seconds(2)) == .readLease)
        _ = machine.leaseObserved(nil, now: .seconds(2), wallTime: Self.wall)
        #expect(machine.writeFailed(conflict: false, now: .seconds(2)) == .sleep(.seconds(2)))
        #expect(!machine.isLeading)
    }

    @Test("A leader that sees another holder in the lease stops leading")
    func leaderSeesOtherHolder() throws {
        var machine = try Self.machine()
        _ = Self.lead(&machine, at: .zero)
        _ = machine.tick(now: .seconds(2))
        let theirs = Self.record(holder: "b", resourceVersion: "9")
        #expect(machine.leaseObserved(theirs, now: .seconds(2), wallTime: Self.wall) == .stoppedLeading)
        #expect(!machine.isLeading)
    }

    @Test("Shutdown while leading releases the lease: holder cleared, duration 1 s, transitions kept")
    func gracefulRelease() throws {
        var machine = try Self.machine()
        _ = Self.lead(&machine, at: .zero)
        let later = Self.wall.addingTimeInterval(5)
        let action = machine.shutdownRequested(now: .seconds(5), wallTime: later)
        #expect(
            action
                == .release(
                    LeaseRecord(
                        holderIdentity: nil,
                        leaseDurationSeconds: 1,
                        acquireTime: MicroTime(later),
                        renewTime: MicroTime(later),
                        leaseTransitions: 0
                    ),
                    resourceVersion: "1"
                )
        )
        #expect(!machine.isLeading)
        #expect(machine.writeSucceeded(Self.record(holder: nil, resourceVersion: "2"), now: .seconds(5)) == .finished)
        #expect(machine.isFinished)
        #expect(machine.tick(now: .seconds(6)) == .none)
    }

    @Test("Shutdown while not leading finishes without writing")
    func shutdownWhileFollowing() throws {
        var machine = try Self.machine()
        _ = machine.tick(now: .zero)
        _ = machine.leaseObserved(Self.record(holder: "b", resourceVersion: "1"), now: .zero, wallTime: Self.wall)
        #expect(machine.shutdownRequested(now: .seconds(1), wallTime: Self.wall) == .finished)
        #expect(machine.isFinished)
    }

    @Test(
        "The configuration is validated like client-go's",
        arguments: [
            ("a", 15, 10, 2, nil),
            ("", 15, 10, 2, LeaderElectionConfigurationError.emptyIdentity),
            ("a", 10, 10, 2, .leaseDurationNotAboveRenewDeadline),
            ("a", 15, 2, 2, .renewDeadlineNotAboveRetryPeriod),
            ("a", 15, 12, 10, .renewDeadlineNotAboveRetryPeriod),
            ("a", 15, 10, 0, .nonPositiveDuration),
        ] as [(String, Int, Int, Int, LeaderElectionConfigurationError?)]
    )
    func configurationValidation(
        identity: String,
        lease: Int,
        renew: Int,
        retry: Int,
        expected: LeaderElectionConfigurationError?
    ) {
        let result = Result { () throws(LeaderElectionConfigurationError) in
            try LeaderElectionStateMachine.Configuration(
                identity: identity,
                leaseDuration: .seconds(lease),
                renewDeadline: .seconds(renew),
                retryPeriod: .seconds(retry)
            )
        }
        switch result {
        case .success:
            #expect(expected == nil)
        case .failure(let error):
            #expect(error == expected)
        }
    }
}
