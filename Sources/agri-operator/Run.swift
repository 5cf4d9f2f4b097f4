import ArgumentParser
import Foundation

/// `agri-operator run`: the operator process that reconciles AgriPlatforms.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the operator: watch AgriPlatforms and reconcile them until SIGTERM or SIGINT.",
        discussion: """
            Connects to the cluster (--kubeconfig, $KUBECONFIG, ~/.kube/config or the pod's service account), \
            checks that the AgriPlatform CRD is installed, and runs the controller, the Event recorder, optional \
            leader election and the /healthz, /readyz and /metrics endpoints until SIGTERM or SIGINT. Then it stops \
            taking work, lets the reconciles in flight finish, releases the Lease and exits 0.

            Environment: KUBECONFIG, WATCH_NAMESPACE (as --namespace), POD_NAMESPACE (the Lease's namespace), \
            POD_NAME (the identity, else the host name; a random suffix is added).

            Exit status: 0 after a graceful shutdown, 1 when it cannot start (no configuration, the API server \
            unreachable, the CRD not installed, a port in use) or fails while running, 64 for a bad flag.

            Examples:
              agri-operator run --kubeconfig ~/.kube/config --log-format text
              agri-operator run --leader-elect --leader-election-namespace agri-system
              agri-operator run --namespace farmers --metrics-bind-address 0
            See docs/operations.md.
            """
    )

    @OptionGroup var options: RunOptions

    func validate() throws {
        _ = try resolve()
    }

    func run() async throws {
        let settings = try resolve()
        do {
            try await OperatorProcess(settings: settings).run()
        } catch {
            printError("agri-operator run: \(error)")
            throw ExitCode(1)
        }
    }

    private func resolve() throws -> OperatorSettings {
        try options.resolve(
            environment: ProcessInfo.processInfo.environment,
            hostName: ProcessInfo.processInfo.hostName,
            inClusterNamespace: try? String(contentsOfFile: RunOptions.serviceAccountNamespaceFile, encoding: .utf8),
            identitySuffix: String(UUID().uuidString.prefix(8)).lowercased()
        )
    }
}
