import AgriPlatformPlugin
import ArgumentParser

/// `kubectl agri`: watch and steer AgriPlatform releases.
struct KubectlAgri: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl agri",
        abstract: "Watch and steer AgriPlatform releases: canary steps, blue-green promotion, analysis, rollback.",
        discussion: """
            A kubectl plugin: put kubectl-agri on PATH and run `kubectl agri ...`. The commands write the \
            annotation <service>.rollout.agriplatform.io/command on the AgriPlatform; the operator carries each \
            command out once and records it in status.services[].rollout.lastCommand.

            Connection flags follow the subcommand, as for every kubectl plugin:
              kubectl agri get -n shop
              kubectl agri promote shop api --wait
            """,
        subcommands: [Get.self, Promote.self, Abort.self, Retry.self, Pause.self, Resume.self, Undo.self]
    )
}

/// The entry point: a bare `--wait` becomes `--wait=60s` before parsing (an option with an optional value).
@main
enum KubectlAgriMain {
    static func main() async {
        await KubectlAgri.main(WaitOption.normalizing(Array(CommandLine.arguments.dropFirst())))
    }
}
