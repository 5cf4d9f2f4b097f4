import AgriPlatformPlugin
import ArgumentParser
import Foundation
import KubeClient
import Synchronization

/// `kubectl agri get [PLATFORM] [-n NS | -A] [-w] [-o wide|yaml|json]`.
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each service's release: strategy, phase, step, weight, revisions, migration, analysis.",
        discussion: """
            One row per service, then for each service with something to explain its message, failure and latest \
            analysis measurements. With --watch the view is drawn again whenever a release changes (on a terminal \
            the screen is redrawn, also every second; otherwise each view follows the previous one after a blank \
            line).

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
                if watch, isatty(STDOUT_FILENO) == 1 {
                    try await Self.redrawOnTerminal(reader, platform: platform, namespace: namespace, format: format)
                } else if watch {
                    var first = true
                    try await reader.watch(platform: platform, namespace: namespace) { rollouts in
                        if !first { print(format == .yaml ? "---" : "") }
                        first = false
                        print(try Self.render(rollouts, format: format, namespace: namespace), terminator: "")
                        fflush(nil)
                    }
                } else {
                    let rollouts = try await reader.rollouts(platform: platform, namespace: namespace)
                    if rollouts.isEmpty, format == .table || format == .wide {
                        printError(namespace.map { "No resources found in \($0) namespace." } ?? "No resources found")
                        return
                    }
                    print(try Self.render(rollouts, format: format, namespace: namespace), terminator: "")
                }
            }
        }
    }

    /// Clears the terminal and draws the view on every change, and every second in between so ages stay current.
    private static func redrawOnTerminal(
        _ reader: RolloutReader,
        platform: String?,
        namespace: String?,
        format: OutputFormat
    ) async throws {
        let screen = Screen()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await reader.watch(platform: platform, namespace: namespace) { rollouts in
                    try screen.draw(rollouts) { try render($0, format: format, namespace: namespace) }
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(1))
                    try screen.redraw { try render($0, format: format, namespace: namespace) }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private static func render(_ rollouts: [ServiceRollout], format: OutputFormat, namespace: String?) throws -> String
    {
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

/// The rows last drawn on the terminal; the lock keeps a change and the ticking redraw from interleaving output.
private final class Screen: Sendable {
    private let rows = Mutex<[ServiceRollout]?>(nil)

    /// Remembers `rollouts` and draws them.
    func draw(_ rollouts: [ServiceRollout], render: ([ServiceRollout]) throws -> String) throws {
        try rows.withLock { rows in
            rows = rollouts
            try Self.show(render(rollouts))
        }
    }

    /// Draws the remembered rows again, if any were drawn.
    func redraw(render: ([ServiceRollout]) throws -> String) throws {
        try rows.withLock { rows in
            guard let rows else { return }
            try Self.show(render(rows))
        }
    }

    private static func show(_ text: String) throws {
        print("\u{1B}[H\u{1B}[2J" + text, terminator: "")
        fflush(nil)
    }
}
