public import AgriPlatformAPI
public import KubeCore

/// Turns an ``AgriPlatform`` into the Kubernetes objects its services need: a pure, deterministic function.
///
/// The renderer reads no clock, no randomness and no cluster; what it needs to know about the cluster comes in as
/// a ``RenderContext``. The same platform and context always give the same objects in the same order, so their
/// YAML is byte-identical (the golden tests hold it to that).
///
/// Per platform it renders:
/// - the ServiceAccount `<platform>` (unless `spec.serviceAccount.name` names an existing one), with
///   `automountServiceAccountToken: false` unless `automountToken` asks for the token;
/// - for each service a Deployment, a ClusterIP Service, and as configured a HorizontalPodAutoscaler,
///   VerticalPodAutoscaler, PodDisruptionBudget, Ingress, NetworkPolicy and migration Job — see `docs/rendering.md`
///   for what each field becomes;
/// - for each operated datastore its StatefulSet, headless and client Services, ConfigMap, PodDisruptionBudget,
///   NetworkPolicy, backup CronJob and volume, and the engine's own objects (see ``DatastoreRender`` and
///   `docs/datastores.md`). Its generated Secrets are not among them: see ``GeneratedSecrets``.
///
/// Every object has `apiVersion`, `kind`, `metadata.name`, `metadata.namespace` (the platform's, or `default` when
/// the platform has none, as for `agri-operator render -f`), the labels of ``PlatformLabels`` and, when the
/// platform has a `metadata.uid`, a controller owner reference to it. Without a UID (an offline render) there is no
/// owner reference rather than an invented one.
///
/// Objects come sorted by kind — ServiceAccount, Secret, ConfigMap, Role, RoleBinding, PersistentVolumeClaim, Service,
/// StatefulSet, Deployment, HorizontalPodAutoscaler, VerticalPodAutoscaler, PodDisruptionBudget, Ingress,
/// HTTPRoute, NetworkPolicy, Job, CronJob, PodMonitor, ServiceMonitor, PrometheusRule — then by name, the order in
/// which `kubectl apply` would create them without a dependency failing.
///
/// With ``RenderContext/prometheusOperatorAvailable`` it also renders the platform's monitoring: a PodMonitor per
/// service and per operated datastore, an exporter sidecar in PostgreSQL, MongoDB and Redis members, the
/// PrometheusRule `<platform>` with the default and the user's alerts, and the Grafana dashboard ConfigMap
/// `<platform>-grafana-dashboard` (see `docs/observability.md`).
public struct PlatformRenderer: Sendable {
    /// The observed facts the render depends on.
    public var context: RenderContext

    /// Creates a renderer for a cluster described by `context`.
    public init(context: RenderContext = RenderContext()) {
        self.context = context
    }

    /// The desired objects for `platform`.
    ///
    /// - Parameter platform: An AgriPlatform, ideally one that `validate()` accepts.
    /// - Returns: The objects, in a stable order.
    /// - Throws: ``RenderError`` for a spec that cannot be rendered (an unreadable CPU amount, a `uses` entry naming
    ///   no datastore, two objects that would share a name); never traps.
    public func render(_ platform: AgriPlatform) throws(RenderError) -> [DynamicObject] {
        try render(platform, releases: [:])
    }

    /// The desired objects for `platform` at the current moment of its services' releases.
    ///
    /// Each service renders as its ``ReleaseShape`` in `releases` (keyed by the service's name) describes, and as
    /// ``ReleaseShape/steady`` when it has none; names of no service are ignored. See ``ReleaseShape`` for what each
    /// field changes and `docs/rendering.md` ("During a release") for the objects.
    ///
    /// - Parameters:
    ///   - platform: An AgriPlatform, ideally one that `validate()` accepts.
    ///   - releases: The shape of each service whose release is in progress, by service name.
    /// - Returns: The objects, in a stable order.
    /// - Throws: ``RenderError`` as ``render(_:)`` does, and for a candidate name longer than 63 characters or
    ///   `trafficRouting: GatewayAPI` without `gatewayAPI`.
    public func render(
        _ platform: AgriPlatform,
        releases: [String: ReleaseShape]
    ) throws(RenderError) -> [DynamicObject] {
        let scope = try PlatformScope(platform: platform, context: context)
        var objects: [JSONValue] = []
        objects.reserveCapacity(platform.spec.services.count * 8 + 1)
        if platform.spec.serviceAccount?.name.flatMap({ $0.isEmpty ? nil : $0 }) == nil {
            objects.append(serviceAccount(scope))
        }
        for (index, service) in platform.spec.services.enumerated() {
            let shape = releases[service.name] ?? .steady
            objects += try ServiceRender(scope: scope, service: service, index: index).objects(shape: shape)
        }
        for (index, datastore) in (platform.spec.datastores ?? []).enumerated() {
            objects += try DatastoreRender.objects(scope: scope, datastore: datastore, index: index)
        }
        objects += ObservabilityRender.objects(scope: scope)
        return try Self.ordered(objects)
    }

    private func serviceAccount(_ scope: PlatformScope) -> JSONValue {
        let account = scope.platform.spec.serviceAccount
        var object = scope.object(
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: scope.metadata(
                name: scope.name,
                labels: scope.labels(name: scope.name, component: nil),
                annotations: account?.annotations ?? [:]
            ),
            spec: nil
        )
        object["automountServiceAccountToken"] = .bool(scope.automountServiceAccountToken)
        return object
    }

    /// The kinds in the order they are returned; other kinds follow, by name.
    static let kindOrder = [
        "ServiceAccount", "Secret", "ConfigMap", "Role", "RoleBinding", "PersistentVolumeClaim", "Service",
        "StatefulSet", "Deployment", "HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget",
        "Ingress", "HTTPRoute", "NetworkPolicy", "Job", "CronJob", "PodMonitor", "ServiceMonitor", "PrometheusRule",
    ]

    /// The position of each kind of ``kindOrder``.
    private static let kindRanks = Dictionary(
        kindOrder.enumerated().map { ($0.element, $0.offset) },
        uniquingKeysWith: { first, _ in first }
    )

    private static func ordered(_ objects: [JSONValue]) throws(RenderError) -> [DynamicObject] {
        // Sorts positions rather than the objects themselves, so no object is copied while sorting.
        let keys = objects.map { object in
            let kind = object["kind"]?.stringValue ?? ""
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            return (rank: kindRanks[kind] ?? kindOrder.count, kind: kind, name: name)
        }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        for (previous, next) in zip(order, order.dropFirst())
        where keys[previous].kind == keys[next].kind
            && keys[previous].name == keys[next].name
        {
            throw RenderError(
                path: "spec",
                message:
                    "two \(keys[next].kind) objects would be named \"\(keys[next].name)\"; rename a service or datastore"
            )
        }
        return order.map { DynamicObject(json: objects[$0]) }
    }
}
