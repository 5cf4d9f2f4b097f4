package import KubeCore

/// Strategic merge patch for built-in kinds: like a JSON merge patch, but associative lists merge by key and the
/// `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/...` and `$setElementOrder/...` directives are honoured.
///
/// A port of the parts of apimachinery's `strategicpatch.StrategicMergeMapPatch` that kubectl `label`,
/// `annotate`, `scale`, `set image`, `edit` and client-side `apply` produce, with the merge keys taken from a
/// ``MergeSchema`` instead of Go struct tags:
/// - objects merge member by member; `null` removes a member (and nulls for absent members are dropped, as the
///   server's `IgnoreUnmatchedNulls` does);
/// - associative lists (``ListType/map(keys:)``) merge item by item, matching on the key fields the patch item
///   gives (a missing key field takes the schema default, so a container port without `protocol` matches `TCP`);
///   new items are appended; sets (``ListType/set``) are unions; every other list is replaced;
/// - `{"$patch": "replace"}` replaces an object, `{"$patch": "delete"}` empties it (upstream returns `{}`), and
///   `{"$patch": "merge"}` is the default; in an associative list an item `{"$patch": "delete", <key>: …}`
///   removes the matching items and an item `{"$patch": "replace"}` makes the other patch items the whole list;
/// - `$retainKeys: [..]` drops the members of the original object not listed before merging;
/// - `$deleteFromPrimitiveList/<field>: [..]` removes those values from the primitive list `<field>`;
/// - `$setElementOrder/<field>: [..]` orders the merged list: listed items in that order, the server-only items
///   interleaved by their original positions (upstream `normalizeElementOrder`). Without it, the patch's own
///   order plays that role, as upstream.
///
/// Unlike upstream, objects are always merged (upstream has no atomic maps in strategic merge patch either), and
/// a `$patch: merge` item in a list is ignored rather than rejected.
///
/// See <https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/>.
package enum StrategicMergePatch {
    /// A patch the server rejects with 400/422.
    package struct InvalidPatch: Error, Sendable, Hashable {
        /// The field path of the problem, e.g. `spec.template.spec.containers`.
        package var field: String
        package var reason: String

        package init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }
    }

    /// Applies `patch` to `original`.
    ///
    /// - Throws: ``InvalidPatch`` when the patch is not an object, uses an unknown `$patch` value, or has an
    ///   associative-list item without its merge key.
    package static func apply(
        _ patch: JSONValue,
        to original: JSONValue,
        schema: MergeSchema
    ) throws(InvalidPatch) -> JSONValue {
        guard let patchMembers = patch.objectValue else {
            throw InvalidPatch(field: "", reason: "a strategic merge patch must be a JSON object")
        }
        let merger = Merger(schema: schema)
        return .object(try merger.mergeObject(original.objectValue ?? [:], patchMembers, path: []))
    }
}

private let directiveMarker = "$patch"
private let retainKeysDirective = "$retainKeys"
private let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"
private let setElementOrderPrefix = "$setElementOrder/"

/// The recursive merge, carrying the schema.
private struct Merger {
    typealias InvalidPatch = StrategicMergePatch.InvalidPatch

    var schema: MergeSchema

    func mergeObject(
        _ original: JSONObject,
        _ patch: JSONObject,
        path: [String]
    ) throws(InvalidPatch) -> JSONObject {
        var patch = patch
        if let directive = patch.removeValue(forKey: directiveMarker) {
            switch directive.stringValue {
            case "replace": return try mergeObject([:], patch, path: path)
            case "delete": return [:]
            case "merge": break
            default: throw InvalidPatch(field: path.joined(separator: "."), reason: "unknown $patch: \(directive)")
            }
        }
        var result = original
        if let retained = patch.removeValue(forKey: retainKeysDirective) {
            let keep = Set((retained.arrayValue ?? []).compactMap(\.stringValue))
            result = result.filter { keep.contains($0.key) }
        }
        var orders: [String: [JSONValue]] = [:]
        for (key, value) in patch {
            if key.hasPrefix(setElementOrderPrefix) {
                orders[String(key.dropFirst(setElementOrderPrefix.count))] = value.arrayValue ?? []
                patch[key] = nil
            } else if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                let field = String(key.dropFirst(deleteFromPrimitiveListPrefix.count))
                let doomed = value.arrayValue ?? []
                if let items = result[field]?.arrayValue {
                    result[field] = .array(items.filter { !doomed.contains($0) })
                }
                patch[key] = nil
            }
        }
        for (key, value) in patch {
            let childPath = path + [key]
            switch value {
            case .null:
                result[key] = nil
            case .object(let members):
                result[key] = .object(try mergeObject(result[key]?.objectValue ?? [:], members, path: childPath))
            case .array(let items):
                result[key] = .array(
                    try mergeList(result[key]?.arrayValue ?? [], items, order: orders[key], path: childPath)
                )
            default:
                result[key] = value
            }
        }
        for (key, order) in orders where patch[key] == nil {
            guard let items = result[key]?.arrayValue else { continue }
            result[key] = .array(normalizeOrder(items, order: order, original: items, path: path + [key]))
        }
        return result
    }

    func mergeList(
        _ original: [JSONValue],
        _ patch: [JSONValue],
        order: [JSONValue]?,
        path: [String]
    ) throws(InvalidPatch) -> [JSONValue] {
        switch schema.listType(path) {
        case .atomic:
            return patch
        case .set:
            guard patch.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) else { return patch }
            var merged: [JSONValue] = []
            for item in original + patch where !merged.contains(item) { merged.append(item) }
            return normalizeOrder(merged, order: order ?? patch, original: original, path: path)
        case .map:
            var remaining = original
            var items: [JSONObject] = []
            var replace = false
            for item in patch {
                guard var members = item.objectValue else {
                    throw InvalidPatch(field: path.joined(separator: "."), reason: "list item is not an object")
                }
                guard let directive = members.removeValue(forKey: directiveMarker) else {
                    items.append(members)
                    continue
                }
                switch directive.stringValue {
                case "delete":
                    let identity = try self.identity(of: members, path: path)
                    remaining.removeAll { self.identity(ofOriginal: $0, matching: identity, path: path) }
                case "replace": replace = true
                case "merge": break
                default:
                    throw InvalidPatch(field: path.joined(separator: "."), reason: "unknown $patch: \(directive)")
                }
            }
            if replace {
                var replaced: [JSONValue] = []
                for item in items { replaced.append(.object(try mergeObject([:], item, path: path))) }
                return replaced
            }
            var merged = remaining
            for item in items {
                let identity = try self.identity(of: item, path: path)
                if let index = merged.firstIndex(where: {
                    self.identity(ofOriginal: $0, matching: identity, path: path)
                }) {
                    merged[index] = .object(try mergeObject(merged[index].objectValue ?? [:], item, path: path))
                } else {
                    merged.append(.object(try mergeObject([:], item, path: path)))
                }
            }
            return normalizeOrder(merged, order: order ?? items.map(JSONValue.object), original: original, path: path)
        }
    }

    /// The key fields a patch item gives, with schema defaults for the missing ones.
    private func identity(of item: JSONObject, path: [String]) throws(InvalidPatch) -> JSONObject {
        guard case .map(let keys) = schema.listType(path) else { return [:] }
        let defaults = schema.keyDefaults(path)
        var identity: JSONObject = [:]
        for key in keys {
            if let value = item[key] ?? defaults[key] { identity[key] = value }
        }
        guard let first = keys.first, item[first] != nil else {
            throw InvalidPatch(
                field: path.joined(separator: "."),
                reason: "map: \(JSONValue.object(item)) does not contain declared merge key: \(keys.first ?? "")"
            )
        }
        return identity
    }

    private func identity(ofOriginal item: JSONValue, matching identity: JSONObject, path: [String]) -> Bool {
        let defaults = schema.keyDefaults(path)
        return identity.allSatisfy { key, value in (item[key] ?? defaults[key]) == value }
    }

    /// Upstream `normalizeElementOrder`: items named by `order` come in that order; the others keep their
    /// relative order and are interleaved by their positions in `original`.
    func normalizeOrder(_ merged: [JSONValue], order: [JSONValue], original: [JSONValue], path: [String]) -> [JSONValue]
    {
        let rank: (JSONValue, [JSONValue]) -> Int? = { item, list in
            list.firstIndex { self.sameItem($0, item, path: path) }
        }
        var ordered: [(rank: Int, item: JSONValue)] = []
        var serverOnly: [JSONValue] = []
        for item in merged {
            if let position = rank(item, order) { ordered.append((position, item)) } else { serverOnly.append(item) }
        }
        let right = ordered.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.item)
        var result: [JSONValue] = []
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < serverOnly.count || rightIndex < right.count {
            if leftIndex >= serverOnly.count {
                result.append(right[rightIndex])
                rightIndex += 1
            } else if rightIndex >= right.count {
                result.append(serverOnly[leftIndex])
                leftIndex += 1
            } else if let l = rank(serverOnly[leftIndex], original), let r = rank(right[rightIndex], original), l < r {
                result.append(serverOnly[leftIndex])
                leftIndex += 1
            } else {
                result.append(right[rightIndex])
                rightIndex += 1
            }
        }
        return result
    }

    private func sameItem(_ lhs: JSONValue, _ rhs: JSONValue, path: [String]) -> Bool {
        guard case .map(let keys) = schema.listType(path), lhs.objectValue != nil else { return lhs == rhs }
        let defaults = schema.keyDefaults(path)
        return keys.allSatisfy { key in (lhs[key] ?? defaults[key]) == (rhs[key] ?? defaults[key]) }
    }
}
