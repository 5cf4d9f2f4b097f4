import AgriPlatformAPI
import AgriPlatformPlugin
import ArgumentParser
import KubeClient

/// The arguments every command verb takes: the platform, the service, and `--wait[=DURATION]`.
struct CommandArguments: ParsableArguments {
    @Argument(help: "The AgriPlatform.")
    var platform: String

    @Argument(help: "The service of the platform whose release the command is for.")
    var service: String

    @Option(
        help: ArgumentHelp(
            "Wait until the operator handled the command (a bare --wait waits 60s), e.g. --wait=2m.",
            valueName: "duration"
        )
    )
    var wait: String?

    @OptionGroup var connection: ConnectionOptions

    /// Writes `verb` (with `argument`) for the service and, with `--wait`, waits until it was handled.
    func send(_ verb: RolloutCommand.Verb, argument: String? = nil) async throws {
        try await Failure.reporting {
            let timeout = try wait.map { try WaitOption.parse($0) }
            let configuration = try connection.connection.configuration()
            let namespace = configuration.namespace
            try await KubeClient.withClient(configuration: configuration) { client in
                let sender = CommandSender(client: client)
                let command = RolloutCommand(verb: verb, argument: argument, id: CommandID.make())
                let receipt = try await sender.send(command, service: service, platform: platform, namespace: namespace)
                print("agriplatform.agriplatform.io/\(platform): \(service) \(receipt.value)")
                guard let timeout else { return }
                let status = try await sender.waitUntilHandled(receipt, timeout: timeout)
                let phase = status.rollout?.phase?.rawValue ?? "unknown phase"
                let message = status.rollout?.message.map { ": \($0)" } ?? ""
                print("handled: \(service) is \(phase)\(message)")
            }
        }
    }
}
