import KubeCore

/// Block-style YAML for a JSON value with comment lines placed above the keys and list items they concern,
/// addressed by field path (`spec.services[0].healthCheck`).
///
/// Keys follow the order people read manifests in (`apiVersion`, `kind`, `metadata`, `spec`, then `name` first),
/// the rest alphabetically. Strings are quoted only when a YAML 1.1 or 1.2 reader would take them for something
/// else, with JSON's escapes, which YAML's double-quoted style accepts; so the output reads back to the same value.
struct CommentedYAML: Sendable {
    /// Comment lines (without `# `) by the field path they stand above.
    var comments: [String: [String]] = [:]
    /// The widest a comment line may be, including indentation and `# `.
    var width = 118

    /// `value` as one YAML document ending with a newline.
    func document(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let members) where !members.isEmpty:
            emitMapping(members, path: "", indent: 0, into: &out)
        default:
            out = Self.scalar(value) + "\n"
        }
        return out
    }

    /// Every path `value` has, for placing comments whose path is absent at the nearest ancestor.
    static func paths(of value: JSONValue, prefix: String = "") -> Set<String> {
        var result: Set<String> = prefix.isEmpty ? [] : [prefix]
        switch value {
        case .object(let members):
            for (key, member) in members {
                result.formUnion(paths(of: member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)"))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                result.formUnion(paths(of: element, prefix: "\(prefix)[\(index)]"))
            }
        default:
            break
        }
        return result
    }

    /// Comment lines for `text`, wrapped at ``width`` for `indent`.
    func commentLines(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let limit = max(width - indent - 2, 40)
        var lines: [String] = []
        var line = ""
        for word in text.replacing("\n", with: " ").split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > limit {
                lines.append(line)
                line = "  "
            }
            line += (line.isEmpty || line == "  " ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "\(pad)# \($0)\n" }
    }

    private func emitComments(for path: String, indent: Int, into out: inout String) {
        for comment in comments[path] ?? [] {
            out += commentLines(comment, indent: indent).joined()
        }
    }

    private static let leadingKeys = ["apiVersion", "kind", "metadata", "spec", "name", "namespace"]

    private static func orderedKeys(_ members: JSONObject) -> [String] {
        let leading = leadingKeys.filter { members[$0] != nil }
        return leading + members.keys.filter { !leadingKeys.contains($0) }.sorted()
    }

    private func emitMapping(_ members: JSONObject, path: String, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in Self.orderedKeys(members) {
            let child = path.isEmpty ? key : "\(path).\(key)"
            emitComments(for: child, indent: indent, into: &out)
            out += pad + JSONValue.string(key).yamlScalar() + ":"
            emitValue(members[key]!, path: child, indent: indent, into: &out)
        }
    }

    private func emitValue(_ value: JSONValue, path: String, indent: Int, into out: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "\n"
            emitMapping(members, path: path, indent: indent + 2, into: &out)
        case .array(let elements) where !elements.isEmpty:
            out += "\n"
            emitSequence(elements, path: path, indent: indent, into: &out)
        default:
            out += " " + Self.scalar(value) + "\n"
        }
    }

    private func emitSequence(_ elements: [JSONValue], path: String, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (index, element) in elements.enumerated() {
            let itemPath = "\(path)[\(index)]"
            emitComments(for: itemPath, indent: indent, into: &out)
            switch element {
            case .object(let members) where !members.isEmpty:
                for (position, key) in Self.orderedKeys(members).enumerated() {
                    let child = "\(itemPath).\(key)"
                    emitComments(for: child, indent: position == 0 ? indent : indent + 2, into: &out)
                    out += pad + (position == 0 ? "- " : "  ") + JSONValue.string(key).yamlScalar() + ":"
                    emitValue(members[key]!, path: child, indent: indent + 2, into: &out)
                }
            case .array(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                emitSequence(inner, path: itemPath, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + Self.scalar(element) + "\n"
            }
        }
    }

    /// Scalars are written exactly as KubeCore's YAML emitter writes them, so both read back the same way.
    private static func scalar(_ value: JSONValue) -> String { value.yamlScalar() }
}
