package import KubeCore

/// A set of field paths: what one manager owns, or what changed between two objects.
///
/// A path is a member when the field or list item itself is in the set; intermediate objects are members only
/// when they were added or emptied as a whole (the `.` entry of `fieldsV1`).
package struct FieldSet: Sendable, Hashable {
    /// The member paths.
    package var paths: Set<FieldPath>

    package init(_ paths: some Sequence<FieldPath> = []) { self.paths = Set(paths) }

    package var isEmpty: Bool { paths.isEmpty }

    package func contains(_ path: FieldPath) -> Bool { paths.contains(path) }

    package mutating func insert(_ path: FieldPath) { paths.insert(path) }

    package func union(_ other: FieldSet) -> FieldSet { FieldSet(paths.union(other.paths)) }

    package func subtracting(_ other: FieldSet) -> FieldSet { FieldSet(paths.subtracting(other.paths)) }

    package func intersection(_ other: FieldSet) -> FieldSet { FieldSet(paths.intersection(other.paths)) }

    /// The members that satisfy `isIncluded`.
    package func filter(_ isIncluded: (FieldPath) -> Bool) -> FieldSet { FieldSet(paths.filter(isIncluded)) }

    /// The members in a stable order (by printed form), for messages and tests.
    package var sortedPaths: [FieldPath] { paths.sorted { $0.printed < $1.printed } }

    /// Every proper prefix of every member: the intermediate nodes a walk must descend into.
    var prefixes: Set<FieldPath> {
        var result: Set<FieldPath> = []
        for path in paths where !path.isEmpty {
            for length in 0..<path.count { result.insert(Array(path.prefix(length))) }
        }
        return result
    }
}

extension FieldSet {
    /// Reads the `fieldsV1` trie encoding (`{"f:spec":{"f:replicas":{}}}`); malformed keys are skipped.
    package init(fieldsV1: JSONValue) {
        var paths: Set<FieldPath> = []
        Self.decode(fieldsV1, prefix: [], into: &paths)
        self.init(paths)
    }

    private static func decode(_ node: JSONValue, prefix: FieldPath, into paths: inout Set<FieldPath>) {
        guard let members = node.objectValue else { return }
        for (key, child) in members {
            if key == "." {
                if !prefix.isEmpty { paths.insert(prefix) }
                continue
            }
            guard let element = PathElement(fieldsV1Key: key) else { continue }
            let path = prefix + [element]
            if child.objectValue?.isEmpty ?? true {
                paths.insert(path)
            } else {
                decode(child, prefix: path, into: &paths)
            }
        }
    }

    /// The `fieldsV1` trie encoding: a member with children gets a `".": {}` entry.
    package var fieldsV1: JSONValue {
        var root = TrieNode()
        for path in paths where !path.isEmpty { root.insert(path[...]) }
        return root.json
    }
}

/// A node of the `fieldsV1` trie while it is being built.
private struct TrieNode {
    var isMember = false
    var children: [String: TrieNode] = [:]

    mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let first = path.first else {
            isMember = true
            return
        }
        children[first.fieldsV1Key, default: TrieNode()].insert(path.dropFirst())
    }

    var json: JSONValue {
        var members = JSONObject(children.lazy.map { ($0.key, $0.value.json) })
        if isMember && !children.isEmpty { members["."] = .object([:]) }
        return .object(members)
    }
}
