import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `agri-operator run` process started by a test: its standard error read line by line (the JSON logs), its
/// operational endpoints found from the `serving operational endpoints` lines, and a SIGKILL if the test ends first.
final class RunningOperator {
    let process: Process
    private let output = OutputLines()
    private let exited: AsyncStream<Int32>

    /// Starts `agri-operator run ARGUMENTS` with `HOME` in a temporary directory and no `KUBECONFIG`, so that only
    /// the arguments and `environment` decide what it connects to.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try DevPlaygroundTests.executable())
        process.arguments = ["run"] + arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["KUBECONFIG", "WATCH_NAMESPACE", "POD_NAMESPACE", "POD_NAME"] { environment[key] = nil }
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let output = output
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                output.finish()
            } else {
                output.append(data)
            }
        }
        let (exited, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.exited = exited
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Every line written to standard error so far.
    var lines: [String] { output.lines }

    /// The lines that are JSON objects, decoded.
    var records: [[String: Any]] {
        lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The log records whose `msg` is `message`.
    func records(withMessage message: String) -> [[String: Any]] {
        records.filter { $0["msg"] as? String == message }
    }

    /// Sends `signal` and returns the exit status. The suite's time limit catches a process that never exits.
    func stop(with signal: Int32 = SIGTERM) async -> Int32? {
        kill(process.processIdentifier, signal)
        return await exitStatus()
    }

    /// Waits for the process to exit by itself.
    func exitStatus() async -> Int32? {
        for await status in exited { return status }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Polls until `condition` holds, the process exits, or `seconds` pass; returns whether it held.
    func poll(seconds: Int = 30, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            if !process.isRunning { return await condition() }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// The URL of the server serving `endpoints` (`health`, `metrics` or `health,metrics`), once it listens.
    func endpointURL(serving endpoints: String) async -> URL? {
        var found: URL?
        _ = await poll {
            let address =
                records(withMessage: "serving operational endpoints")
                .first { $0["endpoints"] as? String == endpoints }?["address"] as? String
            found = address.flatMap { URL(string: "http://\($0)") }
            return found != nil
        }
        return found
    }

    /// `GET url/path`: the status code and body, or `nil` when nothing answers.
    static func get(_ base: URL, _ path: String) async -> (status: Int, body: String)? {
        guard let url = URL(string: path, relativeTo: base) else { return nil }
        guard let (data, response) = try? await URLSession.shared.data(from: url),
            let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }
}

/// Lines read from a pipe by its readability handler, one call at a time; the lock makes that explicit and guards
/// reads from the test.
private final class OutputLines: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private var complete: [String] = []

    var lines: [String] { lock.withLock { complete } }

    func append(_ data: Data) {
        lock.withLock {
            pending.append(data)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                complete.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
    }

    func finish() {
        lock.withLock {
            if !pending.isEmpty { complete.append(String(decoding: pending, as: UTF8.self)) }
            pending.removeAll()
        }
    }
}
