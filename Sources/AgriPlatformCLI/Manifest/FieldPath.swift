/// A path to a field inside a document, written as the Kubernetes API server writes field paths
/// (`spec.services[0].autoscaling.minReplicas`, `metadata.labels[app.kubernetes.io/name]`).
///
/// Keys that are plain identifiers are joined with `.`; other keys (label keys with dots or slashes) and list indexes
/// appear in brackets, as `field.Path` in k8s.io/apimachinery prints them.
package struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    package enum Component: Hashable, Sendable {
        /// A key of a mapping.
        case key(String)
        /// An index into a list.
        case index(Int)
    }

    /// The steps from the document's root.
    package var components: [Component]

    /// Creates a path from its steps.
    package init(_ components: [Component] = []) {
        self.components = components
    }

    /// Parses a path printed by the API server or by ``description``; `[3]` is an index, `[x.y]` a key.
    package init(parsing text: String) {
        var components: [Component] = []
        var current = ""
        var inBrackets = false
        func flushKey() {
            if !current.isEmpty { components.append(.key(current)) }
            current = ""
        }
        for character in text {
            switch character {
            case "." where !inBrackets:
                flushKey()
            case "[" where !inBrackets:
                flushKey()
                inBrackets = true
            case "]" where inBrackets:
                if let index = Int(current), index >= 0 {
                    components.append(.index(index))
                } else {
                    components.append(.key(current))
                }
                current = ""
                inBrackets = false
            default:
                current.append(character)
            }
        }
        flushKey()
        self.components = components
    }

    /// This path followed by `component`.
    package func appending(_ component: Component) -> FieldPath {
        FieldPath(components + [component])
    }

    /// The path one step up, or `nil` at the root.
    package var parent: FieldPath? {
        components.isEmpty ? nil : FieldPath(Array(components.dropLast()))
    }

    /// Whether this is the document's root.
    package var isRoot: Bool { components.isEmpty }

    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isIdentifier(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[\(key)]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else {
            return false
        }
        return key.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }
}
