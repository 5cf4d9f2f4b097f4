import ArgumentParser
import Foundation
import KubeTestServer

/// `agri-operator dev`: the zero-cluster playground.
///
/// Starts the in-process API server on loopback, writes a kubeconfig for it, and runs until interrupted. Later issues
/// add the operator and an example AgriPlatform to it.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the zero-cluster playground: an in-process Kubernetes API server and a kubeconfig for kubectl."
    )

    @Option(help: "Where to write the kubeconfig and other playground files.")
    var directory: String = FileManager.default.temporaryDirectory.appendingPathComponent("agri-operator-dev").path

    @Option(help: "The loopback port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Stop by itself after this many seconds (for scripts and tests); 0 runs until Ctrl-C.")
    var seconds: Int = 0

    func run() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = KubeTestServer.Configuration()
        configuration.port = port
        let server = try await KubeTestServer.start(configuration)
        let kubeconfig = (directory as NSString).appendingPathComponent("kubeconfig")
        try server.writeKubeconfig(to: kubeconfig)
        print(
            """
            agri-operator dev: an in-process Kubernetes API server is listening on \(server.url)

              export KUBECONFIG=\(kubeconfig)
              kubectl get namespaces
              kubectl api-resources

            Not yet here: the operator itself and an example AgriPlatform (they arrive with the reconciler).
            Press Ctrl-C to stop.
            """
        )
        try await Self.waitForInterrupt(orSeconds: seconds)
        print("agri-operator dev: stopping")
        try await server.shutdown()
    }

    /// Waits for SIGINT or SIGTERM, or for `seconds` when it is positive.
    private static func waitForInterrupt(orSeconds seconds: Int) async throws {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        if seconds > 0 {
            let timer = Task {
                try? await Task.sleep(for: .seconds(seconds))
                continuation.finish()
            }
            defer { timer.cancel() }
            for await _ in signals { break }
        } else {
            for await _ in signals { break }
        }
    }
}
