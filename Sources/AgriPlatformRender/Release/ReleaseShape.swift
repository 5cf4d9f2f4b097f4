/// How one service's workloads are rendered at this moment of its release: decided by the rollout state machine
/// (`AgriPlatformRollout`), rendered by ``PlatformRenderer``. ``steady`` is the render without a release in
/// progress.
///
/// | Strategy, moment | `appliesStable` | `candidate` | `activeRevision` | `canaryWeight` |
/// |---|---|---|---|---|
/// | any, steady | `true` | – | – | 0 |
/// | any, migration running or dependencies pending | `false` | – | – | 0 |
/// | Canary (replica ratio), at a weight | `false` | canary × n | – | weight |
/// | Canary (Ingress, Gateway API), at a weight | `false` | canary × n | stable | weight |
/// | Canary, promoted (stable moving to the new revision) | `true` | canary × n | – | 100 |
/// | BlueGreen, before promotion | `false` | preview × n | stable | 0 |
/// | BlueGreen, promoted, inside the scale-down delay | `false` | preview × n | new | 0 |
/// | BlueGreen, after the delay | `true` | preview × n | new | 0 |
///
/// The candidate Deployment is `<platform>-<service>-canary` or `-preview`: the spec's pod template with the
/// label `agriplatform.io/track: canary|preview` added to its selector and pods. Every service pod carries
/// `agriplatform.io/revision: <revision>`, which ``activeRevision`` selects on.
public struct ReleaseShape: Sendable, Hashable {
    /// Whether the stable Deployment `<platform>-<service>` gets the spec's pod template now. When `false` the
    /// Deployment keeps what it runs: the reconciler neither applies nor prunes it (it is rendered all the same,
    /// so its key stays desired).
    public var appliesStable: Bool
    /// The canary or preview Deployment of the new revision, when one runs.
    public var candidate: Candidate?
    /// Whether the spec revision's migration Job is rendered. A release that has not started (its dependencies
    /// are still releasing) does not start its migration either.
    public var runsMigration: Bool
    /// The revision whose pods the Service `<platform>-<service>` sends traffic to: blue-green's active revision,
    /// or the stable revision while an Ingress or Gateway API splits a canary's traffic. `nil` selects every pod of
    /// the service (Rolling, and a canary split by replica ratio).
    public var activeRevision: String?
    /// The share of traffic, 0–100, routed to the canary Service `<platform>-<service>-canary` when an Ingress
    /// (NGINX canary weight) or Gateway API (HTTPRoute backend weights) splits it; unused with replica ratio.
    public var canaryWeight: Int32

    /// A second Deployment of the new revision beside the stable one.
    public struct Candidate: Sendable, Hashable {
        /// `canary` or `preview`: its name suffix and track label.
        public var role: Role
        /// Its pod count.
        public var replicas: Int32

        /// Creates a candidate.
        public init(role: Role, replicas: Int32) {
            self.role = role
            self.replicas = replicas
        }
    }

    /// What a candidate Deployment is for.
    public enum Role: String, Sendable, Hashable {
        /// A canary: `<platform>-<service>-canary`, serving a share of traffic.
        case canary
        /// A blue-green preview: `<platform>-<service>-preview`, behind its own Service until promoted.
        case preview
    }

    /// Creates a shape.
    public init(
        appliesStable: Bool,
        candidate: Candidate? = nil,
        runsMigration: Bool = true,
        activeRevision: String? = nil,
        canaryWeight: Int32 = 0
    ) {
        self.appliesStable = appliesStable
        self.candidate = candidate
        self.runsMigration = runsMigration
        self.activeRevision = activeRevision
        self.canaryWeight = canaryWeight
    }

    /// No release in progress: the stable Deployment runs the spec, no candidate, every pod serves.
    public static let steady = Self(appliesStable: true)
}
