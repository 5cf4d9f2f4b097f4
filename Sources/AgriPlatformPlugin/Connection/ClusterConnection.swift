public import Foundation
public import KubeClient

/// Which cluster and namespace `kubectl agri` talks to, chosen as kubectl chooses them.
///
/// `--kubeconfig FILE` wins; else the files in `KUBECONFIG` (merged); else `~/.kube/config`; else the pod's service
/// account. `--context` picks a context instead of `current-context`. The namespace is `-n`, else the context's,
/// else `default`.
///
/// kubectl hands a plugin every argument after the plugin's name and nothing else, so these flags must follow
/// `agri` (`kubectl agri get -n shop`); kubectl does not find plugins behind its own global flags.
public struct ClusterConnection: Sendable, Hashable {
    /// `--kubeconfig`.
    public var kubeconfig: String?
    /// `--context`.
    public var context: String?
    /// `-n/--namespace`.
    public var namespace: String?

    /// The `User-Agent` the plugin sends.
    public static let userAgent = "kubectl-agri/\(ClientConfiguration.clientVersion)"

    /// Creates a connection choice from the flags given.
    public init(kubeconfig: String? = nil, context: String? = nil, namespace: String? = nil) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.namespace = namespace
    }

    /// The client configuration: the kubeconfig (or in-cluster) settings, with ``namespace`` applied when given.
    ///
    /// - Parameter environment: The process environment (`KUBECONFIG`, `HOME`, in-cluster variables).
    /// - Throws: `ConfigurationError` naming the missing file, context, cluster or user.
    public func configuration(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClientConfiguration {
        var configuration: ClientConfiguration
        if let kubeconfig, !kubeconfig.isEmpty {
            configuration = try ClientConfiguration.fromKubeconfig(path: kubeconfig, context: context)
        } else {
            configuration = try ClientConfiguration.infer(environment: environment, context: context)
        }
        if let namespace, !namespace.isEmpty { configuration.namespace = namespace }
        configuration.userAgent = Self.userAgent
        return configuration
    }
}
