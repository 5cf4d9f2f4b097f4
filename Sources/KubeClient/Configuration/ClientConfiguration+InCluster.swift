public import Foundation

/// Where a pod finds its service account credentials; injectable so tests can point at temporary files.
///
/// See <https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/>.
public struct InClusterPaths: Sendable, Hashable {
    /// The projected service account token, rotated by the kubelet.
    public var token: String
    /// The cluster CA bundle.
    public var certificateAuthority: String
    /// The pod's namespace.
    public var namespace: String

    /// The standard paths under `/var/run/secrets/kubernetes.io/serviceaccount/`, or under `directory`.
    ///
    /// - Parameter directory: The service account directory.
    public init(directory: String = "/var/run/secrets/kubernetes.io/serviceaccount") {
        self.token = directory + "/token"
        self.certificateAuthority = directory + "/ca.crt"
        self.namespace = directory + "/namespace"
    }
}

extension ClientConfiguration {
    /// The configuration of a pod: the server from `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT`, the service
    /// account CA, its token (re-read every minute, as it rotates) and its namespace, as client-go's
    /// `rest.InClusterConfig` builds it.
    ///
    /// See <https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/#directly-accessing-the-rest-api>.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - paths: The service account files.
    /// - Throws: ``ConfigurationError/Code/notInCluster`` when the variables or the token are missing,
    ///   ``ConfigurationError/Code/fileNotFound`` when the CA cannot be read.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        paths: InClusterPaths = InClusterPaths()
    ) throws -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ConfigurationError(
                .notInCluster,
                "not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set"
            )
        }
        guard FileManager.default.isReadableFile(atPath: paths.token) else {
            throw ConfigurationError(.notInCluster, "service account token \(paths.token) is missing or unreadable")
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else {
            throw ConfigurationError(.invalidServer, "https://\(hostPart):\(port) is not a valid URL")
        }
        let namespace =
            (try? String(contentsOfFile: paths.namespace, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var configuration = ClientConfiguration(
            server: server,
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        )
        configuration.certificateAuthorityPEM = try pem(
            data: nil,
            file: paths.certificateAuthority,
            what: "in-cluster certificate authority"
        )
        configuration.authentication = .tokenFile(paths.token)
        return configuration
    }
}
