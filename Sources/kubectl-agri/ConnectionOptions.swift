import AgriPlatformPlugin
import ArgumentParser

/// `--kubeconfig`, `--context` and `-n/--namespace`, as kubectl spells them.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context. Default: its current-context.", valueName: "name"))
    var context: String?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("The namespace. Default: the context's namespace, else default.", valueName: "name")
    )
    var namespace: String?

    var connection: ClusterConnection {
        ClusterConnection(kubeconfig: kubeconfig, context: context, namespace: namespace)
    }
}
