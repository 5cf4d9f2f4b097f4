extension ManagedFieldSet {
    /// The parts of `object` at the fields this set lists: what its owner set there, as far as the object still
    /// holds it.
    ///
    /// - A map or struct keeps only the members listed (`f:`), each reduced in turn.
    /// - A list keeps the items listed, in the object's order: associative-list items matched by their key fields
    ///   (`k:`), set items by value (`v:`), positional items by index (`i:`); each reduced in turn.
    /// - A field listed with nothing below it (a scalar, an atomic list or map, an item owned whole) keeps its whole
    ///   value, including parts that other managers or defaulting added below it.
    /// - Listed fields the object no longer has are simply absent.
    ///
    /// A key field that an item of the object does not carry is not compared, because the API server fills key
    /// fields that have an OpenAPI default (a container port's `protocol: TCP`) into the key it records, while a
    /// typed object may omit them. Such a partial match counts only when exactly one listed key allows it.
    ///
    /// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management>.
    ///
    /// - Parameter object: A live object, or any value below it.
    /// - Returns: The owned subset, or `nil` when the set lists nothing or nothing listed is in `object`.
    public func ownedSubset(of object: JSONValue) -> JSONValue? {
        guard !isEmpty else { return nil }
        return Self.subset(of: object, at: root)
    }

    private static func subset(of value: JSONValue, at node: Node) -> JSONValue? {
        if node.isLeaf { return value }
        switch value {
        case .object(let members):
            // The children come in key order, so the kept members are sorted already and the object is not sorted
            // again (inserting each into a sorted object would move the ones after it: quadratic for a large owned
            // map such as a ConfigMap's data).
            var kept: [(String, JSONValue)] = []
            for child in node.children {
                guard case .field(let name) = child.element, let member = members[name] else { continue }
                if let reduced = subset(of: member, at: child.node) { kept.append((name, reduced)) }
            }
            return .object(JSONObject(kept))
        case .array(let items):
            var kept: [JSONValue] = []
            var matched: Set<Int> = []
            // Index and value items are found by lookup when there are many (a large set), by a scan otherwise.
            let listed =
                node.children.count > 16
                ? Dictionary(
                    node.children.enumerated().map { ($0.element.element, $0.offset) },
                    uniquingKeysWith: { first, _ in first }
                ) : nil
            for (index, item) in items.enumerated() {
                guard let position = match(item, at: index, among: node.children, listed: listed),
                    matched.insert(position).inserted,
                    let reduced = subset(of: item, at: node.children[position].node)
                else { continue }
                kept.append(reduced)
            }
            return .array(kept)
        default:
            // The owner set an object or list here, and something else replaced it with a scalar.
            return nil
        }
    }

    /// The position among `children` of the listed path element that names `item`; `listed`, when given, holds the
    /// position of each child's element.
    private static func match(
        _ item: JSONValue,
        at index: Int,
        among children: [Child],
        listed: [PathElement: Int]?
    ) -> Int? {
        func position(of element: PathElement) -> Int? {
            listed.map { $0[element] } ?? children.firstIndex { $0.element == element }
        }
        if let position = position(of: .index(index)) { return position }
        switch item {
        case .object(let members):
            var lenient: [Int] = []
            for (position, child) in children.enumerated() {
                guard case .key(let fields) = child.element else { continue }
                var compared = 0
                var equal = true
                for (name, value) in fields {
                    guard let member = members[name] else { continue }
                    compared += 1
                    if member.canonicalScalar != value {
                        equal = false
                        break
                    }
                }
                guard equal, compared > 0 else { continue }
                if compared == fields.count { return position }
                lenient.append(position)
            }
            // Two keys that differ only in fields the item lacks: the match would depend on which comes first.
            return lenient.count == 1 ? lenient[0] : nil
        case .array:
            return nil
        default:
            return position(of: .value(item.canonicalScalar))
        }
    }
}
