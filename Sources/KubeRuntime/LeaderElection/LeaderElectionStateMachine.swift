public import Foundation
import KubeCore

/// The decisions of leader election on a Lease, as a pure value: one `mutating func` per input, each returning the
/// ``Action`` its owner (``LeaderElector``) must execute. Semantics are those of client-go's `leaderelection`
/// package (`tryAcquireOrRenew`, `renew`, `ReleaseOnCancel`).
///
/// ## Clock-skew safety
///
/// Expiry is never judged by comparing the remote `renewTime` to our wall clock. The machine remembers the record
/// it observed last and the local *monotonic* time at which it last saw that record **change** (client-go's
/// `observedRecord` / `observedTime`). Another holder's lease counts as expired only when it has stayed unchanged for
/// `leaseDurationSeconds` of our own monotonic time.
///
/// ## Never two active leaders
///
/// A leader counts its lease from the moment its last renewal *succeeded*; every other candidate counts from a
/// later moment (when it observed that renewal). The leader stops leading (``Action/stoppedLeading``) once
/// ``Configuration/renewDeadline`` has passed without a successful renewal, which is strictly before
/// ``Configuration/leaseDuration`` — before anyone else may take over. The owner must therefore wake up by the
/// deadline (``Action/sleep(_:)`` never sleeps past it) and give up on requests that run past it.
///
/// ## Loop
///
/// ```
///   tick ──▶ readLease ──▶ leaseObserved ──▶ create / update ──▶ writeSucceeded ──▶ (startedLeading) ──▶ sleep(retry)
///                               │                    └──────────▶ writeFailed(conflict) ──▶ readLease
///                               └── held by another, not expired ──▶ sleep(retry)
/// ```
///
/// After ``Action/startedLeading`` or ``Action/stoppedLeading`` the owner reports them and calls ``tick(now:)``
/// again. Time comes in as a `Duration` since an arbitrary monotonic origin (`now`) plus, for records the machine
/// writes, the wall-clock `wallTime` stamped into `acquireTime`/`renewTime`.
public struct LeaderElectionStateMachine: Sendable {
    /// Timing and identity; the defaults are client-go's and controller-runtime's (15 s, 10 s, 2 s).
    public struct Configuration: Sendable, Hashable {
        /// This candidate's identity, written to `holderIdentity`.
        public var identity: String
        /// How long a non-leader waits, after last seeing the lease change, before taking it over.
        public var leaseDuration: Duration
        /// How long the leader keeps leading without a successful renewal.
        public var renewDeadline: Duration
        /// The interval between attempts to acquire or renew.
        public var retryPeriod: Duration

        /// Validates and creates a configuration.
        ///
        /// - Throws: ``LeaderElectionConfigurationError`` unless
        ///   `leaseDuration > renewDeadline > 1.2 × retryPeriod > 0` and `identity` is not empty.
        public init(
            identity: String,
            leaseDuration: Duration = .seconds(15),
            renewDeadline: Duration = .seconds(10),
            retryPeriod: Duration = .seconds(2)
        ) throws(LeaderElectionConfigurationError) {
            guard !identity.isEmpty else { throw .emptyIdentity }
            guard leaseDuration > .zero, renewDeadline > .zero, retryPeriod > .zero else {
                throw .nonPositiveDuration
            }
            guard leaseDuration > renewDeadline else { throw .leaseDurationNotAboveRenewDeadline }
            guard renewDeadline > retryPeriod * 1.2 else { throw .renewDeadlineNotAboveRetryPeriod }
            self.identity = identity
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
        }

        /// `leaseDuration` in whole seconds (at least 1), as written to `leaseDurationSeconds`.
        var leaseDurationSeconds: Int32 {
            Int32(max(1, leaseDuration.components.seconds + (leaseDuration.components.attoseconds > 0 ? 1 : 0)))
        }
    }

    /// What the owner must do next.
    public enum Action: Sendable, Hashable {
        /// Read the Lease and report ``leaseObserved(_:now:wallTime:)`` (`nil` when it does not exist) or
        /// ``readFailed(now:)``.
        case readLease
        /// Create the Lease with this record; report ``writeSucceeded(_:now:)`` or ``writeFailed(conflict:now:)``
        /// (`alreadyExists` counts as a conflict).
        case create(LeaseRecord)
        /// Replace the Lease's spec with this record, conditional on `resourceVersion`; report the outcome.
        case update(LeaseRecord, resourceVersion: String?)
        /// Leadership was gained: start the leader's work, then call ``tick(now:)``.
        case startedLeading
        /// Leadership was lost: stop the leader's work at once, then call ``tick(now:)``.
        case stoppedLeading
        /// Shutdown while leading: stop the leader's work *first*, then write this record (holder cleared, lease
        /// duration 1 s) conditional on `resourceVersion`, then report the outcome; the machine then finishes.
        case release(LeaseRecord, resourceVersion: String?)
        /// Sleep this long (or until shutdown), then call ``tick(now:)``.
        case sleep(Duration)
        /// Nothing more to do: the loop ends.
        case finished
        /// The input did not fit the current state and is ignored.
        case none
    }

    private enum State: Sendable, Hashable {
        case waiting(until: Duration)
        case reading
        case writing(LeaseRecord)
        case releasing
        case finished
    }

    /// The configuration.
    public let configuration: Configuration
    private var state: State = .waiting(until: .zero)
    private var observedRecord: LeaseRecord?
    private var observedTime: Duration = .zero
    private var lastRenewal: Duration?
    /// Whether this candidate currently leads (after ``Action/startedLeading``, until ``Action/stoppedLeading`` or
    /// ``Action/release(_:resourceVersion:)``).
    public private(set) var isLeading = false

    /// Creates a machine that reads the lease on the first ``tick(now:)``.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Whether the loop has ended.
    public var isFinished: Bool { state == .finished }

    /// Time passed (the owner's sleep ended, or it reports after a leadership change).
    public mutating func tick(now: Duration) -> Action {
        if let lost = checkRenewDeadline(now: now) { return lost }
        guard case .waiting(let until) = state else { return .none }
        if now >= until {
            state = .reading
            return .readLease
        }
        return .sleep(sleepDuration(until: until, now: now))
    }

    /// The Lease was read; `record` is `nil` when it does not exist.
    public mutating func leaseObserved(_ record: LeaseRecord?, now: Duration, wallTime: Date) -> Action {
        guard state == .reading else { return .none }
        if let lost = checkRenewDeadline(now: now) { return lost }
        guard let record else {
            let fresh = LeaseRecord(
                holderIdentity: configuration.identity,
                leaseDurationSeconds: configuration.leaseDurationSeconds,
                acquireTime: MicroTime(wallTime),
                renewTime: MicroTime(wallTime),
                leaseTransitions: 0
            )
            state = .writing(fresh)
            return .create(fresh)
        }
        if observedRecord?.content != record.content {
            observedTime = now
        }
        observedRecord = record
        let holder = record.holderIdentity ?? ""
        let heldByUs = holder == configuration.identity
        if !holder.isEmpty, !heldByUs, now < observedTime + leaseDuration(of: record) {
            // Another holder renewed within its lease duration (by our clock): not ours to take.
            if isLeading {
                isLeading = false
                lastRenewal = nil
                state = .waiting(until: now + configuration.retryPeriod)
                return .stoppedLeading
            }
            return wait(now: now)
        }
        var next = record
        next.resourceVersion = nil
        next.holderIdentity = configuration.identity
        next.leaseDurationSeconds = configuration.leaseDurationSeconds
        next.renewTime = MicroTime(wallTime)
        if !heldByUs {
            next.acquireTime = MicroTime(wallTime)
            next.leaseTransitions = record.leaseTransitions + 1
        }
        state = .writing(next)
        return .update(next, resourceVersion: record.resourceVersion)
    }

    /// Reading the Lease failed (other than not found).
    public mutating func readFailed(now: Duration) -> Action {
        guard state == .reading else { return .none }
        if let lost = checkRenewDeadline(now: now) { return lost }
        return wait(now: now)
    }

    /// The create, update or release was stored; `stored` is the record as the server returned it.
    public mutating func writeSucceeded(_ stored: LeaseRecord, now: Duration) -> Action {
        switch state {
        case .releasing:
            state = .finished
            return .finished
        case .writing:
            observedRecord = stored
            observedTime = now
            if let lost = checkRenewDeadline(now: now) { return lost }
            lastRenewal = now
            state = .waiting(until: now + configuration.retryPeriod)
            if !isLeading {
                isLeading = true
                return .startedLeading
            }
            return .sleep(configuration.retryPeriod)
        default:
            return .none
        }
    }

    /// The create, update or release failed; `conflict` when the server answered 409 (a stale resourceVersion, or
    /// the Lease already exists), in which case the lease is read again at once.
    public mutating func writeFailed(conflict: Bool, now: Duration) -> Action {
        switch state {
        case .releasing:
            state = .finished
            return .finished
        case .writing:
            if let lost = checkRenewDeadline(now: now) { return lost }
            if conflict {
                state = .reading
                return .readLease
            }
            return wait(now: now)
        default:
            return .none
        }
    }

    /// The owner is shutting down. While leading, the lease is released (``Action/release(_:resourceVersion:)``)
    /// so that a successor can take over at once; otherwise the loop finishes.
    public mutating func shutdownRequested(now: Duration, wallTime: Date) -> Action {
        if state == .finished || state == .releasing { return .none }
        guard isLeading, let observed = observedRecord, observed.holderIdentity == configuration.identity else {
            isLeading = false
            state = .finished
            return .finished
        }
        isLeading = false
        lastRenewal = nil
        // client-go's release: empty holder, 1 s duration, transitions kept.
        let released = LeaseRecord(
            holderIdentity: nil,
            leaseDurationSeconds: 1,
            acquireTime: MicroTime(wallTime),
            renewTime: MicroTime(wallTime),
            leaseTransitions: observed.leaseTransitions
        )
        state = .releasing
        return .release(released, resourceVersion: observed.resourceVersion)
    }

    /// The monotonic time by which the owner must call ``tick(now:)`` (or report) at the latest while leading; `nil`
    /// when not leading. Requests still running at this time must be abandoned and reported as failures.
    public var renewDeadline: Duration? {
        guard isLeading, let lastRenewal else { return nil }
        return lastRenewal + configuration.renewDeadline
    }

    private func leaseDuration(of record: LeaseRecord) -> Duration {
        if let seconds = record.leaseDurationSeconds, seconds > 0 { return .seconds(seconds) }
        return configuration.leaseDuration
    }

    private mutating func wait(now: Duration) -> Action {
        let until = now + configuration.retryPeriod
        state = .waiting(until: until)
        return .sleep(sleepDuration(until: until, now: now))
    }

    private func sleepDuration(until: Duration, now: Duration) -> Duration {
        if let deadline = renewDeadline, deadline < until { return max(.zero, deadline - now) }
        return until - now
    }

    private mutating func checkRenewDeadline(now: Duration) -> Action? {
        guard let deadline = renewDeadline, now >= deadline else { return nil }
        isLeading = false
        lastRenewal = nil
        state = .waiting(until: now)
        return .stoppedLeading
    }
}
