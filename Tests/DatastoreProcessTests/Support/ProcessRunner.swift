import Foundation
import Synchronization

/// Starts real processes for the integration tests: one-shot commands with their output captured, and long-running
/// servers that are stopped by ``ServerProcess/stop()`` or, at the latest, when the test process exits.
enum ProcessRunner {
    /// What a finished command printed (stdout and stderr interleaved) and its exit status.
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var output: String
        var succeeded: Bool { status == 0 }
        var description: String { "exit \(status): \(output)" }
    }

    /// Runs `arguments` (the first is the executable, looked up in `PATH`) to completion.
    ///
    /// - Parameters:
    ///   - environment: the whole environment of the process (nothing is inherited but what the caller passes).
    ///   - user: run as this system user (through `setpriv`, which keeps the environment), e.g. `postgres`.
    static func run(
        _ arguments: [String],
        environment: [String: String],
        user: String? = nil,
        workingDirectory: URL? = nil
    ) async throws -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = try makeProcess(arguments, environment: environment, user: user, log: log)
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let status = try await runToExit(process)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Outcome(status: status, output: output)
    }

    /// Starts a server that keeps running until ``ServerProcess/stop()``; its output goes to `log`.
    static func start(
        _ arguments: [String],
        environment: [String: String],
        user: String? = nil,
        log: URL
    ) throws -> ServerProcess {
        let process = try makeProcess(arguments, environment: environment, user: user, log: log)
        let server = ServerProcess(process: process, log: log)
        try withUnblockedSignals { try process.run() }
        LiveProcesses.shared.add(process.processIdentifier)
        return server
    }

    /// The absolute path of `name` in `path`, or `nil`.
    static func which(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func makeProcess(
        _ arguments: [String],
        environment: [String: String],
        user: String?,
        log: URL
    ) throws -> Process {
        guard let first = arguments.first else { throw ProcessTestError("empty command") }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = first.hasPrefix("/") ? first : which(first, path: path) else {
            throw ProcessTestError("\(first) not found in PATH \(path); run scripts/install-datastores")
        }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=\(user)", "--regid=\(user)", "--init-groups", "--", executable]
                + arguments.dropFirst()
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(arguments.dropFirst())
        }
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        return process
    }

    /// Runs `body` (which starts a process) with no signal blocked on this thread: a child inherits the
    /// spawning thread's signal mask, and the test runner's threads block SIGTERM and SIGINT, which would leave a
    /// server deaf to the signals that stop it gracefully.
    private static func withUnblockedSignals(_ body: () throws -> Void) rethrows {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try body()
    }

    private static func runToExit(_ process: Process) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try withUnblockedSignals { try process.run() }
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}

/// A running server process; ``stop()`` ends it (a signal, then SIGKILL after a grace period).
final class ServerProcess: Sendable {
    let process: Process
    let log: URL

    init(process: Process, log: URL) {
        self.process = process
        self.log = log
    }

    var isRunning: Bool { process.isRunning }

    /// Everything the server printed so far.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGINT is PostgreSQL's fast shutdown, SIGTERM Redis' save-and-exit) and waits up to
    /// `grace` for the process to end, then kills it.
    func stop(signal: Int32 = SIGTERM, grace: Duration = .seconds(20)) async {
        let pid = process.processIdentifier
        defer { LiveProcesses.shared.remove(pid) }
        guard process.isRunning else { return }
        kill(pid, signal)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Every server still running, killed when the test process exits (even after a failed expectation or a thrown
/// error that skipped a cleanup).
final class LiveProcesses: Sendable {
    static let shared = LiveProcesses()
    private let pids = Mutex<Set<Int32>>([])

    private init() {
        atexit {
            for pid in LiveProcesses.shared.pids.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
    }

    func add(_ pid: Int32) { pids.withLock { _ = $0.insert(pid) } }
    func remove(_ pid: Int32) { pids.withLock { _ = $0.remove(pid) } }
}

/// A failure of the test environment, with a message that says what to do.
struct ProcessTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
