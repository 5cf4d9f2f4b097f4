/// A running operator (controller manager and event recorder), killed by ``kill()``.
public struct OperatorInstance: Sendable {
    /// The `User-Agent` (and leader-election identity) of its client.
    public let userAgent: String
    let tasks: [Task<Void, any Error>]

    /// Stops the operator the hard way — its tasks cancelled at whatever step they were, no graceful release of
    /// its Lease — and waits until they are gone.
    public func kill() async {
        for task in tasks { task.cancel() }
        for task in tasks { _ = await task.result }
    }
}
