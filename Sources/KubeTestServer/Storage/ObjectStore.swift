package import Foundation
package import KubeCore

/// The test server's etcd: objects as `JSONValue` by resource, namespace and name, one global revision counter,
/// a bounded event history for resuming watches, and the open watches.
///
/// Every write gets the next revision, which becomes its `metadata.resourceVersion`. Writes, garbage collection
/// and watch delivery happen inside the actor, so watchers see events in revision order.
package actor ObjectStore {
    /// One change, as kept in the history and sent to watches.
    package struct StoredEvent: Sendable {
        package var revision: Int
        /// `ADDED`, `MODIFIED` or `DELETED`.
        package var type: String
        package var resource: GroupResource
        package var object: JSONValue
        package var previous: JSONValue?
        /// `object` with its serialized text, set by ``commit(_:key:object:previous:)`` (ADDED and MODIFIED; the
        /// simulation's own events leave it `nil`).
        package var stored: SerializedObject? = nil
    }

    /// What a watch stream carries.
    package enum WatchMessage: Sendable, Hashable {
        /// An event; `stored` carries `object`'s serialized text when `object` is a stored object unchanged, so the
        /// text is written once for every watch and list (see ``SerializedObject``).
        case event(type: String, object: JSONValue, stored: SerializedObject? = nil)
        case error(Status)

        package static func == (lhs: Self, rhs: Self) -> Bool {
            switch (lhs, rhs) {
            case (.event(let lhsType, let lhsObject, _), .event(let rhsType, let rhsObject, _)):
                lhsType == rhsType && lhsObject == rhsObject
            case (.error(let lhs), .error(let rhs)): lhs == rhs
            default: false
            }
        }

        package func hash(into hasher: inout Hasher) {
            switch self {
            case .event(let type, let object, _):
                hasher.combine(0)
                hasher.combine(type)
                hasher.combine(object)
            case .error(let status):
                hasher.combine(1)
                hasher.combine(status)
            }
        }
    }

    /// The result of a list.
    package struct ListResult: Sendable {
        /// The objects with their serialized text (shared with the store when an object is sent as stored).
        package var serializedItems: [SerializedObject]
        package var resourceVersion: Int
        package var continueToken: String?
        package var remainingItemCount: Int?

        /// The objects.
        package var items: [JSONValue] { serializedItems.map(\.object) }
    }

    /// How a delete ended.
    package enum DeleteResult: Sendable {
        /// The object is gone; this is its last state.
        case deleted(JSONValue)
        /// The object has finalizers (or dependents in foreground deletion) and now has a deletionTimestamp.
        case pending(JSONValue)
    }

    /// `propagationPolicy` of a delete.
    package enum PropagationPolicy: String, Sendable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    struct Subscription {
        var resource: GroupResource
        var apiVersion: String
        var namespace: String?
        var labels: SelectorQuery
        var fields: SelectorQuery
        var continuation: AsyncStream<WatchMessage>.Continuation
    }

    /// The stored objects, each with its serialized text for lists and watch events. Written only through `commit`,
    /// `remove`, the bootstrap and `reloadCustomResources`, which keep ``storedUIDs``.
    private(set) var objects: [GroupResource: [String: SerializedObject]] = [:]
    /// ``objects``' keys per resource in order, for lists; dropped when a key is added or removed.
    private var sortedKeyCache: [GroupResource: [String]] = [:]
    /// Whether a write since the last garbage collection could matter to it: an object was removed, or one with
    /// owner references or a deletionTimestamp was written. Plain writes skip the collector's full scan, which
    /// would otherwise make every write cost O(objects).
    var needsGarbageCollection = false
    /// The owner UIDs of objects written since the last collection that have owner references but are not being
    /// deleted: such a write only needs the collector if none of the object's owners exists, which one pass over
    /// the UIDs tells without the full scan (see ``collectGarbage()``).
    var pendingOwnerChecks: [Set<String>] = []
    /// How many stored objects carry each UID (one each in a consistent store), kept by every write of `objects`:
    /// the garbage collector's "does this owner exist?" without scanning every object, which made each create of an
    /// owned object cost O(objects) and a benchmark of thousands of platforms quadratic.
    private(set) var storedUIDs: [String: Int] = [:]
    package internal(set) var revision = 1
    var history: [StoredEvent] = []
    /// The highest revision no longer in `history`: watches from an older revision get 410 Expired.
    package internal(set) var compactedRevision = 0
    let historyLimit: Int
    let watchBufferSize: Int
    var subscriptions: [UUID: Subscription] = [:]
    /// Called synchronously with every recorded event (the workload simulation's intake; see
    /// ``WorkloadSimulation``). Unlike a watch it is never dropped, buffered or counted in ``openWatchCount``.
    var eventObserver: (@Sendable (StoredEvent) -> Void)?
    package internal(set) var registry = ResourceRegistry()
    let now: @Sendable () -> Date

    /// Creates a store with the `default`, `kube-system`, `kube-public` and `kube-node-lease` namespaces.
    package init(
        historyLimit: Int = 1000,
        watchBufferSize: Int = 10_000,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.historyLimit = max(1, historyLimit)
        self.watchBufferSize = max(16, watchBufferSize)
        self.now = now
        let namespaceType = BuiltInResources.types[0]
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            var object = ObjectRules.prepareCreate(
                namespaceType,
                object: [
                    "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]]
                ],
                uid: UUID().uuidString.lowercased(),
                now: now()
            )
            revision += 1
            object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
            objects[.namespaces, default: [:]][ObjectRules.key(namespace: nil, name: name)] = SerializedObject(object)
            storedUIDs[ObjectRules.uid(of: object), default: 0] += 1
        }
    }

    // MARK: Reads

    /// The served resource for a path.
    package func resourceType(group: String, version: String, plural: String) -> ResourceType? {
        registry.type(group: group, version: version, plural: plural)
    }

    package func get(_ type: ResourceType, namespace: String?, name: String) throws(APIError) -> JSONValue {
        guard let object = objects[type.groupResource]?[ObjectRules.key(namespace: namespace, name: name)]?.object
        else {
            throw .notFound(type.groupResource, name: name)
        }
        return Self.converted(object, to: type)
    }

    /// Lists objects in key order, filtered by namespace and selectors, paged with `limit` and `continue`.
    package func list(
        _ type: ResourceType,
        namespace: String?,
        labels: SelectorQuery = SelectorQuery(),
        fields: SelectorQuery = SelectorQuery(),
        limit: Int? = nil,
        continueToken: String? = nil,
        resourceVersion: String? = nil
    ) throws(APIError) -> ListResult {
        var startAfter: String?
        var listRevision = revision
        if let continueToken, !continueToken.isEmpty {
            guard let token = ContinueToken(encoded: continueToken) else {
                throw .badRequest("continue key is not valid: illegal base64 data")
            }
            if token.resourceVersion < compactedRevision { throw .expiredContinue }
            startAfter = token.lastKey
            listRevision = token.resourceVersion
        } else if let resourceVersion, !resourceVersion.isEmpty, resourceVersion != "0" {
            guard let requested = Int(resourceVersion) else {
                throw .badRequest("resourceVersion: Invalid value: \"\(resourceVersion)\": must be a number")
            }
            if requested > revision { throw .resourceVersionTooLarge(requested: requested, current: revision) }
        }
        let stored = objects[type.groupResource] ?? [:]
        let keys = sortedKeys(of: type.groupResource)
        var matching: [(String, SerializedObject)] = []
        // A continued list starts after the last key of the previous page, found by binary search.
        var first = keys.startIndex
        if let startAfter {
            var high = keys.endIndex
            while first < high {
                let middle = (first + high) / 2
                if keys[middle] <= startAfter { first = middle + 1 } else { high = middle }
            }
        }
        for key in keys[first...] {
            let serialized = stored[key]!
            let object = serialized.object
            if let namespace, ObjectRules.namespace(of: object) != namespace { continue }
            guard labels.matchesLabels(of: object), fields.matchesFields(of: object) else { continue }
            matching.append((key, serialized))
        }
        var token: String?
        var remaining: Int?
        if let limit, limit > 0, matching.count > limit {
            let lastKey = matching[limit - 1].0
            remaining = matching.count - limit
            matching = Array(matching.prefix(limit))
            token = ContinueToken(resourceVersion: listRevision, lastKey: lastKey).encoded
        }
        return ListResult(
            serializedItems: matching.map { Self.converted($0.1, to: type) },
            resourceVersion: listRevision,
            continueToken: token,
            remainingItemCount: remaining
        )
    }

    /// Every stored CRD object (for discovery and OpenAPI).
    package func allObjects(of resource: GroupResource) -> [JSONValue] {
        let stored = objects[resource] ?? [:]
        return stored.keys.sorted().map { stored[$0]!.object }
    }

    // MARK: Writes

    /// Creates an object; the namespace must exist (and not be terminating) for namespaced resources.
    package func create(_ type: ResourceType, object: JSONValue, dryRun: Bool = false) throws(APIError) -> JSONValue {
        let name = ObjectRules.name(of: object)
        let namespace = type.namespaced ? ObjectRules.namespace(of: object) : nil
        if let namespace {
            guard let ns = objects[.namespaces]?[ObjectRules.key(namespace: nil, name: namespace)]?.object else {
                throw .namespaceNotFound(namespace)
            }
            if ObjectRules.isBeingDeleted(ns) {
                throw .forbidden(
                    "\(type.groupResource) \"\(name)\" is forbidden: unable to create new content in namespace "
                        + "\(namespace) because it is being terminated"
                )
            }
        }
        let key = ObjectRules.key(namespace: namespace, name: name)
        if objects[type.groupResource]?[key] != nil { throw .alreadyExists(type.groupResource, name: name) }
        var prepared = ObjectRules.prepareCreate(
            type,
            object: object,
            uid: UUID().uuidString.lowercased(),
            now: now()
        )
        if type.groupResource == .customResourceDefinitions { prepared = Self.establish(prepared) }
        if dryRun { return Self.converted(prepared, to: type) }
        let stored = commit(type.groupResource, key: key, object: prepared, previous: nil)
        afterWrite(type.groupResource)
        return Self.converted(stored, to: type)
    }

    /// Replaces an object with `transform(current)` (or creates it when absent and `transform` accepts `nil`),
    /// applying the rules of the main endpoint or the `status` subresource.
    ///
    /// The transform runs inside the actor, so read-modify-write (patch, apply) is atomic. It throws
    /// ``APIError`` to reject the write. A `metadata.resourceVersion` in its result that differs from the stored
    /// one is a stale write: 409 Conflict.
    package func update(
        _ type: ResourceType,
        namespace: String?,
        name: String,
        subresource: String? = nil,
        allowCreate: Bool = false,
        dryRun: Bool = false,
        transform: @Sendable (JSONValue?) throws(APIError) -> JSONValue
    ) throws(APIError) -> (object: JSONValue, created: Bool) {
        let key = ObjectRules.key(namespace: namespace, name: name)
        guard let old = objects[type.groupResource]?[key]?.object else {
            guard allowCreate else { throw .notFound(type.groupResource, name: name) }
            var object = try transform(nil)
            object[path: ["metadata", "name"]] = .string(name)
            if let namespace { object[path: ["metadata", "namespace"]] = .string(namespace) }
            object[path: ["metadata", "resourceVersion"]] = nil
            return (try create(type, object: object, dryRun: dryRun), true)
        }
        let new = try transform(Self.converted(old, to: type))
        if let requested = ObjectRules.resourceVersion(of: new), !requested.isEmpty,
            requested != ObjectRules.resourceVersion(of: old)
        {
            throw .staleResourceVersion(type.groupResource, name: name)
        }
        var prepared = ObjectRules.prepareUpdate(type, old: old, new: new, subresource: subresource)
        prepared[path: ["metadata", "resourceVersion"]] = old[path: ["metadata", "resourceVersion"]]
        if ObjectRules.isBeingDeleted(old) {
            let added = Set(ObjectRules.finalizers(of: prepared)).subtracting(ObjectRules.finalizers(of: old))
            if !added.isEmpty {
                throw .forbidden(
                    "\(type.groupResource) \"\(name)\" is forbidden: no new finalizers can be added if the object "
                        + "is being deleted, found new finalizers \(added.sorted())"
                )
            }
        }
        if type.groupResource == .customResourceDefinitions { prepared = Self.establish(prepared) }
        if ObjectRules.isNoOp(old: old, new: prepared) || dryRun { return (Self.converted(prepared, to: type), false) }
        var stored: JSONValue
        if ObjectRules.isBeingDeleted(prepared), ObjectRules.finalizers(of: prepared).isEmpty,
            type.groupResource != .namespaces
        {
            stored = remove(type.groupResource, key: key, object: prepared)
        } else {
            stored = commit(type.groupResource, key: key, object: prepared, previous: old)
        }
        afterWrite(type.groupResource)
        return (Self.converted(stored, to: type), false)
    }

    /// Deletes an object, honouring preconditions, finalizers and the propagation policy.
    package func delete(
        _ type: ResourceType,
        namespace: String?,
        name: String,
        propagationPolicy: PropagationPolicy = .background,
        preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil,
        dryRun: Bool = false
    ) throws(APIError) -> DeleteResult {
        let key = ObjectRules.key(namespace: namespace, name: name)
        guard var object = objects[type.groupResource]?[key]?.object else {
            throw .notFound(type.groupResource, name: name)
        }
        if let preconditionUID, preconditionUID != ObjectRules.uid(of: object) {
            throw .conflict(
                type.groupResource,
                name: name,
                message: "Precondition failed: UID in precondition: \(preconditionUID), UID in object meta: "
                    + ObjectRules.uid(of: object)
            )
        }
        if let preconditionResourceVersion, preconditionResourceVersion != ObjectRules.resourceVersion(of: object) {
            throw .conflict(
                type.groupResource,
                name: name,
                message: "Precondition failed: ResourceVersion in precondition: \(preconditionResourceVersion), "
                    + "ResourceVersion in object meta: \(ObjectRules.resourceVersion(of: object) ?? "")"
            )
        }
        if dryRun { return .deleted(Self.converted(object, to: type)) }
        if ObjectRules.isBeingDeleted(object) { return .pending(Self.converted(object, to: type)) }
        let uid = ObjectRules.uid(of: object)
        switch propagationPolicy {
        case .orphan: orphanDependents(of: uid)
        case .foreground:
            var finalizers = ObjectRules.finalizers(of: object)
            if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
            object[path: ["metadata", "finalizers"]] = .array(finalizers.map(JSONValue.string))
        case .background: break
        }
        let result: DeleteResult
        if !ObjectRules.finalizers(of: object).isEmpty || type.groupResource == .namespaces {
            let previous = objects[type.groupResource]?[key]?.object
            object[path: ["metadata", "deletionTimestamp"]] = .string(Time(now()).description)
            object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            if type.groupResource == .namespaces { object[path: ["status", "phase"]] = "Terminating" }
            result = .pending(commit(type.groupResource, key: key, object: object, previous: previous))
        } else {
            result = .deleted(remove(type.groupResource, key: key, object: object))
        }
        afterWrite(type.groupResource)
        switch result {
        case .deleted(let object): return .deleted(Self.converted(object, to: type))
        case .pending(let object):
            // Garbage collection may have finished the deletion already (no blocking dependents).
            if let current = objects[type.groupResource]?[key]?.object {
                return .pending(Self.converted(current, to: type))
            }
            return .deleted(Self.converted(object, to: type))
        }
    }

    /// Forgets every event up to now: watches from any earlier resourceVersion get 410 Expired.
    package func compactHistory() {
        history.removeAll()
        compactedRevision = revision
    }

    // MARK: Internals

    /// Stores an object at the next revision and records ADDED or MODIFIED.
    @discardableResult
    func commit(_ resource: GroupResource, key: String, object: JSONValue, previous: JSONValue?) -> JSONValue {
        revision += 1
        var object = object
        object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        if let replaced = objects[resource]?[key]?.object {
            countUID(of: replaced, by: -1)
        } else {
            sortedKeyCache[resource] = nil
        }
        let serialized = SerializedObject(object)
        objects[resource, default: [:]][key] = serialized
        countUID(of: object, by: 1)
        let owners = Set(ObjectRules.ownerUIDs(of: object))
        if ObjectRules.isBeingDeleted(object) {
            needsGarbageCollection = true
        } else if !owners.isEmpty, previous.map({ Set(ObjectRules.ownerUIDs(of: $0)) }) != owners {
            // An update that keeps the same owners cannot orphan the object: the collection after the previous
            // write left it with an owner, and every removal since ran the collector again.
            pendingOwnerChecks.append(owners)
        }
        record(
            StoredEvent(
                revision: revision,
                type: previous == nil ? "ADDED" : "MODIFIED",
                resource: resource,
                object: object,
                previous: previous,
                stored: serialized
            )
        )
        return object
    }

    /// Removes an object at the next revision and records DELETED.
    @discardableResult
    func remove(_ resource: GroupResource, key: String, object: JSONValue) -> JSONValue {
        revision += 1
        var object = object
        object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        if let removed = objects[resource]?[key]?.object { countUID(of: removed, by: -1) }
        objects[resource]?[key] = nil
        sortedKeyCache[resource] = nil
        needsGarbageCollection = true
        record(StoredEvent(revision: revision, type: "DELETED", resource: resource, object: object, previous: nil))
        return object
    }

    /// The keys of `resource`'s objects in ascending order, sorted once until a key is added or removed.
    func sortedKeys(of resource: GroupResource) -> [String] {
        if let cached = sortedKeyCache[resource] { return cached }
        let keys = (objects[resource] ?? [:]).keys.sorted()
        sortedKeyCache[resource] = keys
        return keys
    }

    /// Adds `delta` to the count of `object`'s UID in ``storedUIDs``.
    private func countUID(of object: JSONValue, by delta: Int) {
        let uid = ObjectRules.uid(of: object)
        guard !uid.isEmpty else { return }
        let count = (storedUIDs[uid] ?? 0) + delta
        storedUIDs[uid] = count > 0 ? count : nil
    }

    func afterWrite(_ resource: GroupResource) {
        if resource == .customResourceDefinitions { reloadCustomResources() }
        collectGarbage()
    }

    /// Rebuilds the registry from the CRDs and drops the objects of resources no longer defined.
    func reloadCustomResources() {
        let crds = allObjects(of: .customResourceDefinitions)
        let before = Set(registry.custom.map(\.type.groupResource))
        registry = ResourceRegistry(crds: crds)
        let after = Set(registry.custom.map(\.type.groupResource))
        for resource in before.subtracting(after) {
            for (key, stored) in (objects[resource] ?? [:]).sorted(by: { $0.key < $1.key }) {
                remove(resource, key: key, object: stored.object)
            }
            objects[resource] = nil
            sortedKeyCache[resource] = nil
            for (id, subscription) in subscriptions where subscription.resource == resource {
                subscription.continuation.finish()
                subscriptions[id] = nil
            }
        }
    }

    /// A CRD with the status the apiextensions controller would set: NamesAccepted and Established.
    static func establish(_ crd: JSONValue) -> JSONValue {
        var crd = crd
        let names = crd[path: ["spec", "names"]] ?? [:]
        var accepted = names
        if accepted["singular"] == nil, let kind = names["kind"]?.stringValue {
            accepted["singular"] = .string(kind.lowercased())
        }
        if accepted["listKind"] == nil, let kind = names["kind"]?.stringValue {
            accepted["listKind"] = .string(kind + "List")
        }
        let storage = crd[path: ["spec", "versions"]]?.arrayValue?.first { $0["storage"]?.boolValue == true }
        let time = crd[path: ["metadata", "creationTimestamp"]] ?? .null
        crd["status"] = [
            "acceptedNames": accepted,
            "storedVersions": .array([storage?["name"] ?? .null].filter { !$0.isNull }),
            "conditions": [
                [
                    "type": "NamesAccepted", "status": "True", "reason": "NoConflicts",
                    "message": "no conflicts found", "lastTransitionTime": time,
                ],
                [
                    "type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted", "lastTransitionTime": time,
                ],
            ],
        ]
        return crd
    }

    /// The object as seen through one served version (custom resources use conversion `None`).
    static func converted(_ object: JSONValue, to type: ResourceType) -> JSONValue {
        guard type.isCustom else { return object }
        var object = object
        object["apiVersion"] = .string(type.apiVersion)
        return object
    }

    /// `serialized` as served for `type`: itself when the stored object is already in `type`'s version.
    static func converted(_ serialized: SerializedObject, to type: ResourceType) -> SerializedObject {
        guard type.isCustom, serialized.object["apiVersion"]?.stringValue != type.apiVersion else { return serialized }
        return SerializedObject(converted(serialized.object, to: type))
    }
}
