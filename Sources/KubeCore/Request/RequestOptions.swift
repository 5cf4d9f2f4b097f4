/// Options of a list call (`metav1.ListOptions`).
public struct ListOptions: Sendable, Hashable {
    /// A label selector in its string form, e.g. `app=web,tier!=db`.
    public var labelSelector: String?
    /// A field selector, e.g. `metadata.name=web`.
    public var fieldSelector: String?
    /// The page size; the server returns a `continue` token when more remain.
    public var limit: Int?
    /// The token from the previous page.
    public var `continue`: String?
    /// `""` (most recent, quorum read), `"0"` (any, from cache) or a specific version.
    public var resourceVersion: String?
    /// `NotOlderThan` or `Exact`, qualifying ``resourceVersion``.
    public var resourceVersionMatch: String?

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        limit: Int? = nil,
        continue: String? = nil,
        resourceVersion: String? = nil,
        resourceVersionMatch: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continue = `continue`
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var queryItems: [KubeRequest.QueryItem] {
        var items: [KubeRequest.QueryItem] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(.init("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(.init("fieldSelector", fieldSelector)) }
        if let limit { items.append(.init("limit", String(limit))) }
        if let `continue`, !`continue`.isEmpty { items.append(.init("continue", `continue`)) }
        if let resourceVersion { items.append(.init("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(.init("resourceVersionMatch", resourceVersionMatch)) }
        return items
    }
}

/// Options of a watch call.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes>.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Resume after this version; events newer than it are sent. `410 Gone` when it left the server's history.
    public var resourceVersion: String?
    /// Ask the server to end the watch after this many seconds.
    public var timeoutSeconds: Int?
    /// Ask for `BOOKMARK` events that carry only a fresh resourceVersion.
    public var allowWatchBookmarks: Bool

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        resourceVersion: String? = nil,
        timeoutSeconds: Int? = nil,
        allowWatchBookmarks: Bool = true
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
    }

    var queryItems: [KubeRequest.QueryItem] {
        var items: [KubeRequest.QueryItem] = [.init("watch", "true")]
        if let labelSelector, !labelSelector.isEmpty { items.append(.init("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(.init("fieldSelector", fieldSelector)) }
        if let resourceVersion { items.append(.init("resourceVersion", resourceVersion)) }
        if let timeoutSeconds { items.append(.init("timeoutSeconds", String(timeoutSeconds))) }
        if allowWatchBookmarks { items.append(.init("allowWatchBookmarks", "true")) }
        return items
    }
}

/// Options shared by create, update and patch.
public struct WriteOptions: Sendable, Hashable {
    /// Validate and admit the request but persist nothing (`dryRun=All`).
    public var dryRun: Bool
    /// The field manager recorded in `managedFields`; required for server-side apply.
    public var fieldManager: String?
    /// `Ignore`, `Warn` or `Strict` handling of unknown or duplicate fields.
    public var fieldValidation: String?

    public init(dryRun: Bool = false, fieldManager: String? = nil, fieldValidation: String? = nil) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
    }

    var queryItems: [KubeRequest.QueryItem] {
        var items: [KubeRequest.QueryItem] = []
        if dryRun { items.append(.init("dryRun", "All")) }
        if let fieldManager { items.append(.init("fieldManager", fieldManager)) }
        if let fieldValidation { items.append(.init("fieldValidation", fieldValidation)) }
        return items
    }
}

/// Options of a delete call (`metav1.DeleteOptions`), sent as the request body.
public struct DeleteOptions: Codable, Sendable, Hashable {
    /// How dependents are garbage collected.
    public enum PropagationPolicy: String, Codable, Sendable, Hashable {
        /// Delete the object now; the garbage collector removes dependents afterwards.
        case background = "Background"
        /// Keep the object (with the `foregroundDeletion` finalizer) until blocking dependents are gone.
        case foreground = "Foreground"
        /// Remove owner references from dependents instead of deleting them.
        case orphan = "Orphan"
    }

    /// Conditions that must hold for the delete to proceed; a mismatch is a `409 Conflict`.
    public struct Preconditions: Codable, Sendable, Hashable {
        public var uid: String?
        public var resourceVersion: String?
        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public var apiVersion: String = "v1"
    public var kind: String = "DeleteOptions"
    public var propagationPolicy: PropagationPolicy?
    public var gracePeriodSeconds: Int64?
    public var preconditions: Preconditions?
    public var dryRun: [String]?

    public init(
        propagationPolicy: PropagationPolicy? = nil,
        gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil,
        dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.dryRun = dryRun ? ["All"] : nil
    }
}
