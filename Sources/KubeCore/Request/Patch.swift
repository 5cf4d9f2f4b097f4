public import Foundation

/// A patch and the content type that says how the server applies it.
///
/// See <https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/> and
/// <https://kubernetes.io/docs/reference/using-api/server-side-apply/>.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch: objects merge, `null` deletes, lists are replaced.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: an ordered list of operations.
    case json([JSONPatchOperation])
    /// Strategic merge patch: like a merge patch, but lists with a patch merge key merge by that key. Built-in
    /// kinds only.
    case strategicMerge(JSONValue)
    /// Server-side apply: the body is the full intent of one field manager. `force` takes ownership of fields other
    /// managers own instead of failing with a conflict.
    case apply(JSONValue, fieldManager: String, force: Bool)

    /// The `Content-Type` header value.
    public var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    /// The serialized body. JSON is valid YAML, so apply bodies are sent as JSON too.
    public func body() throws -> Data {
        switch self {
        case .merge(let value), .strategicMerge(let value), .apply(let value, _, _):
            return try value.serialized()
        case .json(let operations):
            return try KubeJSON.encode(operations)
        }
    }
}

/// One RFC 6902 operation.
public struct JSONPatchOperation: Codable, Sendable, Hashable {
    /// The operation name.
    public enum Op: String, Codable, Sendable, Hashable {
        case add, remove, replace, move, copy, test
    }

    public var op: Op
    /// A JSON pointer (RFC 6901) such as `/metadata/labels/app`.
    public var path: String
    public var value: JSONValue?
    /// The source pointer for `move` and `copy`.
    public var from: String?

    public init(op: Op, path: String, value: JSONValue? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }
}
