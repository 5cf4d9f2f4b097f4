/// A client configuration that cannot be loaded or used: a missing file, context, cluster or user, invalid
/// kubeconfig, unreadable certificate, or a credential that cannot be obtained. The message says what is missing.
///
/// Failures at request time (a token file that vanished, an exec plugin that failed) surface as a ``KubeError``
/// with code ``KubeError/Code/transport`` whose ``KubeError/underlying`` is this error.
public struct ConfigurationError: Error, CustomStringConvertible {
    /// What went wrong. Compare with `==`; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case fileNotFound, invalidKubeconfig, contextNotFound, clusterNotFound, userNotFound, invalidServer
            case invalidCertificate, notInCluster, noConfiguration, credentialsUnavailable, execPluginFailed
            case unsupported
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A file (kubeconfig, CA, certificate, key, token) does not exist or cannot be read.
        public static let fileNotFound = Code(.fileNotFound)
        /// The kubeconfig is not valid YAML of the expected shape.
        public static let invalidKubeconfig = Code(.invalidKubeconfig)
        /// No context was given and none is current, or the named context does not exist.
        public static let contextNotFound = Code(.contextNotFound)
        /// The context names a cluster the kubeconfig does not define.
        public static let clusterNotFound = Code(.clusterNotFound)
        /// The context names a user the kubeconfig does not define.
        public static let userNotFound = Code(.userNotFound)
        /// The cluster has no `server`, or it is not an `http(s)` URL.
        public static let invalidServer = Code(.invalidServer)
        /// A CA, client certificate or key is not valid PEM (or base64 of it).
        public static let invalidCertificate = Code(.invalidCertificate)
        /// In-cluster configuration was asked for outside a pod.
        public static let notInCluster = Code(.notInCluster)
        /// ``ClientConfiguration/infer(environment:homeDirectory:inCluster:context:)`` found neither a kubeconfig
        /// nor a pod environment.
        public static let noConfiguration = Code(.noConfiguration)
        /// A token file could not be read.
        public static let credentialsUnavailable = Code(.credentialsUnavailable)
        /// The exec credential plugin could not run, failed, or printed something unusable.
        public static let execPluginFailed = Code(.execPluginFailed)
        /// The configuration uses a feature this client does not implement (proxy URL, interactive plugin).
        public static let unsupported = Code(.unsupported)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// What is missing or wrong, naming the file, context, cluster or user.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `ConfigurationError.code: message`.
    public var description: String { "ConfigurationError.\(code): \(message)" }
}
