/// The members of a JSON object: a small, sorted array of unique keys and their values.
///
/// Kubernetes objects are trees of many small JSON objects (a Deployment has about forty, most with one to six
/// members). As a `Dictionary` each would be a hash table: an allocation sized to a power of two, every key hashed on
/// insert and on lookup, and a hashed teardown. `JSONObject` keeps the members in one array sorted by key instead, so
/// building one is an allocation and a short sort, a lookup is a binary search, and iteration, equality, hashing and
/// serialization follow the sorted order without sorting again. It behaves like `[String: JSONValue]`:
/// - keys are unique and compared as Swift strings (canonical equivalence, as `Dictionary` compares them);
/// - assigning `nil` through the subscript removes a member;
/// - equality ignores the order members were added in, and so does hashing;
/// - iteration yields `(key:value:)` pairs, in ascending key order (`String`'s `<`).
///
/// Where `Dictionary` traps on a repeated key (a dictionary literal), `JSONObject`
/// keeps the last value: the members come from user input and generated code, and losing a duplicate is better than
/// a crash. Inserting one member into a large object moves the members after it, so an object of thousands of keys
/// is best built with ``init(_:)`` from a sequence, which sorts once.
public struct JSONObject: Sendable {
    /// A member: a key and its value.
    public typealias Element = (key: String, value: JSONValue)

    /// A member as stored: `(key, value)`, the element type of a dictionary literal's variadic array, so
    /// ``init(dictionaryLiteral:)`` adopts that array as the storage instead of copying it member by member (a labeled
    /// tuple or a struct would be another type, and another allocation for every literal the renderers write). Only a
    /// literal whose keys are written in ascending order is adopted as it is: sorting one in another order copies it
    /// first, as the caller shares the array (a variadic parameter cannot be `consuming`). Where an object gains
    /// members after it is made, ``init(minimumCapacity:)`` saves the array from growing.
    @usableFromInline typealias Member = (String, JSONValue)

    /// The members, sorted by key, keys unique.
    @usableFromInline var members: [Member]

    /// An empty object.
    @inlinable public init() { members = [] }

    /// An empty object with room for `minimumCapacity` members.
    public init(minimumCapacity: Int) {
        members = []
        members.reserveCapacity(minimumCapacity)
    }

    /// The members of `dictionary`.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(unsorted: dictionary.map { ($0.key, $0.value) }, keepingFirst: false)
    }

    /// String members: labels, annotations, selectors.
    public init(strings: [String: String]) {
        self.init(unsorted: strings.map { ($0.key, .string($0.value)) }, keepingFirst: false)
    }

    /// The members of `pairs`; of repeated keys the last value is kept, or the first with `keepingFirst`.
    public init(_ pairs: some Sequence<(String, JSONValue)>, keepingFirst: Bool = false) {
        self.init(unsorted: Array(pairs), keepingFirst: keepingFirst)
    }

    /// Sorts `unsorted` into an object, keeping the first or the last of repeated keys.
    init(unsorted: [Member], keepingFirst: Bool) {
        var members = unsorted
        if !Self.isStrictlySorted(members) {
            Self.sort(&members)
            Self.removeRepeatedKeys(&members, keepingFirst: keepingFirst)
        }
        self.members = members
    }

    /// Makes room for `minimumCapacity` members.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        members.reserveCapacity(minimumCapacity)
    }

    /// The number of members.
    @inlinable public var count: Int { members.count }

    /// Whether there are no members.
    @inlinable public var isEmpty: Bool { members.isEmpty }

    /// The keys, ascending.
    public var keys: [String] { members.map(\.0) }

    /// The values, in the order of their keys.
    public var values: [JSONValue] { members.map(\.1) }

    /// The members as a dictionary.
    public var dictionary: [String: JSONValue] {
        var dictionary = [String: JSONValue](minimumCapacity: members.count)
        for (key, value) in members { dictionary[key] = value }
        return dictionary
    }

    /// The position of `key` if it is a member, or where it would be inserted.
    @usableFromInline func search(_ key: String) -> (index: Int, found: Bool) {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low &+ high) >> 1
            let candidate = members[middle].0
            if candidate == key { return (middle, true) }
            if candidate < key { low = middle &+ 1 } else { high = middle }
        }
        return (low, false)
    }

    /// The value of `key`, or `nil` when it is not a member. Assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            // Not a ternary: with `JSONValue` as the other branch, `nil` would become JSON `null`.
            let position = search(key)
            guard position.found else { return nil }
            return members[position.index].1
        }
        set {
            let position = search(key)
            switch (position.found, newValue) {
            case (true, let value?): members[position.index].1 = value
            case (true, nil): members.remove(at: position.index)
            case (false, let value?): members.insert((key, value), at: position.index)
            case (false, nil): break
            }
        }
    }

    /// The value of `key`, or `defaultValue` when it is not a member; writing stores the value.
    public subscript(key: String, default defaultValue: @autoclosure () -> JSONValue) -> JSONValue {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    /// Removes `key` and returns its value, or `nil` when it was not a member.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let position = search(key)
        guard position.found else { return nil }
        return members.remove(at: position.index).1
    }

    /// The object with each value transformed; keys are unchanged.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for index in result.members.indices {
            result.members[index].1 = try transform(result.members[index].1)
        }
        return result
    }

    /// A dictionary of the transformed values, as `Dictionary.mapValues` gives.
    public func mapValues<T>(_ transform: (JSONValue) throws -> T) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: members.count)
        for (key, value) in members { result[key] = try transform(value) }
        return result
    }

    /// A dictionary of the non-`nil` transformed values, e.g. `compactMapValues(\.stringValue)` for the string
    /// members.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: members.count)
        for (key, value) in members {
            if let transformed = try transform(value) { result[key] = transformed }
        }
        return result
    }

    /// The members for which `isIncluded` is true.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        JSONObject(sorted: try members.filter { try isIncluded((key: $0.0, value: $0.1)) })
    }

    /// This object with the members of `other` added; `combine` picks the value of a key both hold.
    public func merging(
        _ other: JSONObject,
        uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows -> JSONObject {
        var result = self
        try result.merge(other, uniquingKeysWith: combine)
        return result
    }

    /// Adds the members of `other`; `combine` picks the value of a key both hold.
    public mutating func merge(
        _ other: JSONObject,
        uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows {
        guard !other.isEmpty else { return }
        guard !isEmpty else {
            self = other
            return
        }
        var merged: [Member] = []
        merged.reserveCapacity(members.count + other.members.count)
        var left = members.startIndex
        var right = other.members.startIndex
        while left < members.endIndex, right < other.members.endIndex {
            let mine = members[left]
            let theirs = other.members[right]
            if mine.0 == theirs.0 {
                merged.append((mine.0, try combine(mine.1, theirs.1)))
                left += 1
                right += 1
            } else if mine.0 < theirs.0 {
                merged.append(mine)
                left += 1
            } else {
                merged.append(theirs)
                right += 1
            }
        }
        merged += members[left...]
        merged += other.members[right...]
        members = merged
    }

    /// An object of members already sorted by key, keys unique.
    init(sorted members: [Member]) {
        self.members = members
    }

    static func isStrictlySorted(_ members: [Member]) -> Bool {
        var index = 1
        while index < members.count {
            guard members[index - 1].0 < members[index].0 else { return false }
            index += 1
        }
        return true
    }

    /// Sorts by key, stably (repeated keys keep their order): insertion sort for the small objects that are the
    /// rule, the standard library's sort above.
    static func sort(_ members: inout [Member]) {
        if members.count > 16 {
            // Stable: ties ordered by original position.
            let ordered = members.enumerated().sorted {
                $0.element.0 < $1.element.0 || ($0.element.0 == $1.element.0 && $0.offset < $1.offset)
            }
            members = ordered.map(\.element)
            return
        }
        // Members are moved bitwise (as every Swift value may be): assignments would retain and release each one.
        members.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 1
            while index < buffer.count {
                if buffer[index].0 < buffer[index - 1].0 {
                    let member = (base + index).move()
                    var slot = index
                    repeat {
                        (base + slot).moveInitialize(from: base + slot - 1, count: 1)
                        slot -= 1
                    } while slot > 0 && member.0 < buffer[slot - 1].0
                    (base + slot).initialize(to: member)
                }
                index += 1
            }
        }
    }

    /// Removes all but one of each run of equal keys in sorted, stable `members`.
    static func removeRepeatedKeys(_ members: inout [Member], keepingFirst: Bool) {
        guard members.count > 1 else { return }
        var write = 0
        for read in 1..<members.count {
            if members[read].0 == members[write].0 {
                if !keepingFirst { members[write] = members[read] }
            } else {
                write += 1
                if write != read { members[write] = members[read] }
            }
        }
        members.removeSubrange((write + 1)...)
    }
}

extension JSONObject: RandomAccessCollection {
    public typealias Index = Int

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { members.count }
    @inlinable public subscript(position: Int) -> Element {
        let member = members[position]
        return (key: member.0, value: member.1)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object of the literal's members; of repeated keys the last value is kept.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(unsorted: elements, keepingFirst: false)
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for index in lhs.members.indices {
            let left = lhs.members[index]
            let right = rhs.members[index]
            guard left.0 == right.0, left.1 == right.1 else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for (key, value) in members {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

extension JSONObject: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [String: JSONValue](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try dictionary.encode(to: encoder)
    }
}

extension JSONObject: CustomStringConvertible {
    public var description: String {
        "[" + members.map { "\(String(reflecting: $0.0)): \($0.1)" }.joined(separator: ", ") + "]"
    }
}
