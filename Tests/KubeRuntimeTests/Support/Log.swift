import TestSupport

/// An ordered log of what happened, shared between test tasks.
final class Log: Sendable {
    private let lines = Locked<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var entries: [String] { lines.withLock { $0 } }
}
