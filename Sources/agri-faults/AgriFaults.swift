import AgriFaultSuite
import ArgumentParser
import Foundation
import Logging

/// `agri-faults`: runs the fault suite against in-process API servers and prints the summary table; exits 1 when a
/// row is not fully green.
@main
struct AgriFaults: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agri-faults",
        abstract: "Run the operator's fault suite (docs/reliability.md#faults) and print a summary table."
    )

    /// The suite's sizes, as the command line spells them.
    enum Size: String, ExpressibleByArgument, CaseIterable {
        case ci, full
    }

    @Option(help: "ci (a few minutes) or full (every kill point, more runs).")
    var size: Size = .ci

    @Option(help: "Run only the scenarios whose name contains this (including those not in the default set).")
    var filter: String?

    @Option(help: "Chooses the CI kill points.")
    var seed: UInt64 = 0

    @Flag(help: "List the scenarios (matching --filter, else the default set) and exit.")
    var list = false

    @Option(help: "The least severe log line the runtime prints (trace, debug, info, notice, warning, error).")
    var logLevel: String = "warning"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        // Leader elections and restarts are the suite's business: their info lines would bury the table.
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        if list {
            for name in FaultSuite.scenarioNames(matching: filter) { print(name) }
            return
        }
        let rows = await FaultSuite.run(size: size == .ci ? .ci : .full, filter: filter, seed: seed) { line in
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        print(SummaryTable.render(rows))
        if rows.isEmpty || !rows.allSatisfy(\.isGreen) { throw ExitCode(1) }
    }
}
