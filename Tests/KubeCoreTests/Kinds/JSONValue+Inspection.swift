import KubeCore

extension JSONValue {
    /// The paths (`spec.template.metadata.creationTimestamp`) of every `null` below this value and, when
    /// `includingEmpty`, of every empty object or array: what encoding a minimal object must never produce.
    func nullPaths(includingEmpty: Bool = false, at path: String = "") -> [String] {
        switch self {
        case .null:
            return [path]
        case .object(let members):
            if includingEmpty && members.isEmpty && !path.isEmpty { return [path] }
            return members.keys.sorted().flatMap { key in
                members[key]!.nullPaths(includingEmpty: includingEmpty, at: path.isEmpty ? key : "\(path).\(key)")
            }
        case .array(let elements):
            if includingEmpty && elements.isEmpty { return [path] }
            return elements.indices.flatMap {
                elements[$0].nullPaths(includingEmpty: includingEmpty, at: "\(path)[\($0)]")
            }
        default:
            return []
        }
    }

    /// The paths at which this value and `other` differ, for readable failure messages on large objects.
    func differingPaths(from other: JSONValue, at path: String = "") -> [String] {
        switch (self, other) {
        case (.object(let lhs), .object(let rhs)):
            return Set(lhs.keys).union(rhs.keys).sorted().flatMap { key -> [String] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let left = lhs[key], let right = rhs[key] else { return [child] }
                return left.differingPaths(from: right, at: child)
            }
        case (.array(let lhs), .array(let rhs)) where lhs.count == rhs.count:
            return lhs.indices.flatMap { lhs[$0].differingPaths(from: rhs[$0], at: "\(path)[\($0)]") }
        default:
            return self == other ? [] : [path]
        }
    }

    /// This value with every `null` object member removed, recursively, as a decoder into optionals sees it.
    func strippingNullMembers() -> JSONValue {
        switch self {
        case .object(let members):
            return .object(members.filter { !$0.value.isNull }.mapValues { $0.strippingNullMembers() })
        case .array(let elements):
            return .array(elements.map { $0.strippingNullMembers() })
        default:
            return self
        }
    }
}
