/// One container of a pod (core/v1 `Container`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container>.
public struct Container: Codable, Sendable, Hashable {
    /// A DNS label unique within the pod.
    public var name: String
    /// The image reference, e.g. `ghcr.io/org/app:1.2.3` or a digest.
    public var image: String?
    /// The entrypoint array, replacing the image's `ENTRYPOINT`.
    public var command: [String]?
    /// Arguments to the entrypoint, replacing the image's `CMD`.
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    /// Sources that import many environment variables at once; `env` wins on conflicts.
    public var envFrom: [EnvFromSource]?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements?
    /// How in-place resource resizes apply per resource, kept untyped (`[ContainerResizePolicy]`).
    public var resizePolicy: JSONValue?
    /// `Always` on an init container makes it a sidecar that runs for the pod's lifetime.
    public var restartPolicy: String?
    public var volumeMounts: [VolumeMount]?
    /// Raw block devices, kept untyped (`[VolumeDevice]`).
    public var volumeDevices: JSONValue?
    /// Restarts the container when it fails.
    public var livenessProbe: Probe?
    /// Removes the pod from Service endpoints while it fails.
    public var readinessProbe: Probe?
    /// Holds off the other probes until it succeeds once.
    public var startupProbe: Probe?
    public var lifecycle: Lifecycle?
    public var terminationMessagePath: String?
    /// `File` (default) or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    public var securityContext: SecurityContext?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String,
        image: String? = nil,
        command: [String]? = nil,
        args: [String]? = nil,
        workingDir: String? = nil,
        ports: [ContainerPort]? = nil,
        envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil,
        resources: ResourceRequirements? = nil,
        resizePolicy: JSONValue? = nil,
        restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil,
        volumeDevices: JSONValue? = nil,
        livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil,
        terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil,
        imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil,
        stdin: Bool? = nil,
        stdinOnce: Bool? = nil,
        tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}
