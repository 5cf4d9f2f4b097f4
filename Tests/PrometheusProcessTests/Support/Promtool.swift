import Foundation
import KubeCore

/// Runs the Debian package's `promtool` (or `AGRI_PROMTOOL`) on files written to a fresh temporary folder.
///
/// When the binary is missing the test fails with a message saying how to install it (`scripts/install-datastores`
/// installs the `prometheus` package, which ships promtool); it is never skipped.
enum Promtool {
    /// The environment variable naming another promtool binary.
    static let binaryVariable = "AGRI_PROMTOOL"
    /// The Debian package's binary.
    static let defaultBinary = "/usr/bin/promtool"

    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var output: String
    }

    /// The promtool to run, or an error saying how to install it.
    static func binary() throws -> String {
        let path = ProcessInfo.processInfo.environment[binaryVariable] ?? defaultBinary
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw PrometheusTestError(
                "no promtool at \(path): run scripts/install-datastores (Debian package prometheus) or set "
                    + "\(binaryVariable)"
            )
        }
        return path
    }

    /// Writes `files` (name → contents) to a temporary folder and runs `promtool <arguments>` there.
    static func run(_ arguments: [String], files: [String: String]) throws -> Result {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("agri-promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, contents) in files {
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// `value` as JSON text, which promtool reads as YAML.
    static func text(_ value: JSONValue) throws -> String {
        String(decoding: try value.serialized(), as: UTF8.self)
    }
}
