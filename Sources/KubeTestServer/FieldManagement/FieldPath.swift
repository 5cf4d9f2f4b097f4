import Foundation
package import KubeCore

/// One step of a path into an object, as structured-merge-diff names them.
package enum PathElement: Sendable, Hashable {
    /// A member of an object (`f:<name>` in `fieldsV1`).
    case field(String)
    /// An item of an associative list, identified by its key fields (`k:{"name":"web"}`).
    case key([KeyField])
    /// An item of a set, identified by its value (`v:"example.com/finalizer"`).
    case value(JSONValue)
    /// An item of a list identified only by position (`i:0`); never produced by this implementation, only read.
    case index(Int)

    /// One key field of an associative list item.
    package struct KeyField: Sendable, Hashable {
        package var name: String
        package var value: JSONValue

        package init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// The `fieldsV1` form: `f:spec`, `k:{"containerPort":80,"protocol":"TCP"}`, `v:"a"`, `i:3`.
    package var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            let object = JSONValue.object(JSONObject(fields.map { ($0.name, $0.value) }, keepingFirst: true))
            return "k:" + object.compactJSON
        case .value(let value): return "v:" + value.compactJSON
        case .index(let index): return "i:\(index)"
        }
    }

    /// Parses the `fieldsV1` form; `nil` for `.` and anything malformed.
    package init?(fieldsV1Key key: String) {
        guard key.count >= 2 else { return nil }
        let body = String(key.dropFirst(2))
        switch key.prefix(2) {
        case "f:": self = .field(body)
        case "k:":
            guard let object = JSONValue(compactJSON: body)?.objectValue else { return nil }
            self = .key(object.map { KeyField(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name })
        case "v:":
            guard let value = JSONValue(compactJSON: body) else { return nil }
            self = .value(value)
        case "i:":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default: return nil
        }
    }

    /// The printed form the API server uses in conflict messages: `.spec`, `[name="web"]`, `[="a"]`, `[0]`.
    package var printed: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields): return "[" + fields.map { "\($0.name)=\($0.value.printed)" }.joined(separator: ",") + "]"
        case .value(let value): return "[=\(value.printed)]"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// A path from the object root to a field or list item.
package typealias FieldPath = [PathElement]

extension Array where Element == PathElement {
    /// The printed form of the path, e.g. `.spec.template.spec.containers[name="web"].image`.
    package var printed: String { map(\.printed).joined() }
}

extension JSONValue {
    /// Compact JSON with sorted keys, as `fieldsV1` keys are written.
    var compactJSON: String {
        guard let data = try? serialized() else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    init?(compactJSON text: String) {
        guard let value = try? JSONValue(parsing: Data(text.utf8)) else { return nil }
        self = value
    }

    /// Go's `value.ToString`: strings quoted, everything else as JSON.
    fileprivate var printed: String { compactJSON }
}
