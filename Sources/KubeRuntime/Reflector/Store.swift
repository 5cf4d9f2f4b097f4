import DequeModule
public import KubeCore
import Synchronization

/// A concurrent-safe cache of objects of one kind, keyed by namespace and name, with secondary indexes.
///
/// The reflector fills the store from a watcher: ``replace(all:resourceVersion:)`` after each full list (an atomic
/// swap), ``apply(_:)`` for each watch event. Controllers read it instead of the API server. Like client-go's
/// `Indexer`, it keeps indexes that map an index value to the keys of the objects that produce it:
///
/// - ``ownerIndex``: each `ownerReferences[].uid`, to find an owner's children (``byOwner(uid:)``);
/// - ``labelIndex``: each label as `key=value` (``byLabel(key:value:)``), or only the label keys given at creation:
///   a store of thousands of objects with half a dozen labels each otherwise keeps a set per distinct label value
///   (one per owner for `app.kubernetes.io/instance`, one per object for a name label), most of them never read;
/// - any custom ``IndexFunction`` given at creation (``byIndex(_:value:)``).
///
/// An optional ``Transform`` runs on every object before it is stored, e.g. ``dropManagedFields`` to keep memory
/// small (kube-rs's memory guidance; managedFields are often half of an object).
///
/// ## Read-your-writes
///
/// A reconcile must never act on a cache older than its own last write to that object, or it would "fix" a state it
/// already fixed. After a successful write, call ``recordWrite(_:)`` with the object the server returned; until the
/// cache has caught up, ``isFresh(_:)`` is `false` and ``getFresh(_:)`` returns ``FreshRead/stale`` (requeue).
///
/// resourceVersions are opaque: the API server tells clients not to compare them numerically. The store therefore
/// compares them only for equality and relies on the watch's ordering instead:
/// a watch delivers the events of one object in the order the server applied them, so once the store has seen an
/// event carrying the resourceVersion we wrote, every later state is newer. A pending write is cleared when
/// - an event or list item for the key carries exactly that resourceVersion,
/// - a DELETED event arrives for the same object (same UID): nothing older can follow a deletion, or
/// - a full relist that *started after the write* replaces the cache: a consistent list (no resourceVersion) sees
///   every write that completed before it began. The owner calls ``relistStarted()`` when it sends the first list
///   request; writes are numbered, and the replace clears those numbered before that call. This covers the case
///   where our write was superseded before the watch could deliver it and a 410 relist skipped it.
///
/// The watch may also deliver our write — and later changes — *before* ``recordWrite(_:)`` is called (the writing
/// task can be descheduled between the response and the call). The store therefore remembers the last
/// ``recentObservationCapacity`` (key, resourceVersion) pairs it observed, and a write whose resourceVersion is among
/// them is not pending at all; without that, the write would wait for an event that already went by.
///
/// ## Synchronisation
///
/// One `Mutex` protects all mutable state (objects, indexes, pending writes, sync flag): every operation is a short
/// critical section, and readers get copies. Index functions run under the lock, so they must be fast and must not
/// call back into the store; transforms run outside it, once per object, before the object is stored. Tasks waiting
/// for the first sync park in a ``WaiterQueue``, which has its own lock taken only outside this one.
public final class Store<Object: KubernetesObject>: Sendable {
    /// Computes the index values of an object, e.g. the names of the Secrets it references.
    public typealias IndexFunction = @Sendable (Object) -> [String]
    /// Rewrites an object before it is stored (and before the watcher reports it). It must keep the name, namespace,
    /// UID and resourceVersion: read-your-writes and deletions are matched by them.
    public typealias Transform = @Sendable (Object) -> Object

    /// The name of the built-in index by owner UID.
    public static var ownerIndex: String { "ownerUID" }
    /// The name of the built-in index by label, with values `key=value`.
    public static var labelIndex: String { "label" }

    /// A transform that drops `metadata.managedFields`, which controllers rarely read.
    public static var dropManagedFields: Transform {
        { object in
            var object = object
            object.metadata.managedFields = nil
            return object
        }
    }

    /// The result of a read that must not be older than our own writes.
    public enum FreshRead: Sendable {
        /// The cache has caught up with every recorded write to the key: here is the object, or `nil` if absent.
        case fresh(Object?)
        /// A recorded write to the key has not been observed yet; try again later.
        case stale
    }

    /// One cached object, boxed (see `State.objects`).
    private final class Entry: Sendable {
        let object: Object
        init(_ object: Object) { self.object = object }
    }

    private struct PendingWrite {
        var resourceVersion: String
        var uid: String?
        var sequence: UInt64
    }

    /// One (key, resourceVersion) pair the store observed, remembered by its hash: 8 bytes instead of the key's
    /// and version's strings (a store keeps thousands). Two pairs with the same 64-bit hash would make a late
    /// write to the second look already observed; with the last 4 096 pairs remembered that chance is below 10⁻¹⁵
    /// per write, and its cost would be one reconcile that does not wait for its own write.
    private struct Observation: Hashable {
        let hash: Int

        init(key: ObjectKey, resourceVersion: String) {
            var hasher = Hasher()
            hasher.combine(key)
            hasher.combine(resourceVersion)
            hash = hasher.finalize()
        }

        static func == (lhs: Observation, rhs: Observation) -> Bool { lhs.hash == rhs.hash }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// How many recent (key, resourceVersion) observations are remembered for writes recorded late.
    public static var recentObservationCapacity: Int { 4096 }

    private struct State {
        /// Boxed: a dictionary's storage holds a fixed-size slot per bucket, and a bucket count of up to 2.67× the
        /// objects (power-of-two capacity, 75 % load). Inline, a slot is the whole struct (hundreds of bytes for a
        /// typed object); boxed, it is a pointer and each object is allocated at its own size.
        var objects: [ObjectKey: Entry] = [:]
        /// The most recent observations, oldest first, and the same as a set.
        var recentOrder: Deque<Observation> = []
        var recent: Set<Observation> = []
        /// Index name → index value → keys.
        var indices: [String: [String: Set<ObjectKey>]] = [:]
        var resourceVersion: String?
        var isSynced = false
        var nextWriteSequence: UInt64 = 1
        var pendingWrites: [ObjectKey: PendingWrite] = [:]
        /// Writes numbered below this were recorded before the current relist started.
        var relistCoversWritesBelow: UInt64?
    }

    private let state = Mutex(State())
    private let indexFunctions: [String: IndexFunction]
    private let indexedLabelKeys: Set<String>?
    private let transform: Transform?
    private let syncWaiters = WaiterQueue<Void>()

    /// Makes an empty, unsynced store.
    /// - Parameters:
    ///   - transform: Applied to every object before it is stored.
    ///   - indexers: Custom indexes by name, in addition to ``ownerIndex`` and ``labelIndex``.
    ///   - indexedLabelKeys: The label keys ``labelIndex`` indexes; `nil` (the default) indexes every label.
    ///     ``byLabel(key:value:)`` for a key not indexed scans the store instead.
    public init(
        transform: Transform? = nil,
        indexers: [String: IndexFunction] = [:],
        indexedLabelKeys: Set<String>? = nil
    ) {
        var functions = indexers
        functions[Self.ownerIndex] = { object in object.metadata.ownerReferences?.map(\.uid) ?? [] }
        if let keys = indexedLabelKeys {
            functions[Self.labelIndex] = { object in
                guard let labels = object.metadata.labels else { return [] }
                return keys.compactMap { key in labels[key].map { "\(key)=\($0)" } }
            }
        } else {
            functions[Self.labelIndex] = { object in
                object.metadata.labels?.map { "\($0.key)=\($0.value)" } ?? []
            }
        }
        indexFunctions = functions
        self.indexedLabelKeys = indexedLabelKeys
        self.transform = transform
    }

    // MARK: - Writing (the reflector)

    /// Replaces the whole content at once, e.g. after a full list, and marks the store synced.
    public func replace(all objects: [Object], resourceVersion: String?) {
        replace(transformed: transformed(objects), resourceVersion: resourceVersion)
    }

    /// `objects` as the store keeps them: with its ``Transform`` applied.
    ///
    /// The watcher transforms each list page as it arrives, so that a list of many pages holds the (usually much
    /// smaller) transformed objects until its last page, not every page as received.
    func transformed(_ objects: [Object]) -> [Object] {
        guard let transform else { return objects }
        return objects.map(transform)
    }

    /// ``replace(all:resourceVersion:)`` for objects already ``transformed(_:)``.
    func replace(transformed stored: [Object], resourceVersion: String?) {
        state.withLock { state in
            state.objects.removeAll(keepingCapacity: true)
            state.indices.removeAll(keepingCapacity: true)
            for object in stored {
                insert(object, into: &state)
                resolvePendingWrite(observing: object, deleted: false, in: &state)
            }
            if let covered = state.relistCoversWritesBelow {
                state.pendingWrites = state.pendingWrites.filter { $0.value.sequence >= covered }
                state.relistCoversWritesBelow = nil
            }
            state.resourceVersion = resourceVersion
            state.isSynced = true
        }
        syncWaiters.resumeAll(())
    }

    /// Notes that a full relist is starting: writes recorded so far will be covered by its result.
    public func relistStarted() {
        state.withLock { state in state.relistCoversWritesBelow = state.nextWriteSequence }
    }

    /// Applies one watch event: ADDED and MODIFIED store the object, DELETED removes it, BOOKMARK only advances the
    /// resourceVersion; ERROR events are ignored (the watcher handles them).
    public func apply(_ event: WatchEvent<Object>) {
        apply(transformed: transformed(event))
    }

    /// `event` with the store's ``Transform`` applied to the object of an `ADDED`, `MODIFIED` or `DELETED` event, so
    /// that the watcher reports each event's object as stored.
    func transformed(_ event: WatchEvent<Object>) -> WatchEvent<Object> {
        guard let transform else { return event }
        switch event.type {
        case .added, .modified, .deleted: return WatchEvent(type: event.type, object: transform(event.object))
        case .bookmark, .error: return event
        }
    }

    /// ``apply(_:)`` for an event already ``transformed(_:)``.
    func apply(transformed event: WatchEvent<Object>) {
        switch event.type {
        case .added, .modified:
            let object = event.object
            state.withLock { state in
                remove(ObjectKey(object), from: &state)
                insert(object, into: &state)
                resolvePendingWrite(observing: object, deleted: false, in: &state)
                state.resourceVersion = object.metadata.resourceVersion ?? state.resourceVersion
            }
        case .deleted:
            state.withLock { state in
                remove(ObjectKey(event.object), from: &state)
                resolvePendingWrite(observing: event.object, deleted: true, in: &state)
                state.resourceVersion = event.object.metadata.resourceVersion ?? state.resourceVersion
            }
        case .bookmark:
            state.withLock { state in
                state.resourceVersion = event.object.metadata.resourceVersion ?? state.resourceVersion
            }
        case .error:
            break
        }
    }

    /// Records our own successful write, with the object the API server returned, so reads can wait for the cache to
    /// catch up with it (see "Read-your-writes" above).
    public func recordWrite(_ written: Object) {
        guard let resourceVersion = written.metadata.resourceVersion else { return }
        let key = ObjectKey(written)
        state.withLock { state in
            if state.objects[key]?.object.metadata.resourceVersion == resourceVersion
                || state.recent.contains(Observation(key: key, resourceVersion: resourceVersion))
            {
                state.pendingWrites[key] = nil
                return
            }
            state.pendingWrites[key] = PendingWrite(
                resourceVersion: resourceVersion,
                uid: written.metadata.uid,
                sequence: state.nextWriteSequence
            )
            state.nextWriteSequence += 1
        }
    }

    // MARK: - Reading

    /// Whether the first full list has been stored.
    public var isSynced: Bool { state.withLock { $0.isSynced } }

    /// The resourceVersion of the last list, event or bookmark stored.
    public var resourceVersion: String? { state.withLock { $0.resourceVersion } }

    /// The number of objects stored.
    public var count: Int { state.withLock { $0.objects.count } }

    /// Returns once the first full list has been stored, or when the calling task is cancelled.
    public func waitUntilSynced() async {
        _ = await syncWaiters.wait(isolation: nil) { isSynced ? () : nil }
    }

    /// The object with this key, if cached.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[key]?.object }
    }

    /// Whether every write recorded with ``recordWrite(_:)`` for this key has been observed.
    public func isFresh(_ key: ObjectKey) -> Bool {
        state.withLock { $0.pendingWrites[key] == nil }
    }

    /// The object with this key, provided the cache has caught up with our own recorded writes to it.
    public func getFresh(_ key: ObjectKey) -> FreshRead {
        state.withLock { state in
            state.pendingWrites[key] == nil ? .fresh(state.objects[key]?.object) : .stale
        }
    }

    /// The cached objects, optionally only those in `namespace` and matching `labelSelector`, sorted by key.
    ///
    /// This scans every cached object; to find the objects of one owner or label value, ``byOwner(uid:)`` and
    /// ``byLabel(key:value:)`` read an index instead.
    public func list(namespace: String? = nil, labelSelector: LabelSelector? = nil) -> [Object] {
        let all = state.withLock { state in
            namespace.map { namespace in state.objects.filter { $0.key.namespace == namespace } } ?? state.objects
        }
        let matching = labelSelector.map { selector in
            all.filter { selector.matches($0.value.object.metadata.labels ?? [:]) }
        }
        return (matching ?? all).sorted { $0.key < $1.key }.map(\.value.object)
    }

    /// The objects whose index `name` produced `value`, sorted by key; empty for an unknown index.
    public func byIndex(_ name: String, value: String) -> [Object] {
        state.withLock { state in
            (state.indices[name]?[value] ?? []).sorted().compactMap { state.objects[$0]?.object }
        }
    }

    /// The objects with an owner reference to `uid`.
    public func byOwner(uid: String) -> [Object] {
        byIndex(Self.ownerIndex, value: uid)
    }

    /// The objects labelled `key=value`, sorted by key: read from ``labelIndex`` when `key` is indexed, otherwise by
    /// scanning the store.
    public func byLabel(key: String, value: String) -> [Object] {
        if let indexed = indexedLabelKeys, !indexed.contains(key) {
            return state.withLock { state in
                state.objects.filter { $0.value.object.metadata.labels?[key] == value }
            }.sorted { $0.key < $1.key }.map(\.value.object)
        }
        return byIndex(Self.labelIndex, value: "\(key)=\(value)")
    }

    // MARK: - Internals (called with the lock held)

    private func insert(_ object: Object, into state: inout State) {
        let key = ObjectKey(object)
        state.objects[key] = Entry(object)
        for (name, function) in indexFunctions {
            for value in function(object) {
                state.indices[name, default: [:]][value, default: []].insert(key)
            }
        }
    }

    private func remove(_ key: ObjectKey, from state: inout State) {
        guard let old = state.objects.removeValue(forKey: key) else { return }
        for (name, function) in indexFunctions {
            for value in function(old.object) {
                state.indices[name]?[value]?.remove(key)
                if state.indices[name]?[value]?.isEmpty == true { state.indices[name]?[value] = nil }
            }
        }
    }

    private func resolvePendingWrite(observing object: Object, deleted: Bool, in state: inout State) {
        let key = ObjectKey(object)
        if let resourceVersion = object.metadata.resourceVersion {
            let observation = Observation(key: key, resourceVersion: resourceVersion)
            if state.recent.insert(observation).inserted {
                state.recentOrder.append(observation)
                if state.recentOrder.count > Self.recentObservationCapacity {
                    state.recent.remove(state.recentOrder.removeFirst())
                }
            }
        }
        guard let pending = state.pendingWrites[key] else { return }
        let sameResourceVersion = object.metadata.resourceVersion == pending.resourceVersion
        let sameObjectDeleted = deleted && (pending.uid == nil || pending.uid == object.metadata.uid)
        if sameResourceVersion || sameObjectDeleted { state.pendingWrites[key] = nil }
    }
}
