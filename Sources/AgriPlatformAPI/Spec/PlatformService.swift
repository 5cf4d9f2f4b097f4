/// One long-running, stateless service of the platform: what ECS calls a service with its task definition, and
/// App Runner a service.
///
/// Rendered into a Deployment, a Service, and — as configured — a HorizontalPodAutoscaler, VerticalPodAutoscaler,
/// PodDisruptionBudget, Ingress and NetworkPolicy, all owned by the AgriPlatform.
public struct PlatformService: Codable, Sendable, Hashable {
    /// A DNS-1035 label (lower-case letters, digits, `-`, at most 63 characters, starting with a letter); the
    /// Deployment and Service are named `<platform>-<name>`.
    public var name: String
    /// The container image, ideally pinned by tag or digest, e.g. `ghcr.io/kisanlink/farmers-module:1.4.2`.
    public var image: String
    /// `Always`, `IfNotPresent` (default) or `Never`.
    public var imagePullPolicy: String?
    /// Overrides the image's entrypoint (ECS `entryPoint`, App Runner start command).
    public var command: [String]?
    /// Overrides the image's arguments (ECS `command`).
    public var args: [String]?
    /// Ports the container listens on; the first is the primary port that health checks and the Ingress use.
    /// Defaults to a single port `http` 8080 (App Runner's default).
    public var ports: [ServicePortSpec]?
    /// Pod count when no ``autoscaling`` is set; defaults to 2 so one pod can be replaced while the other serves.
    public var replicas: Int32?
    /// CPU and memory per pod, in Kubernetes units (`500m`, `1Gi`) or the seeds' units (`0.5 vCPU`, `1 GB`).
    public var resources: ResourceSpec?
    /// Environment variables: literal values or single keys from Secrets and ConfigMaps.
    public var env: [EnvVariable]?
    /// Whole Secrets or ConfigMaps exposed as environment variables.
    public var envFrom: [EnvSource]?
    /// A load-balancer style health check, mapped to readiness, liveness and start-up probes.
    public var healthCheck: HealthCheck?
    /// Horizontal autoscaling; when set the Deployment carries no `replicas` field and the HPA owns its scale.
    public var autoscaling: Autoscaling?
    /// Vertical autoscaling through the VPA, rendered only where the VPA CRD is installed.
    public var verticalAutoscaling: VerticalAutoscaling?
    /// How many pods voluntary disruptions (node drains) may take down at once.
    public var disruptionBudget: DisruptionBudget?
    /// Exposure outside the cluster; absent means internal only (a ClusterIP Service).
    public var ingress: IngressSpec?
    /// Names of ``Datastore``s this service connects to: their connection settings are injected as environment
    /// variables, the service starts after them, and network policy lets it reach them.
    public var uses: [String]?
    /// Names of other services whose release must finish before this service's release starts: a backend finishes
    /// rolling out before its frontend begins. On the first deployment the service is also created only after
    /// them. No cycles.
    public var dependsOn: [String]?
    /// A Job run to completion before each new revision of the service starts (schema migrations).
    public var migration: MigrationJob?
    /// How a new revision replaces the running one.
    public var rollout: Rollout?
    /// Container security settings beyond the secure defaults.
    public var security: SecuritySettings?
    /// Seconds between SIGTERM and SIGKILL on shutdown; defaults to 30 (the ECS `stopTimeout` default).
    public var terminationGracePeriodSeconds: Int64?
    /// Extra labels on the pods (not on the selector).
    public var podLabels: [String: String]?
    /// Extra annotations on the pods, e.g. for a service mesh or log shipper.
    public var podAnnotations: [String: String]?
    /// Restricts pods to nodes with these labels, e.g. `kubernetes.io/arch: arm64` for Graviton.
    public var nodeSelector: [String: String]?
    /// This service's monitoring, over the platform's ``AgriPlatformSpec/observability``.
    public var observability: ServiceObservability?

    /// Creates a service running `image`; every other setting takes its default.
    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }
}

/// A port a service's container listens on.
public struct ServicePortSpec: Codable, Sendable, Hashable {
    /// An IANA_SVC_NAME (lower-case, at most 15 characters), e.g. `http` or `grpc`.
    public var name: String
    /// The container port, 1–65535.
    public var port: Int32
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The application protocol (`http`, `http2`, `grpc`), which meshes and Ingress controllers read; defaults to
    /// `http` for a port named `http`, `grpc` for one named `grpc`.
    public var appProtocol: String?

    /// Creates a TCP port.
    public init(name: String, port: Int32) {
        self.name = name
        self.port = port
    }
}
