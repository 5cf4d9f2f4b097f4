import KubeCore

extension MergeSchema {
    /// The identity of each item of the list at `path`, or `nil` when the list is merged and owned as a whole:
    /// an atomic list, or items that cannot be identified (a set of non-scalars, an associative item that is not
    /// an object or has none of its key fields).
    func itemElements(of items: [JSONValue], at path: [String]) -> [PathElement]? {
        switch listType(path) {
        case .atomic:
            return nil
        case .set:
            var elements: [PathElement] = []
            for item in items {
                switch item {
                case .object, .array, .null: return nil
                default: elements.append(.value(item))
                }
            }
            return elements
        case .map(let keys):
            let defaults = keyDefaults(path)
            var elements: [PathElement] = []
            for item in items {
                guard let members = item.objectValue else { return nil }
                let fields = keys.sorted().compactMap { key -> PathElement.KeyField? in
                    guard let value = members[key].flatMap({ $0.isNull ? nil : $0 }) ?? defaults[key] else {
                        return nil
                    }
                    return PathElement.KeyField(name: key, value: value)
                }
                guard !fields.isEmpty else { return nil }
                elements.append(.key(fields))
            }
            return elements
        }
    }

    /// Whether a value at `path` is walked member by member (a granular object).
    func isGranularObject(_ value: JSONValue?, at path: [String]) -> Bool {
        guard case .object = value else { return false }
        return !isAtomicObject(path)
    }
}
