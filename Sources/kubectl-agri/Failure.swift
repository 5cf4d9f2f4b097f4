import AgriPlatformPlugin
import ArgumentParser
import Foundation
import KubeClient

/// Turns errors into kubectl-style messages on standard error and exit status 1.
enum Failure {
    /// Runs `body`; a failure is printed (`error: ...`, `Error from server (NotFound): ...`) and becomes exit 1.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as PluginError {
            printError("error: \(error)")
            throw ExitCode(1)
        } catch let error as KubeError {
            printError(message(for: error))
            throw ExitCode(1)
        } catch let error as ConfigurationError {
            printError("error: \(error.message)")
            throw ExitCode(1)
        } catch is CancellationError {
            throw ExitCode(130)
        }
    }

    /// kubectl's wording: the server's reason and message, or why no answer came.
    static func message(for error: KubeError) -> String {
        if error.code == .transport {
            return "error: cannot reach the API server: \(error.message)"
        }
        if error.httpCode != nil {
            return "Error from server (\(error.reason ?? "\(error.code)")): \(error.message)"
        }
        return "error: \(error.message)"
    }
}

/// Prints a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
