import KubeOperationalServer
import Logging
import ServiceLifecycle

/// An ``OperationalServer`` as the operator runs it: it logs the address it listens on (the real port when the flag
/// asked for port 0) and turns a failure to bind into a one-line ``StartupFailure``.
struct OperationalEndpoint: Service {
    let server: OperationalServer
    /// The address as the flag gave it, for messages.
    let address: BindAddress
    let logger: Logger

    /// The endpoints served, as `health,metrics`.
    private var endpointNames: String {
        server.configuration.endpoints.map(\.rawValue).sorted().joined(separator: ",")
    }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await server.run()
                } catch {
                    throw StartupFailure("cannot serve \(endpointNames) on \(address): \(error)")
                }
            }
            group.addTask {
                // Returns nil when the server stopped without listening; the first task reports why.
                guard let port = await server.waitUntilListening() else { return }
                let listening = BindAddress(host: address.host, port: port)
                logger.info(
                    "serving operational endpoints",
                    metadata: ["endpoints": "\(endpointNames)", "address": "\(listening)"]
                )
            }
            try await group.waitForAll()
        }
    }
}
