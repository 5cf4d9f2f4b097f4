package import KubeCore

extension JSONValue {
    /// This value as JSON indented by four spaces with keys sorted, the layout `kubectl get -o json` prints.
    package func indentedJSON() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let inner = String(repeating: " ", count: indent + 4)
        let closing = String(repeating: " ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .number(let number):
            out +=
                number.isFinite
                ? (try? String(decoding: JSONValue.number(number).serialized(), as: UTF8.self)) ?? "null" : "null"
        case .string(let text): out += ManifestLoader.quoted(text)
        case .array(let elements) where elements.isEmpty: out += "[]"
        case .object(let members) where members.isEmpty: out += "{}"
        case .array(let elements):
            out += "[\n"
            for (offset, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: indent + 4)
                out += offset == elements.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        case .object(let members):
            out += "{\n"
            let keys = members.keys.sorted()
            for (offset, key) in keys.enumerated() {
                out += inner + ManifestLoader.quoted(key) + ": "
                members[key]!.write(into: &out, indent: indent + 4)
                out += offset == keys.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        }
    }
}
