import Foundation

/// This benchmark binary re-executed with other arguments, with pipes to its standard input and output, so that one
/// process can hold the API server and another only the client cache.
final class ChildProcess: @unchecked Sendable {
    // `process` and the pipes are set up once in `init`; `reader` is used only from `lock`-protected reads.
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()

    /// Starts `KubeBenchmarks <arguments>`, under `prefix` when given (a command line such as
    /// `heaptrack -o /tmp/operator.%p`, for profiling); its standard error goes to ours.
    init(arguments: [String], prefix: String? = nil) throws {
        let binary = CommandLine.arguments[0]
        let prefix = (prefix ?? "").split(separator: " ").map(String.init)
        if let tool = prefix.first {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + prefix.dropFirst() + [binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// Writes one line to the child's standard input.
    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The child's next line of output, read on a thread of its own so no Swift concurrency thread blocks on the
    /// pipe (on Linux the concurrency pool runs on libdispatch's workers, so `DispatchQueue.global()` would not do);
    /// `nil` at end of file.
    func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            Thread { [self] in continuation.resume(returning: blockingReadLine()) }.start()
        }
    }

    /// Sends `command` and decodes the child's answer line as JSON (a number is JSON too).
    func ask<Answer: Decodable>(_ command: String, as type: Answer.Type) async throws -> Answer {
        send(command)
        let line = await readLine() ?? ""
        do {
            return try JSONDecoder().decode(type, from: Data(line.utf8))
        } catch {
            throw ChildProcessError(description: "the child answered \(command) with \(line.debugDescription)")
        }
    }

    /// Waits for the child to exit and returns its status.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread { [self] in
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }

    private func blockingReadLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(chunk)
        }
    }
}

/// A child process answered something unexpected.
struct ChildProcessError: Error, CustomStringConvertible {
    var description: String
}

/// Lines read from our own standard input on a thread of its own (the child modes' commands).
enum StandardInput {
    static func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Swift.readLine()) }.start()
        }
    }
}
