import Foundation
import Testing

/// Runs the real `kubectl` binary that `scripts/install-tools` installs, against a kubeconfig.
///
/// The binary comes from `AGRI_KUBECTL` (set by `scripts/test`) or `.tools/bin/kubectl` in the package. When neither
/// exists the test fails with a message saying how to install it: these tests never skip silently.
struct Kubectl {
    typealias Result = ProcessRun

    let executable: String
    let kubeconfig: String

    init(kubeconfig: String) throws {
        self.kubeconfig = kubeconfig
        self.executable = try #require(
            Self.locate(),
            "kubectl not found: run scripts/install-tools (scripts/test does) or set AGRI_KUBECTL"
        )
    }

    static func locate() -> String? {
        if let path = ProcessInfo.processInfo.environment["AGRI_KUBECTL"],
            FileManager.default.isExecutableFile(
                atPath: path
            )
        {
            return path
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent(".tools/bin/kubectl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Runs `kubectl ARGS` to completion with an optional standard input.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        try await ProcessRun.run(makeProcess(arguments), stdin: stdin)
    }

    /// Runs `kubectl ARGS`, and fails the test with kubectl's own output unless it exits 0.
    @discardableResult
    func succeed(
        _ arguments: [String],
        stdin: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await run(arguments, stdin: stdin)
        #expect(
            result.status == 0,
            "kubectl \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)\(result.stdout)",
            sourceLocation: sourceLocation
        )
        return result.stdout
    }

    /// Starts a long-running kubectl (e.g. `get -w`) whose output lines arrive on the returned stream.
    func stream(_ arguments: [String]) throws -> (process: Process, lines: AsyncStream<String>) {
        let process = makeProcess(arguments)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let buffer = LineBuffer()
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            for line in buffer.append(data) { continuation.yield(line) }
        }
        try process.run()
        return (process, lines)
    }

    private func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--kubeconfig", kubeconfig, "--request-timeout", "20s"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = nil
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        process.environment = environment
        return process
    }

}

/// Splits bytes into lines across read boundaries. Accessed only from one readability handler at a time; the lock
/// makes that explicit.
private final class LineBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()

    func append(_ data: Data) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        pending.append(data)
        var lines: [String] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
            pending.removeSubrange(pending.startIndex...newline)
        }
        return lines
    }
}
