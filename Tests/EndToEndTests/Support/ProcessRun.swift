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

    /// Reads until end of file. `readDataToEndOfFile()` traps on EINTR (Foundation uses `try!` inside), and the
    /// tests send signals to child processes, so this reads in chunks with the throwing API and retries an
    /// interrupted read.
    ///
    /// The blocking read runs on a thread of its own, not on a GCD queue: on Linux the Swift concurrency pool runs on
    /// libdispatch's worker threads, as many as cores, so reads blocked there (a `helm install` or `kubectl` waiting
    /// for the in-process API server) starved that very server until the children's 20-second timeouts.
    private static func readAll(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: readChunks(handle)) }.start()
        }
    }

    private static func readChunks(_ handle: FileHandle) -> Data {
        var data = Data()
        var interruptions = 0
        while true {
            do {
                guard let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty else { return data }
                data.append(chunk)
            } catch let error as NSError
                where (error.domain == NSPOSIXErrorDomain && error.code == Int(EINTR))
                || (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(EINTR)
            {
                interruptions += 1
                if interruptions > 1000 { return data }
            } catch {
                return data
            }
        }
    }
}
