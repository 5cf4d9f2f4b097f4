import Foundation

/// A finished child process: its exit status and everything it wrote.
struct ProcessRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `process` (configured but not started) to completion, writing `stdin` to it first.
    ///
    /// Both pipes are drained on GCD threads while the process runs, so a chatty child never blocks on a full pipe
    /// and no cooperative thread waits on a read.
    static func run(_ process: Process, stdin: String? = nil) async throws -> ProcessRun {
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        async let out = readAll(output.fileHandleForReading)
        async let err = readAll(errors.fileHandleForReading)
        let (stdout, stderr) = await (out, err)
        process.waitUntilExit()
        return ProcessRun(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    private static func readAll(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }
}
