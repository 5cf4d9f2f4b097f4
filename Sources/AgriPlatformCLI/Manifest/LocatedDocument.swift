package import KubeCore

/// One YAML document converted to JSON, with the position of every value and key in the file it came from.
package struct LocatedDocument: Sendable {
    /// The document's place in its file, counting from 1 and skipping nothing (empty documents keep their number).
    package var index: Int
    /// The document as JSON.
    package var json: JSONValue
    /// Where each value starts, by path; the root's entry is where the document's content starts.
    package var valuePositions: [FieldPath: SourcePosition]
    /// Where each mapping key starts, by the path of the value it names.
    package var keyPositions: [FieldPath: SourcePosition]

    /// Creates a document.
    package init(
        index: Int,
        json: JSONValue,
        valuePositions: [FieldPath: SourcePosition] = [:],
        keyPositions: [FieldPath: SourcePosition] = [:]
    ) {
        self.index = index
        self.json = json
        self.valuePositions = valuePositions
        self.keyPositions = keyPositions
    }

    /// Where the value at `path` starts, or where its nearest written ancestor does: a finding about a field that
    /// is absent (`Required value`) points at the mapping that should hold it.
    package func position(of path: FieldPath) -> SourcePosition? {
        var candidate: FieldPath? = path
        while let current = candidate {
            if let position = valuePositions[current] { return position }
            candidate = current.parent
        }
        return nil
    }

    /// Where the key naming `path` starts, falling back to ``position(of:)``.
    package func keyPosition(of path: FieldPath) -> SourcePosition? {
        keyPositions[path] ?? position(of: path)
    }

    /// Where the document's content starts.
    package var start: SourcePosition? { valuePositions[FieldPath()] }
}
