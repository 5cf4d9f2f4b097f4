import KubeCore

/// What makes two occurrences the same event (client-go's `eventKey`), with references compared without their
/// `resourceVersion`.
struct EventSeriesKey: Hashable, Sendable {
    var type: EventType
    var reason: String
    var action: String
    var regarding: ObjectReference
    var related: ObjectReference?

    init(_ occurrence: EventOccurrence) {
        type = occurrence.type
        reason = occurrence.reason
        action = occurrence.action
        regarding = occurrence.regarding
        regarding.resourceVersion = nil
        related = occurrence.related
        related?.resourceVersion = nil
    }
}
