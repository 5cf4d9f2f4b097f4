public import KubeCore

/// What the operator last observed about an ``AgriPlatform``. Written only by the operator, through the status
/// subresource.
public struct AgriPlatformStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status describes; older than the generation means "not looked at yet".
    public var observedGeneration: Int64?
    /// A one-word summary for `kubectl get agp`: see ``AgriPlatformPhase``.
    public var phase: AgriPlatformPhase?
    /// `Ready`, `Progressing`, `Degraded`, `DatastoresReady` and `InvalidSpec`, as metav1 conditions; see
    /// ``AgriPlatformConditionType``.
    public var conditions: [Condition]?
    /// Ready services out of all, e.g. `2/3`, for the printer column.
    public var readyServices: String?
    /// Ready datastores out of all, e.g. `1/1`, for the printer column.
    public var readyDatastores: String?
    /// One entry per service, in spec order.
    public var services: [ServiceStatus]?
    /// One entry per datastore, in spec order.
    public var datastores: [DatastoreStatus]?
    /// Whether the monitors, alert rules and dashboard are rendered, and why not.
    public var observability: ObservabilityStatus?

    /// Creates an empty status.
    public init() {}
}

/// The platform's phase. An open set: decoding keeps any value.
public struct AgriPlatformPhase: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Accepted, nothing observed yet.
    public static let pending = Self(rawValue: "Pending")
    /// Objects are being created or a release is under way.
    public static let progressing = Self(rawValue: "Progressing")
    /// Every service and datastore is ready at the desired revision.
    public static let ready = Self(rawValue: "Ready")
    /// Something that was ready is not, or a release failed and was rolled back.
    public static let degraded = Self(rawValue: "Degraded")
    /// The `agriplatform.io/paused` annotation stops every change to children; status is still reported.
    public static let paused = Self(rawValue: "Paused")
    /// The spec is invalid or the API server rejected an object; nothing more is changed until that is fixed.
    /// The `InvalidSpec` or `Degraded` condition and a Warning Event say what is wrong and what to do.
    public static let failed = Self(rawValue: "Failed")
}

/// The condition types an AgriPlatform reports.
public enum AgriPlatformConditionType {
    /// Every service and datastore is ready at the desired revision.
    public static let ready = "Ready"
    /// A change is being rolled out.
    public static let progressing = "Progressing"
    /// Something is not working as specified.
    public static let degraded = "Degraded"
    /// Every datastore is ready to accept connections.
    public static let datastoresReady = "DatastoresReady"
    /// The spec failed validation; the message lists every problem.
    public static let invalidSpec = "InvalidSpec"
    /// kstatus' "abnormal-true" condition for work under way: `True` exactly while the phase is `Pending`,
    /// `Progressing` or `Paused` (a release waits), so Flux's health checks and `kubectl wait` tools built on kstatus
    /// report the platform as in progress until it is `Ready`.
    public static let reconciling = "Reconciling"
    /// kstatus' "abnormal-true" condition for a platform that cannot progress without a person: `True` exactly while
    /// the phase is `Failed` (an invalid spec, or an object the API server refuses).
    public static let stalled = "Stalled"
}

/// One service's observed state.
public struct ServiceStatus: Codable, Sendable, Hashable {
    /// The service's name from the spec.
    public var name: String
    /// Pods desired now (the HPA's choice when autoscaling).
    public var replicas: Int32?
    /// Pods ready.
    public var readyReplicas: Int32?
    /// Pods running the desired revision.
    public var updatedReplicas: Int32?
    /// The image of the desired revision.
    public var image: String?
    /// The desired revision's pod-template hash.
    public var revision: String?
    /// The release in progress or last finished.
    public var rollout: RolloutStatus?

    /// Creates the status of service `name`.
    public init(name: String) {
        self.name = name
    }
}

/// One datastore's observed state.
public struct DatastoreStatus: Codable, Sendable, Hashable {
    /// The datastore's name from the spec.
    public var name: String
    /// The engine.
    public var engine: DatastoreEngine?
    /// Whether it accepts connections (for an external datastore: whether its Secret exists with usable keys).
    public var ready: Bool?
    /// Members desired.
    public var replicas: Int32?
    /// Members ready.
    public var readyReplicas: Int32?
    /// The engine version an operated datastore runs.
    public var version: String?
    /// Where services connect, `host:port` (operated datastores).
    public var endpoint: String?
    /// The Secret services read the connection settings from.
    public var connectionSecret: String?
    /// When the last successful backup finished.
    public var lastBackupTime: Time?
    /// When the last backup that failed was scheduled, if it came after the last success.
    public var lastFailedBackupTime: Time?
    /// Why it is not ready, when it is not.
    public var message: String?

    /// Creates the status of datastore `name`.
    public init(name: String) {
        self.name = name
    }
}
