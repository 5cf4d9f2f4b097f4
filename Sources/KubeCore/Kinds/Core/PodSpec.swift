/// The desired state of a pod: containers, volumes and scheduling (core/v1 `PodSpec`).
///
/// Rarely set deep structures (`ephemeralContainers`, `hostAliases`, `dnsConfig`, `resourceClaims`, `resources`,
/// `schedulingGates`) are kept as untyped ``JSONValue``.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec>.
public struct PodSpec: Codable, Sendable, Hashable {
    public var volumes: [Volume]?
    /// Containers run to completion, in order, before `containers` start (or sidecars, with `restartPolicy: Always`).
    public var initContainers: [Container]?
    public var containers: [Container]
    /// Debugging containers added through the `ephemeralcontainers` subresource, kept untyped.
    public var ephemeralContainers: JSONValue?
    /// `Always` (default), `OnFailure` or `Never`.
    public var restartPolicy: String?
    /// Seconds between SIGTERM and SIGKILL on deletion; defaults to 30.
    public var terminationGracePeriodSeconds: Int64?
    /// Seconds the pod may be active before the kubelet fails it.
    public var activeDeadlineSeconds: Int64?
    /// `ClusterFirst` (default), `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: String?
    /// Node labels the pod's node must carry.
    public var nodeSelector: [String: String]?
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`, still filled in by the server.
    public var serviceAccount: String?
    public var automountServiceAccountToken: Bool?
    /// The node the pod is bound to; set by the scheduler.
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var shareProcessNamespace: Bool?
    public var securityContext: PodSecurityContext?
    public var imagePullSecrets: [LocalObjectReference]?
    public var hostname: String?
    public var subdomain: String?
    public var affinity: Affinity?
    public var schedulerName: String?
    public var tolerations: [Toleration]?
    /// Extra `/etc/hosts` entries, kept untyped (`[HostAlias]`).
    public var hostAliases: JSONValue?
    public var priorityClassName: String?
    /// The resolved priority of `priorityClassName`; set by the admission controller.
    public var priority: Int32?
    /// Custom DNS settings, kept untyped (`PodDNSConfig`).
    public var dnsConfig: JSONValue?
    /// Extra conditions that must be `True` for the pod to be ready.
    public var readinessGates: [PodReadinessGate]?
    public var runtimeClassName: String?
    /// Whether Service environment variables are injected; defaults to `true`.
    public var enableServiceLinks: Bool?
    /// `PreemptLowerPriority` (default) or `Never`.
    public var preemptionPolicy: String?
    /// Resources the runtime consumes on top of the containers; set by the RuntimeClass admission controller.
    public var overhead: [String: Quantity]?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var setHostnameAsFQDN: Bool?
    /// The operating system of the containers, `{"name": "linux"}` or `{"name": "windows"}`.
    public var os: PodOS?
    public var hostUsers: Bool?
    /// Gates that hold the pod unscheduled until removed, kept untyped (`[PodSchedulingGate]`).
    public var schedulingGates: JSONValue?
    /// Dynamic resource claims of the pod, kept untyped (`[PodResourceClaim]`).
    public var resourceClaims: JSONValue?
    /// Pod-level resource requirements, kept untyped (`ResourceRequirements` at pod scope, beta).
    public var resources: JSONValue?

    public init(
        volumes: [Volume]? = nil,
        initContainers: [Container]? = nil,
        containers: [Container],
        ephemeralContainers: JSONValue? = nil,
        restartPolicy: String? = nil,
        terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil,
        dnsPolicy: String? = nil,
        nodeSelector: [String: String]? = nil,
        serviceAccountName: String? = nil,
        serviceAccount: String? = nil,
        automountServiceAccountToken: Bool? = nil,
        nodeName: String? = nil,
        hostNetwork: Bool? = nil,
        hostPID: Bool? = nil,
        hostIPC: Bool? = nil,
        shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil,
        subdomain: String? = nil,
        affinity: Affinity? = nil,
        schedulerName: String? = nil,
        tolerations: [Toleration]? = nil,
        hostAliases: JSONValue? = nil,
        priorityClassName: String? = nil,
        priority: Int32? = nil,
        dnsConfig: JSONValue? = nil,
        readinessGates: [PodReadinessGate]? = nil,
        runtimeClassName: String? = nil,
        enableServiceLinks: Bool? = nil,
        preemptionPolicy: String? = nil,
        overhead: [String: Quantity]? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        setHostnameAsFQDN: Bool? = nil,
        os: PodOS? = nil,
        hostUsers: Bool? = nil,
        schedulingGates: JSONValue? = nil,
        resourceClaims: JSONValue? = nil,
        resources: JSONValue? = nil
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.ephemeralContainers = ephemeralContainers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.hostAliases = hostAliases
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.dnsConfig = dnsConfig
        self.readinessGates = readinessGates
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.os = os
        self.hostUsers = hostUsers
        self.schedulingGates = schedulingGates
        self.resourceClaims = resourceClaims
        self.resources = resources
    }
}

/// A pod condition type that must be `True` for the pod to count as ready (core/v1 `PodReadinessGate`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate>.
public struct PodReadinessGate: Codable, Sendable, Hashable {
    public var conditionType: String

    public init(conditionType: String) {
        self.conditionType = conditionType
    }
}

/// The operating system a pod's containers need (core/v1 `PodOS`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling>.
public struct PodOS: Codable, Sendable, Hashable {
    /// `linux` or `windows`.
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
