import KubeCore

extension ImportResult {
    /// The platform as a commented YAML document, ready for `agri-operator validate` and `kubectl apply`.
    ///
    /// Every note that is not ``ImportNote/Kind/mapped`` becomes a comment above the key at its field path, or
    /// above the nearest key that exists (a note about a missing `ingress` stands above the service); notes about
    /// the whole platform open the document, after `headline`.
    ///
    /// - Parameter headline: The first comment line, e.g. the command that produced the file.
    public func yaml(headline: String) -> String {
        guard let platformJSON = try? JSONValue(encoding: platform) else {
            preconditionFailure("an AgriPlatform always encodes to JSON")
        }
        var emitter = CommentedYAML()
        let paths = CommentedYAML.paths(of: platformJSON)
        var header: [String] = []
        for note in notes where note.kind != .mapped {
            let text = "\(note.kind.rawValue): \(note.message) [AWS: \(note.awsPath)]"
            if let path = Self.nearestPath(note.fieldPath, in: paths) {
                emitter.comments[path, default: []].append(text)
            } else {
                header.append(text)
            }
        }
        var out = emitter.commentLines(headline, indent: 0).joined()
        for line in header {
            out += emitter.commentLines(line, indent: 0).joined()
        }
        out += emitter.document(platformJSON)
        return out
    }

    /// ``extraObjects`` (the ExternalSecrets) as a YAML stream, each document introduced by `---`; empty when there
    /// are none. Kept apart from ``yaml(headline:)`` so the platform's file passes `agri-operator validate`.
    public func extraObjectsYAML() -> String {
        extraObjects.map { "---\n" + CommentedYAML().document($0) }.joined()
    }

    /// The summary for standard error: counts, then every note that is not a plain mapping.
    public func summary() -> String {
        var lines = [
            ImportNote.Kind.allCases.map { "\(notes($0).count) \($0.rawValue)" }.joined(separator: ", ")
        ]
        for kind in [ImportNote.Kind.decision, .approximated, .dropped] {
            for note in notes(kind) {
                lines.append("\(kind.rawValue): \(note.awsPath) → \(note.fieldPath ?? "(document)"): \(note.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path` if it exists, else its nearest existing ancestor; `nil` for the document itself.
    static func nearestPath(_ path: String?, in paths: Set<String>) -> String? {
        guard var current = path else { return nil }
        current = current.replacing("[]", with: "")
        while !current.isEmpty {
            if paths.contains(current) { return current }
            if current.hasSuffix("]"), let open = current.lastIndex(of: "[") {
                current = String(current[..<open])
            } else if let dot = current.lastIndex(of: ".") {
                current = String(current[..<dot])
            } else {
                return nil
            }
        }
        return nil
    }
}
