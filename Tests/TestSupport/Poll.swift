public import Testing

/// Polls `condition` every 20 ms until it holds; records an issue naming `what` after `timeout`.
///
/// For convergence against a real-clock server, where no injected clock can say when the state has arrived. The
/// timeout catches hangs; it is generous on purpose and never asserts speed.
public func poll(
    _ what: String,
    timeout: Duration = .seconds(30),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
}
