import Foundation
package import KubeCore

/// Associative-list items that share a key in an applied configuration.
///
/// Server-side apply cannot build a typed patch from a configuration with two items of one key (two services named
/// `api`): structured-merge-diff fails with `.spec.services: duplicate entries for key [name="api"]`, and the API
/// server answers 500 with `failed to create typed patch object (…)` before anything is stored. Objects written by
/// create or update may hold duplicates (validation, if any, rejects them); only the applied configuration is
/// checked here. See kubernetes/kubernetes#121575.
package enum DuplicateListKeys {
    /// One structured-merge-diff error line per associative list with duplicate keys, in document order.
    package static func errors(in config: JSONValue, schema: MergeSchema) -> [String] {
        var errors: [String] = []
        walk(config, fieldPath: [], display: "", schema: schema, into: &errors)
        return errors
    }

    private static func walk(
        _ value: JSONValue,
        fieldPath: [String],
        display: String,
        schema: MergeSchema,
        into errors: inout [String]
    ) {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                walk(
                    members[key]!,
                    fieldPath: fieldPath + [key],
                    display: display + "." + key,
                    schema: schema,
                    into: &errors
                )
            }
        case .array(let items):
            guard case .map(let keys) = schema.listType(fieldPath) else { return }
            let defaults = schema.keyDefaults(fieldPath)
            let rendered = items.map { item in
                keys.map { key -> String in
                    let keyValue = item[key] ?? defaults[key] ?? .null
                    let text = (try? keyValue.serialized()).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
                    return "\(key)=\(text)"
                }.joined(separator: ",")
            }
            var seen: Set<String> = []
            var reported: Set<String> = []
            for key in rendered where !seen.insert(key).inserted && reported.insert(key).inserted {
                errors.append("\(display): duplicate entries for key [\(key)]")
            }
            for (item, key) in zip(items, rendered) {
                if case .object = item {
                    walk(item, fieldPath: fieldPath, display: "\(display)[\(key)]", schema: schema, into: &errors)
                }
            }
        default:
            return
        }
    }
}
