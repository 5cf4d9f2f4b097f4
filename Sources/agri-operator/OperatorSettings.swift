import AgriPlatformReconciler
import Logging

/// Everything `agri-operator run` needs, resolved from flags and the environment by
/// ``RunOptions/resolve(environment:hostName:inClusterNamespace:identitySuffix:)``: a value with no I/O, so the
/// process only executes it.
struct OperatorSettings: Sendable {
    /// Where the API server configuration comes from.
    enum ClientSource: Sendable, Hashable {
        /// This kubeconfig file (`--kubeconfig`), with an optional context.
        case kubeconfig(path: String, context: String?)
        /// `$KUBECONFIG`, else `~/.kube/config`, else the pod's service account (kube-rs `Config::infer`).
        case inferred(context: String?)
    }

    /// The Lease the replicas compete for.
    struct LeaderElection: Sendable, Hashable {
        /// The Lease's name (`--leader-election-id`).
        var leaseName: String
        /// The Lease's namespace.
        var leaseNamespace: String
    }

    /// How log lines are written.
    enum LogFormat: String, Sendable, CaseIterable {
        /// One JSON object per line (controller-runtime's production zap encoder).
        case json
        /// swift-log's `StreamLogHandler` text, for a terminal.
        case text
    }

    /// What the operational endpoints listen on: one server for both, two, one, or none.
    struct OperationalListeners: Sendable, Hashable {
        /// The `/metrics` address; `nil` when disabled.
        var metrics: BindAddress?
        /// The `/healthz` and `/readyz` address; `nil` when disabled.
        var healthProbes: BindAddress?

        /// Whether one server serves both (the addresses are equal and not a random port).
        var isShared: Bool {
            guard let metrics, let healthProbes else { return false }
            return metrics == healthProbes && metrics.port != 0
        }
    }

    var clientSource: ClientSource
    var reconciler: AgriPlatformReconciler.Configuration
    var leaderElection: LeaderElection?
    /// This replica's name: in the Lease's `holderIdentity` and the Events' `reportingInstance`.
    var identity: String
    var listeners: OperationalListeners
    var logFormat: LogFormat
    var logLevel: Logger.Level
    /// Whether the client multiplexes over HTTP/2 (`--http2`) rather than one HTTP/1.1 connection per request.
    var prefersHTTP2 = false
}
