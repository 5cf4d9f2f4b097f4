import Foundation
import KubeCore
import Synchronization

/// The admission steps every write goes through before storage, as pure functions: unknown-field handling
/// (`fieldValidation`), custom resource pruning and defaulting, validation, and `managedFields`.
struct WritePreparation: Sendable {
    var type: ResourceType
    /// The schema of a custom resource version, when it has one.
    var schema: CustomResourceSchema?
    /// `Strict`, `Warn` or `Ignore` (custom resources only; built-ins are not checked for unknown fields).
    var fieldValidation: String
    var fieldManager: String
    var subresource: String?
    var warnings: Warnings

    /// Collects `Warning:` headers produced inside a store transform.
    final class Warnings: Sendable {
        private let messages = Mutex<[String]>([])
        func append(_ message: String) { messages.withLock { $0.append(message) } }
        var headers: [(String, String)] {
            messages.withLock { $0 }.map { ("Warning", "299 - \"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"") }
        }
    }

    /// List and map semantics for server-side apply and strategic merge patch: the CRD schema's for custom
    /// resources, the built-in table (containers by name, ports by port and protocol, …) for built-in kinds.
    var mergeSchema: MergeSchema {
        if let schema { return schema.mergeSchema }
        return type.isCustom ? .atomicLists : .builtIn
    }

    /// Prunes, defaults and validates a new state, then records the field manager's ownership.
    /// - Parameter recordManager: `false` for apply, whose field manager already updated `managedFields`.
    func prepare(_ object: JSONValue, old: JSONValue?, recordManager: Bool = true) throws(APIError) -> JSONValue {
        var object = object
        if type.group.isEmpty, type.kind == "Secret" { object = Self.mergingStringData(object) }
        if let schema, subresource == nil || subresource == "status" {
            let pruned = schema.pruning(object)
            if pruned != object {
                let unknown = Self.unknownFields(in: object, notIn: pruned, path: [])
                switch fieldValidation {
                case "Strict":
                    let list = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                    throw APIError.badRequest("strict decoding error: \(list)")
                case "Ignore": break
                default: for field in unknown { warnings.append("unknown field \"\(field)\"") }
                }
            }
            object = schema.applyingDefaults(to: pruned)
            let causes = schema.validate(object, old: old)
            if !causes.isEmpty {
                throw APIError.invalid(
                    kind: type.kind,
                    group: type.group,
                    name: ObjectRules.name(of: object),
                    causes: causes
                )
            }
        }
        let causes = ObjectValidation.validate(object, type: type)
        if !causes.isEmpty {
            throw APIError.invalid(
                kind: type.kind,
                group: type.group,
                name: ObjectRules.name(of: object),
                causes: causes
            )
        }
        if recordManager {
            object = FieldManager.update(
                old: old,
                new: object,
                manager: fieldManager,
                apiVersion: type.apiVersion,
                subresource: subresource,
                schema: mergeSchema,
                now: Time(Date())
            )
        }
        return object
    }

    /// Dotted paths present in `object` but removed by pruning.
    /// A Secret's write-only `stringData` merged into `data` (base64), as the API server's v1 conversion does: the
    /// stored object never has `stringData`, and its keys win over `data`'s. See
    /// <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/>.
    static func mergingStringData(_ secret: JSONValue) -> JSONValue {
        guard let strings = secret["stringData"]?.objectValue else { return secret }
        var secret = secret
        var data = secret["data"]?.objectValue ?? [:]
        for (key, value) in strings {
            data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
        }
        secret["data"] = .object(data)
        secret["stringData"] = nil
        return secret
    }

    static func unknownFields(in object: JSONValue, notIn pruned: JSONValue, path: [String]) -> [String] {
        switch (object, pruned) {
        case (.object(let members), .object(let kept)):
            return members.keys.sorted().flatMap { key -> [String] in
                guard let keptValue = kept[key] else { return [(path + [key]).joined(separator: ".")] }
                return unknownFields(in: members[key]!, notIn: keptValue, path: path + [key])
            }
        case (.array(let items), .array(let keptItems)) where items.count == keptItems.count:
            return zip(items, keptItems).enumerated().flatMap { index, pair in
                var indexed = path
                if let last = indexed.popLast() { indexed.append("\(last)[\(index)]") }
                return unknownFields(in: pair.0, notIn: pair.1, path: indexed)
            }
        default: return []
        }
    }
}
