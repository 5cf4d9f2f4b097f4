/// Monotonic time measured from a fixed origin on an injected clock.
///
/// Runtime components take `any Clock<Duration>` so that tests can drive time by hand. An existential clock cannot
/// compare its instants, so this wrapper opens it once and exposes time as a plain `Duration` since the moment the
/// wrapper was made; `Duration` values compare, add and subtract like the instants they stand for.
package struct ElapsedClock: Sendable {
    private let nowFunction: @Sendable () -> Duration
    private let sleepFunction: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`; `now` is zero at the moment of the call.
    package init(_ clock: any Clock<Duration>) {
        (nowFunction, sleepFunction) = Self.open(clock)
    }

    private static func open<C: Clock<Duration>>(
        _ clock: C
    ) -> (@Sendable () -> Duration, @Sendable (Duration) async throws -> Void) {
        let origin = clock.now
        return (
            { origin.duration(to: clock.now) },
            { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
        )
    }

    /// Time elapsed since the wrapper was made.
    package var now: Duration { nowFunction() }

    /// Suspends until `now` reaches `deadline`; throws `CancellationError` when the task is cancelled.
    package func sleep(until deadline: Duration) async throws {
        try await sleepFunction(deadline)
    }
}
