package import KubeCore

extension FieldSet {
    /// The fields an object sets, as structured-merge-diff's `ToFieldSet` computes them for an applied
    /// configuration: every scalar, atomic list and atomic object; every associative-list and set item (the
    /// item itself and, for associative items, its fields); members whose value is `null` or `{}`.
    ///
    /// Not modelled: upstream also makes members of map-typed objects (`labels`, `data`) members of the set
    /// when their value is an object; without struct/map typing we treat every object as a struct.
    package init(of object: JSONValue, schema: MergeSchema) {
        var paths: Set<FieldPath> = []
        Self.collect(object, path: [], schemaPath: [], schema: schema, into: &paths)
        self.init(paths)
    }

    private static func collect(
        _ value: JSONValue,
        path: FieldPath,
        schemaPath: [String],
        schema: MergeSchema,
        into paths: inout Set<FieldPath>
    ) {
        switch value {
        case .object(let members) where !schema.isAtomicObject(schemaPath) || path.isEmpty:
            for (name, member) in members {
                let memberPath = path + [.field(name)]
                if member.isNull || member.objectValue?.isEmpty == true {
                    paths.insert(memberPath)
                } else {
                    collect(member, path: memberPath, schemaPath: schemaPath + [name], schema: schema, into: &paths)
                }
            }
        case .array(let items):
            guard let elements = schema.itemElements(of: items, at: schemaPath) else {
                paths.insert(path)
                return
            }
            for (item, element) in zip(items, elements) {
                let itemPath = path + [element]
                paths.insert(itemPath)
                if case .key = element {
                    collect(item, path: itemPath, schemaPath: schemaPath, schema: schema, into: &paths)
                }
            }
        default:
            if !path.isEmpty { paths.insert(path) }
        }
    }
}

extension JSONValue {
    /// The object without the fields and list items in `set`, each removed with everything below it.
    ///
    /// Objects and lists emptied by the removal are removed too, as a built-in kind's `omitempty` would drop them
    /// on the real server.
    package func removing(_ set: FieldSet, schema: MergeSchema) -> JSONValue {
        guard !set.isEmpty else { return self }
        return removing(set, prefixes: set.prefixes, path: [], schemaPath: [], schema: schema)
    }

    private func removing(
        _ set: FieldSet,
        prefixes: Set<FieldPath>,
        path: FieldPath,
        schemaPath: [String],
        schema: MergeSchema
    ) -> JSONValue {
        switch self {
        case .object(var members) where !schema.isAtomicObject(schemaPath) || path.isEmpty:
            for (name, member) in members {
                let memberPath = path + [.field(name)]
                if set.contains(memberPath) {
                    members.removeValue(forKey: name)
                } else if prefixes.contains(memberPath) {
                    let pruned = member.removing(
                        set,
                        prefixes: prefixes,
                        path: memberPath,
                        schemaPath: schemaPath + [name],
                        schema: schema
                    )
                    // An emptied container goes entirely (a `nil` inside the conditional would become JSON `null`,
                    // since JSONValue is nil-literal expressible, and a schema would refuse it).
                    if pruned.isEmptyContainer && !member.isEmptyContainer {
                        members.removeValue(forKey: name)
                    } else {
                        members[name] = pruned
                    }
                }
            }
            return .object(members)
        case .array(let items):
            guard let elements = schema.itemElements(of: items, at: schemaPath) else { return self }
            var kept: [JSONValue] = []
            for (item, element) in zip(items, elements) {
                let itemPath = path + [element]
                if set.contains(itemPath) { continue }
                if prefixes.contains(itemPath) {
                    kept.append(
                        item.removing(set, prefixes: prefixes, path: itemPath, schemaPath: schemaPath, schema: schema)
                    )
                } else {
                    kept.append(item)
                }
            }
            return .array(kept)
        default:
            return self
        }
    }

    var isEmptyContainer: Bool {
        switch self {
        case .object(let members): return members.isEmpty
        case .array(let items): return items.isEmpty
        default: return false
        }
    }
}
