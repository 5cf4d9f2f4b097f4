import OrderedCollections

/// A bounded map that evicts the least recently used entry when full, like the groupcache `lru.Cache` that
/// client-go's event correlator keeps its state in.
///
/// Reads through ``value(for:)`` and writes through ``insert(_:for:)`` mark an entry as used. Entries are kept in
/// use order in an `OrderedDictionary`; moving one to the end is linear in the size, which for the few thousand
/// entries it holds costs less than a linked list's allocations.
struct LeastRecentlyUsed<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var entries: OrderedDictionary<Key, Value> = [:]
    /// The most entries kept.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    /// The entries from least to most recently used.
    var keys: [Key] { Array(entries.keys) }

    /// Reads an entry and marks it as the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let index = entries.index(forKey: key) else { return nil }
        let value = entries.values[index]
        if index != entries.count - 1 {
            entries.remove(at: index)
            entries[key] = value
        }
        return value
    }

    /// Reads an entry without marking it as used.
    func peek(_ key: Key) -> Value? { entries[key] }

    /// Inserts or replaces an entry as the most recently used one.
    /// - Returns: The entry evicted to make room, if any.
    @discardableResult
    mutating func insert(_ value: Value, for key: Key) -> (key: Key, value: Value)? {
        if entries.removeValue(forKey: key) != nil {
            entries[key] = value
            return nil
        }
        var evicted: (key: Key, value: Value)?
        if entries.count >= capacity {
            evicted = entries.removeFirst()
        }
        entries[key] = value
        return evicted
    }

    /// Replaces an entry in place without marking it as used; does nothing when absent.
    mutating func update(_ key: Key, _ body: (inout Value) -> Void) {
        guard let index = entries.index(forKey: key) else { return }
        body(&entries.values[index])
    }

    /// Removes an entry.
    mutating func remove(_ key: Key) {
        entries.removeValue(forKey: key)
    }
}
