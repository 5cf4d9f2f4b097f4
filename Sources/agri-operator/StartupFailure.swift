import AgriPlatformAPI
import KubeClient
import KubeCore

/// Why `agri-operator run` could not start: one line for a human, printed to standard error before exiting 1.
struct StartupFailure: Error, CustomStringConvertible {
    /// The line, without the `agri-operator run:` prefix.
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// The path of the committed CRD, as the fix for a missing one names it.
    static let crdPath = "crds/agriplatform.io_agriplatforms.yaml"

    /// A failure to read the kubeconfig or the pod's service account.
    static func configuration(_ error: ConfigurationError) -> StartupFailure {
        StartupFailure("no usable Kubernetes configuration: \(error.message)")
    }

    /// The AgriPlatform CRD is not served by the cluster.
    static func crdMissing(server: String) -> StartupFailure {
        let resource = AgriPlatform.resource
        return StartupFailure(
            """
            the API server at \(server) does not serve \(resource.plural).\(resource.group)/\(resource.version): \
            install the CRD: kubectl apply --server-side -f \(crdPath) (or: agri-operator crd | kubectl apply \
            --server-side -f -)
            """
        )
    }

    /// A request made while starting failed.
    /// - Parameters:
    ///   - error: What the client threw.
    ///   - server: The API server's URL.
    ///   - doing: What was being done, e.g. `discover the API`.
    static func request(_ error: any Error, server: String, doing: String) -> StartupFailure {
        guard let error = error as? KubeError else {
            return StartupFailure("could not \(doing) at \(server): \(error)")
        }
        switch error.code {
        case .transport:
            return StartupFailure("cannot reach the Kubernetes API server at \(server): \(error.message)")
        case .unauthorized:
            return StartupFailure(
                """
                the API server at \(server) rejected the credentials (401 Unauthorized): check the kubeconfig's \
                user or the pod's service account token
                """
            )
        case .forbidden:
            return StartupFailure(
                """
                not allowed to \(doing) at \(server) (403 Forbidden: \(error.message)); grant the RBAC rules \
                listed in docs/operations.md
                """
            )
        default:
            return StartupFailure("could not \(doing) at \(server): \(error.message)")
        }
    }
}
