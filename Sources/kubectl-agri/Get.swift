import AgriPlatformPlugin
import ArgumentParser
import Foundation
import KubeClient

/// `kubectl agri get [PLATFORM] [-n NS | -A] [-w] [-o wide|yaml|json]`.
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each service's release: strategy, phase, step, weight, revisions, migration, analysis.",
        discussion: """
            One row per service, then for each service with something to explain its message, failure and latest \
            analysis measurements. With --watch the view is drawn again whenever a release changes (the screen is \
            redrawn on a terminal; otherwise each view follows the previous one after a blank line).

            Examples:
              kubectl agri get
              kubectl agri get shop -w
              kubectl agri get -A -o wide
              kubectl agri get shop -o json
            """
    )

    @Argument(help: "One AgriPlatform; all in the namespace when omitted.")
    var platform: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List platforms in every namespace.")
    var allNamespaces = false

    @Flag(name: [.short, .long], help: "Keep watching and redraw on every change.")
    var watch = false

    @Option(name: [.short, .long], help: ArgumentHelp("wide, yaml or json.", valueName: "format"))
    var output: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if allNamespaces, platform != nil {
            throw ValidationError("a platform cannot be retrieved by name across all namespaces")
        }
    }

    func run() async throws {
        try await Failure.reporting {
            let format = try output.map { try OutputFormat(option: $0) } ?? .table
            let configuration = try connection.connection.configuration()
            let namespace = allNamespaces ? nil : configuration.namespace
            try await KubeClient.withClient(configuration: configuration) { client in
                let reader = RolloutReader(client: client)
                if watch {
                    let redraws = isatty(STDOUT_FILENO) == 1
                    var first = true
                    try await reader.watch(platform: platform, namespace: namespace) { rollouts in
                        let text = try render(rollouts, format: format, namespace: namespace)
                        if redraws {
                            print("\u{1B}[H\u{1B}[2J", terminator: "")
                        } else if !first {
                            print(format == .yaml ? "---" : "")
                        }
                        first = false
                        print(text, terminator: "")
                        fflush(nil)
                    }
                } else {
                    let rollouts = try await reader.rollouts(platform: platform, namespace: namespace)
                    if rollouts.isEmpty, format == .table || format == .wide {
                        printError(namespace.map { "No resources found in \($0) namespace." } ?? "No resources found")
                        return
                    }
                    print(try render(rollouts, format: format, namespace: namespace), terminator: "")
                }
            }
        }
    }

    private func render(_ rollouts: [ServiceRollout], format: OutputFormat, namespace: String?) throws -> String {
        switch format {
        case .table, .wide:
            if rollouts.isEmpty {
                return namespace.map { "No resources found in \($0) namespace.\n" } ?? "No resources found\n"
            }
            let table = RolloutTable(wide: format == .wide, showsNamespace: namespace == nil)
            return table.render(rollouts, now: Date())
        case .yaml, .json:
            return try RolloutDocument.render(rollouts, format: format)
        }
    }
}
