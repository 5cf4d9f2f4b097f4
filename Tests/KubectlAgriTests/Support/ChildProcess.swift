import Foundation
import Testing

/// A finished child process: its exit status and what it wrote.
struct ChildProcess: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `executable ARGUMENTS` with exactly `environment` to completion. Both pipes are drained on GCD threads
    /// while it runs, so a chatty child never blocks and no cooperative thread waits on a read.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Self {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        async let out = readAll(output.fileHandleForReading)
        async let err = readAll(errors.fileHandleForReading)
        let (stdout, stderr) = await (out, err)
        process.waitUntilExit()
        return ChildProcess(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    private static func readAll(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            // A thread of its own, not a GCD queue: see ProcessRun.readAll in EndToEndTests.
            Thread {
                var data = Data()
                while let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty { data.append(chunk) }
                continuation.resume(returning: data)
            }.start()
        }
    }
}

/// The executables the plugin tests run: real kubectl and the built kubectl-agri.
enum Executables {
    /// kubectl from `AGRI_KUBECTL` (set by scripts/test) or `.tools/bin/kubectl` of the package; the test fails,
    /// never skips, when neither exists.
    static func kubectl() throws -> String {
        if let path = ProcessInfo.processInfo.environment["AGRI_KUBECTL"],
            FileManager.default.isExecutableFile(atPath: path)
        {
            return path
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent(".tools/bin/kubectl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return try #require(
            nil as String?,
            "kubectl not found: run scripts/install-tools (scripts/test does) or set AGRI_KUBECTL"
        )
    }

    /// `kubectl-agri` built next to the test bundle (`swift build --build-tests` builds every product).
    static func plugin() throws -> String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("kubectl-agri").path,
            bundleDirectory.deletingLastPathComponent().appendingPathComponent("kubectl-agri").path,
        ]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "kubectl-agri not built next to the tests (looked at \(candidates)); run swift build --build-tests"
        )
    }
}
