import Testing

/// Polls `condition` every 20 ms until it holds; records an issue naming `what` after 20 seconds.
///
/// For convergence against a real-clock server, where no injected clock can say when the state has arrived.
func poll(_ what: String, _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(20)
    while clock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting until \(what)")
}
