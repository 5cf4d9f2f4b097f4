/// One problem found in a manifest, printed the way compilers print theirs so editors can jump to it:
/// `farmers-module.yaml:14:15: spec.services[0].replicas: expected an integer, found "two"`.
package struct Diagnostic: Error, Hashable, Sendable {
    /// Where the problem is, when known.
    package var position: SourcePosition?
    /// Whether to print the column too: syntax and type errors point at a character, semantic findings at a line.
    package var showsColumn: Bool
    /// The field the problem concerns, e.g. `spec.services[0].replicas`; `nil` for problems with the file itself.
    package var path: String?
    /// What is wrong, without the path.
    package var message: String

    /// Creates a diagnostic.
    package init(position: SourcePosition?, showsColumn: Bool = true, path: String? = nil, message: String) {
        self.position = position
        self.showsColumn = showsColumn
        self.path = path
        self.message = message
    }

    /// The diagnostic as one line, prefixed with `file` and the position.
    package func formatted(file: String) -> String {
        var prefix = file
        if let position {
            prefix += showsColumn ? ":\(position.line):\(position.column)" : ":\(position.line)"
        }
        if let path, !path.isEmpty {
            return "\(prefix): \(path): \(message)"
        }
        return "\(prefix): \(message)"
    }
}
