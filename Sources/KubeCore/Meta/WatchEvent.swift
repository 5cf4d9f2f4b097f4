/// One event of a watch stream (`metav1.WatchEvent`).
///
/// For `ERROR` events the object is a ``Status``; decode the stream as `WatchEvent<JSONValue>` to tell them apart.
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes>.
public struct WatchEvent<Object: Codable & Sendable>: Codable, Sendable {
    /// The kind of change.
    public enum EventType: String, Codable, Sendable, Hashable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        /// Only `metadata.resourceVersion` of the object is meaningful.
        case bookmark = "BOOKMARK"
        /// The object is a ``Status``; `410` means the requested resourceVersion is too old.
        case error = "ERROR"
    }

    public var type: EventType
    public var object: Object

    public init(type: EventType, object: Object) {
        self.type = type
        self.object = object
    }
}
