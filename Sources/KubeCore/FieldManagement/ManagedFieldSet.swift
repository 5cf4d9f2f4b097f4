/// The set of fields one field manager owns, read from a `metadata.managedFields[].fieldsV1` trie.
///
/// `fieldsV1` is structured-merge-diff's serialisation of a field set: each key is one path element and each value
/// the sub-trie below it. `f:<name>` names a member of a map or struct, `k:{"name":"app"}` an item of an
/// associative list by its key fields (written as compact JSON, key fields sorted by name:
/// `k:{"containerPort":80,"protocol":"TCP"}`), `v:<json>` an item of a set by its value, and `i:<n>` an item of a
/// list by position. A `"."` key marks a node that is itself a member of the set while it also has members below
/// it (an associative-list item owned together with some of its fields); a node with no children (`{}`) is a
/// member that is owned whole, such as a scalar, an atomic list or an atomic map.
///
/// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management> and structured-merge-diff's
/// [`fieldpath/serialize.go`](https://github.com/kubernetes-sigs/structured-merge-diff/blob/master/fieldpath/serialize.go).
public struct ManagedFieldSet: Sendable, Hashable {
    /// One step of a path into an object, as structured-merge-diff names it (`fieldpath.PathElement`).
    ///
    /// Values inside ``key(_:)`` and ``value(_:)`` are canonical: a number with no fractional part that fits in 64
    /// bits is held as ``JSONValue/integer(_:)``, so `80` and `80.0` name the same item.
    public enum PathElement: Sendable, Hashable {
        /// A member of a map or struct (`f:<name>`).
        case field(String)
        /// An item of an associative list (`x-kubernetes-list-type: map`) by its key fields (`k:{...}`).
        case key(JSONObject)
        /// An item of a set (`x-kubernetes-list-type: set`) by its value (`v:<json>`).
        case value(JSONValue)
        /// An item of a list by position (`i:<n>`), used only for lists without a merge key.
        case index(Int)

        /// Parses one `fieldsV1` key; `nil` for `.` and for anything malformed.
        ///
        /// - Parameter fieldsV1Key: The key, e.g. `f:spec` or `k:{"name":"app"}`.
        public init?(fieldsV1Key key: String) {
            // The prefix is two ASCII bytes and the body the bytes after them, as the API server reads the key (a
            // body that starts with a combining mark is read as written, where comparing `Character`s would not).
            let utf8 = key.utf8
            guard utf8.count >= 2, utf8[utf8.index(after: utf8.startIndex)] == UInt8(ascii: ":") else { return nil }
            let body = String(decoding: utf8.dropFirst(2), as: UTF8.self)
            switch utf8.first {
            case UInt8(ascii: "f"):
                self = .field(body)
            case UInt8(ascii: "k"):
                guard let fields = FieldsV1KeyScanner.parse(body)?.objectValue, !fields.isEmpty else {
                    return nil
                }
                self = .key(fields.mapValues(\.canonicalScalar))
            case UInt8(ascii: "v"):
                guard let value = FieldsV1KeyScanner.parse(body) else { return nil }
                self = .value(value.canonicalScalar)
            case UInt8(ascii: "i"):
                guard let index = Int(body), index >= 0 else { return nil }
                self = .index(index)
            default:
                return nil
            }
        }
    }

    /// A node of the trie: whether the path to it is itself a member, and the nodes below it.
    ///
    /// The children are a list in the order of their `fieldsV1` keys rather than a dictionary: a node has a handful
    /// of them, which the owned subset walks in order (so `f:` members come out sorted, as a `JSONObject` keeps
    /// them), and a dictionary per node was half the cost of reading a live object's digest.
    struct Node: Sendable, Hashable {
        var isMember = false
        var children: [Child] = []

        /// Owned whole: nothing below it is listed, so every part of its value belongs to the owner.
        var isLeaf: Bool { children.isEmpty }

        /// The node below `element`, if it is listed.
        func child(_ element: PathElement) -> Node? {
            children.first { $0.element == element }?.node
        }

        /// Equal when both list the same elements with equal nodes below them, in any order (two spellings of one
        /// key may have come in a different order).
        static func == (lhs: Node, rhs: Node) -> Bool {
            guard lhs.isMember == rhs.isMember, lhs.children.count == rhs.children.count else { return false }
            let others = Dictionary(rhs.children.map { ($0.element, $0.node) }, uniquingKeysWith: { _, last in last })
            return lhs.children.allSatisfy { others[$0.element] == $0.node }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(isMember)
            hasher.combine(children.count)
            // Independent of the children's order, as equality is.
            hasher.combine(children.reduce(0) { $0 ^ $1.hashValue })
        }
    }

    /// A path element listed below a node, and its own node.
    struct Child: Sendable, Hashable {
        var element: PathElement
        var node: Node
    }

    var root: Node

    /// The empty set.
    public init() { root = Node() }

    /// Reads a `fieldsV1` trie, e.g. `{"f:spec":{"f:replicas":{}}}`; keys that are not path elements are skipped,
    /// as are values that are not objects.
    ///
    /// - Parameter fieldsV1: The `fieldsV1` member of a `ManagedFieldsEntry`.
    public init(fieldsV1: JSONValue) {
        root = Self.node(fieldsV1, isMember: false)
    }

    private static func node(_ json: JSONValue, isMember: Bool) -> Node {
        var node = Node(isMember: isMember)
        guard let members = json.objectValue else { return node }
        node.children.reserveCapacity(members.count)
        // `f:` keys are unique in a JSON object, and so are their fields; other keys can spell one element twice
        // (`k:{"port":80}` and `k:{"port":80.0}`, `i:2` and `i:02`), and the last of them wins.
        var listed: [PathElement: Int] = [:]
        for (key, child) in members {
            if key == "." {
                node.isMember = true
                continue
            }
            guard let element = PathElement(fieldsV1Key: key) else { continue }
            let below = Child(element: element, node: Self.node(child, isMember: child.objectValue?.isEmpty ?? true))
            if case .field = element {
                node.children.append(below)
            } else if let position = listed[element] {
                node.children[position] = below
            } else {
                listed[element] = node.children.count
                node.children.append(below)
            }
        }
        return node
    }

    /// Whether the set lists nothing.
    public var isEmpty: Bool { root.children.isEmpty }

    /// Whether the set lists `path`, as a member or as the parent of members.
    ///
    /// - Parameter path: Path elements from the object root, e.g. `[.field("spec"), .field("replicas")]`.
    /// - Returns: `true` when the trie has a node at `path`.
    public func contains(_ path: [PathElement]) -> Bool {
        var node = root
        for element in path {
            guard let child = node.child(element) else { return false }
            node = child
        }
        return true
    }
}

extension JSONValue {
    /// The value with integral numbers held as integers, at every depth, so `1` and `1.0` compare equal.
    ///
    /// Only numbers that fit in `Int64` exactly become integers; other numbers keep their `Double` form.
    var canonicalScalar: JSONValue {
        switch self {
        case .number(let number):
            if number.rounded() == number, number >= -9.223_372_036_854_775_808e18,
                number < 9.223_372_036_854_775_808e18
            {
                return .integer(Int64(number))
            }
            return self
        case .array(let items):
            return .array(items.map(\.canonicalScalar))
        case .object(let members):
            return .object(members.mapValues(\.canonicalScalar))
        default:
            return self
        }
    }
}
