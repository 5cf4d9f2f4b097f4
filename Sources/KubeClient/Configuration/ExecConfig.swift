/// A credential plugin: a command that prints an `ExecCredential` with a token or a client certificate
/// (`clientcmd/api/v1.ExecConfig`), such as `aws eks get-token` or `gke-gcloud-auth-plugin`.
///
/// The plugin runs without a terminal (an operator has none): `interactiveMode: Always` is refused, and the plugin
/// is told `interactive: false`.
///
/// See <https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins>.
public struct ExecConfig: Codable, Sendable, Hashable {
    /// An environment variable for the plugin.
    public struct EnvVar: Codable, Sendable, Hashable {
        /// The variable name.
        public var name: String
        /// The variable value.
        public var value: String
        /// Creates a variable.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Whether the plugin may use standard input.
    public enum InteractiveMode: String, Codable, Sendable, Hashable {
        /// Never give the plugin standard input.
        case never = "Never"
        /// Give it standard input if there is a terminal (there never is here).
        case ifAvailable = "IfAvailable"
        /// The plugin requires a terminal; this client refuses to run it.
        case always = "Always"
    }

    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    public var apiVersion: String
    /// The program; a relative path with a `/` is resolved against the kubeconfig's directory, a bare name is
    /// looked up in `PATH`.
    public var command: String
    /// Arguments.
    public var args: [String]?
    /// Extra environment variables, added to the operator's environment.
    public var env: [EnvVar]?
    /// Shown when the command cannot be found.
    public var installHint: String?
    /// Pass the cluster's server, CA and TLS settings in `KUBERNETES_EXEC_INFO`.
    public var provideClusterInfo: Bool?
    /// Required in `v1`; `IfAvailable` when absent in `v1beta1`.
    public var interactiveMode: InteractiveMode?

    /// Creates a plugin configuration.
    public init(
        apiVersion: String = "client.authentication.k8s.io/v1",
        command: String,
        args: [String]? = nil,
        env: [EnvVar]? = nil,
        installHint: String? = nil,
        provideClusterInfo: Bool? = nil,
        interactiveMode: InteractiveMode? = nil
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}
