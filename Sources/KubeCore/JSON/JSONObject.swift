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

    /// A member as stored: a struct rather than the `Element` tuple, so copying and destroying arrays of members
    /// use specialized code instead of the runtime's generic tuple witnesses.
    @usableFromInline struct Member: Sendable {
        @usableFromInline var key: String
        @usableFromInline var value: JSONValue

        @usableFromInline init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

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
        self.init(unsorted: dictionary.map { Member(key: $0.key, value: $0.value) }, keepingFirst: false)
    }

    /// String members: labels, annotations, selectors.
    public init(strings: [String: String]) {
        self.init(unsorted: strings.map { Member(key: $0.key, value: .string($0.value)) }, keepingFirst: false)
    }

    /// The members of `pairs`; of repeated keys the last value is kept, or the first with `keepingFirst`.
    public init(_ pairs: some Sequence<(String, JSONValue)>, keepingFirst: Bool = false) {
        self.init(unsorted: pairs.map { Member(key: $0.0, value: $0.1) }, keepingFirst: keepingFirst)
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
    public var keys: [String] { members.map(\.key) }

    /// The values, in the order of their keys.
    public var values: [JSONValue] { members.map(\.value) }

    /// The members as a dictionary.
    public var dictionary: [String: JSONValue] {
        var dictionary = [String: JSONValue](minimumCapacity: members.count)
        for member in members { dictionary[member.key] = member.value }
        return dictionary
    }

    /// The position of `key` if it is a member, or where it would be inserted.
    @usableFromInline func search(_ key: String) -> (index: Int, found: Bool) {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low &+ high) >> 1
            let candidate = members[middle].key
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
            return members[position.index].value
        }
        set {
            let position = search(key)
            switch (position.found, newValue) {
            case (true, let value?): members[position.index].value = value
            case (true, nil): members.remove(at: position.index)
            case (false, let value?): members.insert(Member(key: key, value: value), at: position.index)
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
        return members.remove(at: position.index).value
    }

    /// The object with each value transformed; keys are unchanged.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for index in result.members.indices {
            result.members[index].value = try transform(result.members[index].value)
        }
        return result
    }

    /// A dictionary of the transformed values, as `Dictionary.mapValues` gives.
    public func mapValues<T>(_ transform: (JSONValue) throws -> T) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: members.count)
        for member in members { result[member.key] = try transform(member.value) }
        return result
    }

    /// A dictionary of the non-`nil` transformed values, e.g. `compactMapValues(\.stringValue)` for the string
    /// members.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: members.count)
        for member in members {
            if let value = try transform(member.value) { result[member.key] = value }
        }
        return result
    }

    /// The members for which `isIncluded` is true.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        JSONObject(sorted: try members.filter { try isIncluded((key: $0.key, value: $0.value)) })
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
            if mine.key == theirs.key {
                merged.append(Member(key: mine.key, value: try combine(mine.value, theirs.value)))
                left += 1
                right += 1
            } else if mine.key < theirs.key {
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
            guard members[index - 1].key < members[index].key else { return false }
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
                $0.element.key < $1.element.key || ($0.element.key == $1.element.key && $0.offset < $1.offset)
            }
            members = ordered.map(\.element)
            return
        }
        var index = 1
        while index < members.count {
            let member = members[index]
            var slot = index
            while slot > 0, member.key < members[slot - 1].key {
                members[slot] = members[slot - 1]
                slot -= 1
            }
            members[slot] = member
            index += 1
        }
    }

    /// Removes all but one of each run of equal keys in sorted, stable `members`.
    static func removeRepeatedKeys(_ members: inout [Member], keepingFirst: Bool) {
        guard members.count > 1 else { return }
        var write = 0
        for read in 1..<members.count {
            if members[read].key == members[write].key {
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
        return (key: member.key, value: member.value)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object of the literal's members; of repeated keys the last value is kept.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for index in lhs.members.indices {
            let left = lhs.members[index]
            let right = rhs.members[index]
            guard left.key == right.key, left.value == right.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
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
        "[" + members.map { "\(String(reflecting: $0.key)): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
