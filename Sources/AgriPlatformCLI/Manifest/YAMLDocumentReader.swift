import KubeCore
import Yams

/// Reads a YAML stream (documents separated by `---`) into JSON documents that remember where each value was written.
///
/// Scalars resolve as Kubernetes' YAML reader (go-yaml, YAML 1.1) resolves them: `yes`/`no`/`on`/`off` are Booleans,
/// `0x1F` and `0o17` integers; timestamps stay strings, because JSON has no time type. Quoted scalars are always
/// strings. Duplicate keys are an error, as in `kubectl apply`.
package enum YAMLDocumentReader {
    /// Parses every document in `text`; empty documents (a trailing `---`) are skipped but keep their number.
    ///
    /// - Throws: A ``Diagnostic`` for the first syntax error, with its line and column.
    package static func documents(in text: String) throws(Diagnostic) -> [LocatedDocument] {
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: Self.resolver)
        } catch {
            throw Self.diagnostic(for: error)
        }
        var documents: [LocatedDocument] = []
        var index = 0
        while true {
            let root: Node?
            do {
                root = try parser.nextRoot()
            } catch {
                throw Self.diagnostic(for: error)
            }
            guard let root else { break }
            index += 1
            var converter = Converter()
            let json = try converter.convert(root, at: FieldPath())
            if json == .null { continue }
            documents.append(
                LocatedDocument(
                    index: index,
                    json: json,
                    valuePositions: converter.valuePositions,
                    keyPositions: converter.keyPositions
                )
            )
        }
        return documents
    }

    /// The most values one document may expand to. Yams' composer shares an anchored node between its aliases, but
    /// the conversion to JSON copies it at each alias, so nine levels of nine aliases ("billion laughs") would be
    /// 9⁹ values; go-yaml refuses such documents too ("excessive aliasing"). A real AgriPlatform has a few hundred.
    package static let maximumValues = 100_000

    /// The deepest nesting of lists and mappings one document may have; an AgriPlatform needs fewer than 20 levels.
    package static let maximumDepth = 100

    /// YAML 1.1 resolution as in go-yaml, without timestamps.
    private static let resolver = Resolver.default.removing(.timestamp).removing(.merge).removing(.value)

    /// Turns a Yams error into `line:column: problem`, dropping Yams' multi-line snippet.
    static func diagnostic(for error: any Error) -> Diagnostic {
        guard let error = error as? YamlError else {
            return Diagnostic(position: nil, message: "cannot read YAML")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return Diagnostic(position: SourcePosition(line: mark.line, column: mark.column), message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map(ManifestLoader.quoted).joined(separator: ", ")
            return Diagnostic(
                position: SourcePosition(line: context.mark.line, column: context.mark.column),
                message: "mapping key \(keys) is defined more than once"
            )
        case .reader(let problem, let offset, _, let yaml):
            // libyaml's reader refuses control characters (and bytes that are not UTF-8, when given bytes); say where.
            return Diagnostic(
                position: offset.flatMap { position(ofCharacter: $0, in: yaml) },
                message: "cannot read the text: \(problem)"
            )
        default:
            return Diagnostic(position: nil, message: "cannot read YAML: \(error)")
        }
    }

    /// The 1-based line and column of the character `offset` characters into `text`, or `nil` beyond its end.
    static func position(ofCharacter offset: Int, in text: String) -> SourcePosition? {
        guard offset >= 0 else { return nil }
        var line = 1
        var column = 1
        var seen = 0
        for character in text {
            if seen == offset { return SourcePosition(line: line, column: column) }
            seen += 1
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return seen == offset ? SourcePosition(line: line, column: column) : nil
    }

    /// Converts one document, collecting positions on the way.
    private struct Converter {
        var valuePositions: [FieldPath: SourcePosition] = [:]
        var keyPositions: [FieldPath: SourcePosition] = [:]
        /// Values converted so far, against ``YAMLDocumentReader/maximumValues``.
        var converted = 0

        mutating func convert(_ node: Node, at path: FieldPath, depth: Int = 0) throws(Diagnostic) -> JSONValue {
            converted += 1
            if converted > YAMLDocumentReader.maximumValues {
                throw Diagnostic(
                    position: position(of: node),
                    path: path.description,
                    message:
                        "the document expands to more than \(YAMLDocumentReader.maximumValues) values "
                        + "(excessive aliasing?)"
                )
            }
            if depth > YAMLDocumentReader.maximumDepth {
                throw Diagnostic(
                    position: position(of: node),
                    path: path.description,
                    message: "lists and mappings nested more than \(YAMLDocumentReader.maximumDepth) levels deep"
                )
            }
            if let mark = node.mark {
                valuePositions[path] = SourcePosition(line: mark.line, column: mark.column)
            }
            switch node {
            case .scalar(let scalar):
                return Self.scalar(scalar, node: node)
            case .alias:
                // Yams' composer replaces aliases by the anchored node; an alias here has nothing to point at.
                throw Diagnostic(position: position(of: node), path: path.description, message: "unresolved alias")
            case .sequence(let sequence):
                var elements: [JSONValue] = []
                for (offset, element) in sequence.enumerated() {
                    elements.append(try convert(element, at: path.appending(.index(offset)), depth: depth + 1))
                }
                return .array(elements)
            case .mapping(let mapping):
                var members: JSONObject = [:]
                for (keyNode, valueNode) in mapping {
                    guard case .scalar(let keyScalar) = keyNode else {
                        throw Diagnostic(
                            position: position(of: keyNode),
                            path: path.description,
                            message: "mapping keys must be scalars, found a \(Self.kindName(keyNode))"
                        )
                    }
                    let key = keyScalar.string
                    let child = path.appending(.key(key))
                    if let mark = keyNode.mark {
                        keyPositions[child] = SourcePosition(line: mark.line, column: mark.column)
                    }
                    members[key] = try convert(valueNode, at: child, depth: depth + 1)
                }
                return .object(members)
            }
        }

        private func position(of node: Node) -> SourcePosition? {
            node.mark.map { SourcePosition(line: $0.line, column: $0.column) }
        }

        private static func kindName(_ node: Node) -> String {
            switch node {
            case .scalar: "scalar"
            case .mapping: "mapping"
            case .sequence: "list"
            case .alias: "alias"
            }
        }

        private static func scalar(_ scalar: Node.Scalar, node: Node) -> JSONValue {
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null:
                return .null
            case .bool:
                if let flag = node.bool { return .bool(flag) }
            case .int:
                if let number = node.int { return .integer(Int64(number)) }
                if let number = node.float { return .number(number) }
            case .float:
                if let number = node.float { return .number(number) }
            default:
                break
            }
            return .string(scalar.string)
        }
    }
}
