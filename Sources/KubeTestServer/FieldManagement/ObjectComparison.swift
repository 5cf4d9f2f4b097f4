package import KubeCore

/// The fields added, modified and removed between two versions of an object, as structured-merge-diff's
/// `TypedValue.Compare` reports them.
///
/// Scalars, atomic lists and atomic objects compare as leaves. A granular object, associative list or list item
/// present on one side only is itself added (or removed), together with everything below it; that is what gives
/// `Update` managers' field sets their `".": {}` entries. Two empty (or absent) containers compare as leaves so
/// that `{}` versus absent is still a change.
package struct ObjectComparison: Sendable, Hashable {
    package var added = FieldSet()
    package var modified = FieldSet()
    package var removed = FieldSet()

    /// Compares `old` (`nil` for a create) with `new`.
    package init(old: JSONValue?, new: JSONValue?, schema: MergeSchema) {
        compare(old, new, path: [], schemaPath: [], schema: schema)
    }

    /// Fields that are new or have a new value.
    package var changed: FieldSet { added.union(modified) }

    private mutating func compare(
        _ old: JSONValue?,
        _ new: JSONValue?,
        path: FieldPath,
        schemaPath: [String],
        schema: MergeSchema
    ) {
        guard old != nil || new != nil else { return }
        let isRoot = path.isEmpty
        if Self.isObjectOrAbsent(old) && Self.isObjectOrAbsent(new) && (isRoot || !schema.isAtomicObject(schemaPath)) {
            let oldMembers = old?.objectValue ?? [:]
            let newMembers = new?.objectValue ?? [:]
            if !(oldMembers.isEmpty && newMembers.isEmpty) || isRoot {
                for name in Set(oldMembers.keys).union(newMembers.keys) {
                    compare(
                        oldMembers[name],
                        newMembers[name],
                        path: path + [.field(name)],
                        schemaPath: schemaPath + [name],
                        schema: schema
                    )
                }
                recordPresence(old, new, path: path)
                return
            }
        } else if Self.isArrayOrAbsent(old) && Self.isArrayOrAbsent(new) {
            let oldItems = old?.arrayValue ?? []
            let newItems = new?.arrayValue ?? []
            if !(oldItems.isEmpty && newItems.isEmpty),
                let oldElements = schema.itemElements(of: oldItems, at: schemaPath),
                let newElements = schema.itemElements(of: newItems, at: schemaPath)
            {
                var oldByElement: [PathElement: JSONValue] = [:]
                for (item, element) in zip(oldItems, oldElements) where oldByElement[element] == nil {
                    oldByElement[element] = item
                }
                var newByElement: [PathElement: JSONValue] = [:]
                for (item, element) in zip(newItems, newElements) where newByElement[element] == nil {
                    newByElement[element] = item
                }
                for element in Set(oldElements).union(newElements) {
                    compare(
                        oldByElement[element],
                        newByElement[element],
                        path: path + [element],
                        schemaPath: schemaPath,
                        schema: schema
                    )
                }
                recordPresence(old, new, path: path)
                return
            }
        }
        guard !isRoot else { return }
        if old == nil {
            added.insert(path)
        } else if new == nil {
            removed.insert(path)
        } else if old != new {
            modified.insert(path)
        }
    }

    private mutating func recordPresence(_ old: JSONValue?, _ new: JSONValue?, path: FieldPath) {
        guard !path.isEmpty else { return }
        if old == nil {
            added.insert(path)
        } else if new == nil {
            removed.insert(path)
        }
    }

    private static func isObjectOrAbsent(_ value: JSONValue?) -> Bool {
        guard let value else { return true }
        return value.objectValue != nil
    }

    private static func isArrayOrAbsent(_ value: JSONValue?) -> Bool {
        guard let value else { return true }
        return value.arrayValue != nil
    }
}
