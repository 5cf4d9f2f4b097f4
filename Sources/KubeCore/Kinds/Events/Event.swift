/// A report of something that happened to an object, for humans and tooling (events.k8s.io/v1 `Event`).
///
/// This is the events.k8s.io form that `kubectl events` and the new recorders use; the server mirrors it to the
/// core/v1 `Event` API (with `regarding` as `involvedObject` and `note` as `message`).
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/>.
public struct Event: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "events.k8s.io",
        version: "v1",
        kind: "Event",
        plural: "events",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// When the event was first observed; required on create.
    public var eventTime: MicroTime?
    /// Data about the event series this event represents, set when the event recurs.
    public var series: EventSeries?
    /// The controller that emitted the event, e.g. `agri-operator` or `kubernetes.io/kubelet`; required.
    public var reportingController: String?
    /// The instance of the controller that emitted the event, e.g. a pod or host name; required.
    public var reportingInstance: String?
    /// What was done, or failed, e.g. `Scaling` or `Reconciling`; required for `type: Warning`.
    public var action: String?
    /// Why the action was taken, in CamelCase, e.g. `RolloutStarted`; required.
    public var reason: String?
    /// The object the event is about, usually the one being reconciled.
    public var regarding: ObjectReference?
    /// A second object involved, e.g. the ReplicaSet a Deployment scaled.
    public var related: ObjectReference?
    /// A human-readable description of at most 1 kB.
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// The core/v1 `source` for backward compatibility.
    public var deprecatedSource: EventSource?
    /// The core/v1 `firstTimestamp` for backward compatibility.
    public var deprecatedFirstTimestamp: Time?
    /// The core/v1 `lastTimestamp` for backward compatibility.
    public var deprecatedLastTimestamp: Time?
    /// The core/v1 `count` for backward compatibility.
    public var deprecatedCount: Int32?

    public init(
        metadata: ObjectMeta,
        eventTime: MicroTime? = nil,
        series: EventSeries? = nil,
        reportingController: String? = nil,
        reportingInstance: String? = nil,
        action: String? = nil,
        reason: String? = nil,
        regarding: ObjectReference? = nil,
        related: ObjectReference? = nil,
        note: String? = nil,
        type: String? = nil,
        deprecatedSource: EventSource? = nil,
        deprecatedFirstTimestamp: Time? = nil,
        deprecatedLastTimestamp: Time? = nil,
        deprecatedCount: Int32? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
        self.deprecatedSource = deprecatedSource
        self.deprecatedFirstTimestamp = deprecatedFirstTimestamp
        self.deprecatedLastTimestamp = deprecatedLastTimestamp
        self.deprecatedCount = deprecatedCount
    }
}

/// A recurring event, counted instead of recreated (events.k8s.io/v1 `EventSeries`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/#EventSeries>.
public struct EventSeries: Codable, Sendable, Hashable {
    /// How many times the event has occurred since the first observation.
    public var count: Int32
    /// When the last occurrence was observed.
    public var lastObservedTime: MicroTime

    public init(count: Int32, lastObservedTime: MicroTime) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// The component and host that reported a core/v1 event (core/v1 `EventSource`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/>.
public struct EventSource: Codable, Sendable, Hashable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}
