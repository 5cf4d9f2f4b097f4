/// Deterministic YAML for JSON values, as `kubectl get -o yaml` prints objects: block style, keys sorted, lists
/// indented at their key's level, strings quoted only when YAML would otherwise read them as something else.
///
/// Used for committed artefacts that must not change from run to run (the CRD under `crds/`, golden files) and for
/// `-o yaml` output. Quoted strings use JSON's escapes, which YAML's double-quoted style accepts unchanged.
extension JSONValue {
    /// This value as one YAML document, ending with a newline.
    public func yamlDocument() -> String {
        var out = ""
        switch self {
        case .object(let members) where !members.isEmpty:
            Self.emitMapping(members, indent: 0, into: &out)
        case .array(let elements) where !elements.isEmpty:
            Self.emitSequence(elements, indent: 0, into: &out)
        default:
            out = Self.scalar(self) + "\n"
        }
        return out
    }

    /// Several values as a YAML stream, each document introduced by `---`.
    public static func yamlStream(_ documents: [JSONValue]) -> String {
        documents.map { "---\n" + $0.yamlDocument() }.joined()
    }

    private static func emitMapping(_ members: JSONObject, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in members {
            out += pad + quotedIfNeeded(key) + ":"
            emitValue(value, indent: indent, into: &out)
        }
    }

    /// Emits what follows `key:` for a key at `indent`.
    private static func emitValue(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "\n"
            emitMapping(members, indent: indent + 2, into: &out)
        case .array(let elements) where !elements.isEmpty:
            out += "\n"
            emitSequence(elements, indent: indent, into: &out)
        default:
            out += " " + scalar(value) + "\n"
        }
    }

    private static func emitSequence(_ elements: [JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for element in elements {
            switch element {
            case .object(let members) where !members.isEmpty:
                for (index, member) in members.enumerated() {
                    out += pad + (index == 0 ? "- " : "  ") + quotedIfNeeded(member.key) + ":"
                    emitValue(member.value, indent: indent + 2, into: &out)
                }
            case .array(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                emitSequence(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + scalar(element) + "\n"
            }
        }
    }

    /// This value as one YAML scalar, exactly as ``yamlDocument()`` writes it: strings plain when a YAML 1.1 or 1.2
    /// reader would read them back as the same string, double-quoted otherwise; `[]` and `{}` for collections. For
    /// emitters that lay out their own documents (for example with comments) and must quote as this one does.
    public func yamlScalar() -> String { Self.scalar(self) }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number):
            number.isFinite ? "\(number)" : (number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf"))
        case .string(let text): quotedIfNeeded(text)
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// Words YAML 1.1 readers (Yams, PyYAML, go-yaml v2) take for booleans or null.
    private static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ]

    private static func quotedIfNeeded(_ text: String) -> String {
        needsQuotes(text) ? jsonQuoted(text) : text
    }

    private static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if reservedWords.contains(text.lowercased()) { return true }
        if first.isWhitespace || last.isWhitespace { return true }
        if "-?:,[]{}#&*!|>'\"%@`=<".contains(first) { return true }
        if text.contains(": ") || text.contains(" #") || last == ":" { return true }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{85}" }) {
            return true
        }
        return looksNumeric(text)
    }

    /// Whether a YAML 1.1 or 1.2 reader might take `text` for a number (`1`, `0x1F`, `1e3`, `.5`, `1_000`, `12:30`).
    private static func looksNumeric(_ text: String) -> Bool {
        let body = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
        guard let first = body.first else { return false }
        if [".inf", ".nan"].contains(body.lowercased()) { return true }
        guard first.isNumber || first == "." else { return false }
        return body.allSatisfy { $0.isHexDigit || ".xXoO_:+-eE".contains($0) }
    }

    private static func jsonQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{85}" || scalar == "\u{2028}"
                    || scalar == "\u{2029}"
                {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
