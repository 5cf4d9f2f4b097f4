public import KubeCore

/// One thing the operator asks the API server to do: verbs on resources of one API group, and why.
public struct OperatorPermission: Sendable, Hashable {
    /// Where the permission must be granted.
    public enum Scope: String, Sendable, Hashable {
        /// In every namespace the operator watches: a ClusterRole, or a Role in the one namespace of a
        /// single-namespace install (`--namespace` / `WATCH_NAMESPACE`).
        case watchedNamespaces
        /// In the namespace of the leader election Lease only (a Role there), and only with `--leader-elect`.
        case leaderElection
    }

    /// The API group (`""` for the core group).
    public var group: String
    /// Plural resource names, with `/subresource` where the request goes to a subresource.
    public var resources: [String]
    /// The RBAC verbs, in the order Kubernetes documents them.
    public var verbs: [String]
    /// Where the permission must be granted.
    public var scope: Scope
    /// Why the operator needs it, for the RBAC table in `docs/operations.md` and for reviewers of the chart.
    public var reason: String

    /// Creates a permission.
    public init(group: String, resources: [String], verbs: [String], scope: Scope = .watchedNamespaces, reason: String)
    {
        self.group = group
        self.resources = resources
        self.verbs = verbs
        self.scope = scope
        self.reason = reason
    }

    /// The RBAC rule that grants exactly this permission.
    public var policyRule: PolicyRule {
        PolicyRule(apiGroups: [group], resources: resources, verbs: verbs)
    }
}

/// Every request the operator makes, as RBAC permissions: the one source of the Helm chart's and `config/rbac`'s
/// roles.
///
/// The list is derived from the code, not written next to it: the owned kinds come from the kinds the reconciler
/// watches and applies (with every optional API present — VerticalPodAutoscaler, Gateway API HTTPRoute, the
/// Prometheus Operator's PodMonitor and PrometheusRule — since an install cannot know which will be served), and the
/// rest names the few other requests the operator makes, each with the code that makes it. Tests hold the chart, the
/// kustomize config and this list equal, and check against the test API server's request log that an operator
/// running real scenarios makes no request outside it.
///
/// Verbs follow what the API server authorizes, not what the HTTP method suggests: a server-side apply is a `patch`,
/// and one that creates the object is authorized as `create` too, so every applied kind needs both. Nothing needs
/// `update` (no PUT) or `get` (everything is read from watch caches), and AgriPlatforms themselves are never written
/// — only their `status` — which is what lets GitOps tools see no drift.
public enum OperatorPermissions {
    /// The verbs on every kind the reconciler renders: watched through a cache (`list`, `watch`), server-side
    /// applied (`create`, `patch`), and pruned when the spec drops it (`delete`).
    public static let ownedKindVerbs = ["list", "watch", "create", "patch", "delete"]

    /// Every permission the operator needs, grouped by API group in a stable order.
    public static var all: [OperatorPermission] {
        var permissions = [
            OperatorPermission(
                group: "agriplatform.io",
                resources: ["agriplatforms"],
                verbs: ["list", "watch"],
                reason: "the primary resource, read through a cache; the operator never writes its spec or metadata"
            ),
            OperatorPermission(
                group: "agriplatform.io",
                resources: ["agriplatforms/status"],
                verbs: ["patch"],
                reason: "phase, conditions, per-service and per-datastore status, release progress (server-side apply)"
            ),
        ]
        permissions += ownedKinds
        permissions += [
            OperatorPermission(
                group: "",
                resources: ["pods"],
                verbs: ["list", "watch"],
                reason: "releases judge a new revision by its pods (readiness, restarts, crash loops); cached slim"
            ),
            OperatorPermission(
                group: "apps",
                resources: ["replicasets"],
                verbs: ["list"],
                reason: "a rollback reads the previous revision's pod template from its ReplicaSet, as "
                    + "`kubectl rollout undo` does"
            ),
            OperatorPermission(
                group: "",
                resources: ["secrets"],
                verbs: ["list", "watch", "create"],
                reason: "keys (never values) of external datastores' Secrets; generated credentials created once"
            ),
            OperatorPermission(
                group: "",
                resources: ["endpoints"],
                verbs: ["get"],
                reason: "held so the operator may grant it: RabbitMQ's peer-discovery Role (RBAC escalation rule)"
            ),
            OperatorPermission(
                group: "",
                resources: ["events"],
                verbs: ["create"],
                reason: "held so the operator may grant it: RabbitMQ's peer-discovery Role (RBAC escalation rule)"
            ),
            OperatorPermission(
                group: "events.k8s.io",
                resources: ["events"],
                verbs: ["create", "patch"],
                reason: "Events on AgriPlatforms, and their series"
            ),
            OperatorPermission(
                group: "coordination.k8s.io",
                resources: ["leases"],
                verbs: ["get", "create", "update"],
                scope: .leaderElection,
                reason: "leader election (`--leader-elect`): one Lease, renewed with optimistic concurrency"
            ),
        ]
        return permissions
    }

    /// The permissions granted in every watched namespace (a ClusterRole's rules).
    public static var watchedNamespaceRules: [PolicyRule] {
        all.filter { $0.scope == .watchedNamespaces }.map(\.policyRule)
    }

    /// The permissions granted in the leader election Lease's namespace.
    public static var leaderElectionRules: [PolicyRule] {
        all.filter { $0.scope == .leaderElection }.map(\.policyRule)
    }

    /// The rendered kinds, one permission per API group, from the reconciler's own list of owned kinds.
    static var ownedKinds: [OperatorPermission] {
        let resources = OwnedKind.all(
            fieldManager: "agri-operator",
            verticalPodAutoscalerAvailable: true,
            httpRoutesAvailable: true,
            prometheusOperatorAvailable: true
        )
        .map(\.resource)
        var groups: [String] = []
        var plurals: [String: [String]] = [:]
        for resource in resources {
            if plurals[resource.group] == nil { groups.append(resource.group) }
            plurals[resource.group, default: []].append(resource.plural)
        }
        return groups.map { group in
            OperatorPermission(
                group: group,
                resources: plurals[group, default: []].sorted(),
                verbs: ownedKindVerbs,
                reason: "rendered from AgriPlatforms: server-side applied, watched (only objects labelled "
                    + "`app.kubernetes.io/managed-by: agri-operator`) and pruned"
            )
        }
    }
}

extension OperatorPermissions {
    /// The first line of every generated RBAC file.
    public static let header = """
        # Generated from OperatorPermissions (Sources/AgriPlatformReconciler/Permissions). Do not edit by hand:
        # run `AGRI_UPDATE_MANIFESTS=1 swift test --filter DeploymentManifestTests` and review the diff.
        """

    /// The ClusterRole that grants ``watchedNamespaceRules``, as `config/rbac/role.yaml` holds it.
    public static func clusterRole(name: String) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": ["name": .string(name)],
            "rules": rulesJSON(watchedNamespaceRules),
        ]
    }

    /// The Role that grants ``leaderElectionRules`` in the Lease's namespace.
    public static func leaderElectionRole(name: String) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": ["name": .string(name)],
            "rules": rulesJSON(leaderElectionRules),
        ]
    }

    /// `rules` as JSON, in the field order `kubectl` prints them.
    public static func rulesJSON(_ rules: [PolicyRule]) -> JSONValue {
        .array(
            rules.map { rule in
                [
                    "apiGroups": .array((rule.apiGroups ?? []).map(JSONValue.string)),
                    "resources": .array((rule.resources ?? []).map(JSONValue.string)),
                    "verbs": .array(rule.verbs.map(JSONValue.string)),
                ]
            }
        )
    }
}
