/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held. Deadlines only
/// bound a wait for readiness: no test asserts how long anything takes.
func poll(
    timeout: Duration = .seconds(120),
    interval: Duration = .milliseconds(250),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Measures `body`, printing the time it took under `label` (for the reports, not for assertions).
func timed<T>(_ label: String, _ body: () async throws -> T) async rethrows -> T {
    let start = ContinuousClock.now
    defer { print("[timing] \(label): \(ContinuousClock.now - start)") }
    return try await body()
}
