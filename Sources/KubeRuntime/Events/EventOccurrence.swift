public import KubeCore

/// One occurrence of an event, as a caller reports it to an ``EventRecorder`` or an ``EventAggregator``.
///
/// The fields map one to one onto the events.k8s.io/v1 `Event` that is written: `type`, `reason`, `action`, `note`,
/// `regarding` and `related`. The reporting controller and instance come from the aggregator's configuration.
public struct EventOccurrence: Sendable, Hashable {
    /// `Normal` or `Warning`.
    public var type: EventType
    /// Why the action was taken, in CamelCase (e.g. `RolloutStarted`); at most 128 characters.
    public var reason: String
    /// What was done or failed (e.g. `Reconciling`); at most 128 characters.
    public var action: String
    /// A human-readable description; truncated to 1 kB when the event is made.
    public var note: String?
    /// The object the event is about.
    public var regarding: ObjectReference
    /// A second object involved, if any.
    public var related: ObjectReference?

    /// Creates an occurrence.
    ///
    /// - Parameters:
    ///   - type: `Normal` or `Warning`.
    ///   - reason: Why, in CamelCase.
    ///   - action: What was done.
    ///   - note: A human-readable description.
    ///   - regarding: The object the event is about.
    ///   - related: A second object involved.
    public init(
        type: EventType,
        reason: String,
        action: String,
        note: String? = nil,
        regarding: ObjectReference,
        related: ObjectReference? = nil
    ) {
        self.type = type
        self.reason = reason
        self.action = action
        self.note = note
        self.regarding = regarding
        self.related = related
    }
}
