package import AgriPlatformAPI
import KubeCore

/// Reads AgriPlatforms from YAML text and reports everything wrong with its structure — syntax, the wrong kind of
/// document, fields of the wrong type, missing required fields, unknown fields — with line numbers.
///
/// Semantic validation (ranges, cross-field rules) is not done here: the caller runs it on ``Result/platforms`` and
/// places the findings with ``Result/diagnostic(path:message:document:)``.
package enum ManifestLoader {
    /// The group/version every document must have.
    package static let apiVersion = AgriPlatform.resource.apiVersion
    /// The kind every document must have.
    package static let kind = AgriPlatform.resource.kind

    /// An AgriPlatform and the document it was read from.
    package struct LoadedPlatform: Sendable {
        /// The decoded resource.
        package var platform: AgriPlatform
        /// Its document, for positions.
        package var document: LocatedDocument
    }

    /// What a file held.
    package struct Result: Sendable {
        /// The documents that decoded cleanly.
        package var platforms: [LoadedPlatform] = []
        /// Every structural problem, in file order.
        package var diagnostics: [Diagnostic] = []
    }

    /// Loads every document in `text`.
    package static func load(_ text: String) -> Result {
        var result = Result()
        let documents: [LocatedDocument]
        do {
            documents = try YAMLDocumentReader.documents(in: text)
        } catch {
            result.diagnostics.append(error)
            return result
        }
        if documents.isEmpty {
            result.diagnostics.append(Diagnostic(position: nil, message: "no YAML documents found"))
        }
        for document in documents {
            let problems = checkKind(of: document)
            if !problems.isEmpty {
                result.diagnostics += problems
                continue
            }
            let (platform, decodingProblems) = decode(document)
            // Decoding meets fields in declaration order; people read files top to bottom.
            result.diagnostics += decodingProblems.enumerated().sorted { lhs, rhs in
                let left = lhs.element.position.map { ($0.line, $0.column) } ?? (0, 0)
                let right = rhs.element.position.map { ($0.line, $0.column) } ?? (0, 0)
                return left == right ? lhs.offset < rhs.offset : left < right
            }.map(\.element)
            if let platform, decodingProblems.isEmpty {
                result.platforms.append(LoadedPlatform(platform: platform, document: document))
            }
        }
        return result
    }

    /// A semantic finding placed in `document`: `path` is looked up (or its nearest ancestor) for the line.
    package static func diagnostic(path: String, message: String, document: LocatedDocument) -> Diagnostic {
        let fieldPath = FieldPath(parsing: path)
        var text = message
        // The API server's wording (`field.Error.Error()`) starts with the path; print it once.
        if text.hasPrefix(path + ": ") { text.removeFirst(path.count + 2) }
        return Diagnostic(
            position: document.position(of: fieldPath),
            showsColumn: false,
            path: path,
            message: text
        )
    }

    /// Rejects documents that are not `agriplatform.io/v1alpha1` `AgriPlatform`s.
    private static func checkKind(of document: LocatedDocument) -> [Diagnostic] {
        guard case .object(let members) = document.json else {
            return [
                Diagnostic(
                    position: document.start,
                    message: "document \(document.index) is \(describe(document.json)), not an \(kind) mapping"
                )
            ]
        }
        let apiVersion = members["apiVersion"]?.stringValue
        let kind = members["kind"]?.stringValue
        guard apiVersion != Self.apiVersion || kind != Self.kind else { return [] }
        let found =
            switch (apiVersion, kind) {
            case (nil, nil): "has no apiVersion and kind"
            case (let version?, nil): "is an \(version) object without a kind"
            case (nil, let kind?): "is a \(kind) without an apiVersion"
            case (let version?, let kind?): "is a \(version) \(kind)"
            }
        return [
            Diagnostic(
                position: document.start,
                message:
                    "document \(document.index) \(found); expected apiVersion \(Self.apiVersion), kind \(Self.kind)"
            )
        ]
    }

    /// Decodes the platform, reporting as many type errors as decoding can get past, then unknown fields.
    private static func decode(_ document: LocatedDocument) -> (AgriPlatform?, [Diagnostic]) {
        var json = document.json
        var problems: [Diagnostic] = []
        var reported: Set<FieldPath> = []
        // After each type error the offending value is replaced by a stand-in of the expected type (or removed) and
        // decoding runs again, so one run reports every wrong value; a missing required field ends the loop.
        for _ in 0..<64 {
            do {
                let platform = try json.decode(as: AgriPlatform.self)
                // Stand-ins keep the document's shape, so unknown fields are found even after type errors.
                problems += unknownFields(in: document, decoded: platform)
                return (problems.isEmpty ? platform : nil, problems)
            } catch let error as DecodingError {
                // Foundation's JSONDecoder on Linux reports a number its integer field cannot hold as "The given
                // data was not valid JSON", without a path; find such numbers by trying the document without them.
                if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                    let culprits = unfitNumbers(in: json)
                    guard !culprits.isEmpty else {
                        problems.append(
                            Diagnostic(position: document.start, message: "cannot decode document \(document.index)")
                        )
                        break
                    }
                    for path in culprits where !reported.contains(path) {
                        reported.insert(path)
                        let finding = DecodingProblem(unfitNumberAt: path, in: json)
                        problems.append(
                            Diagnostic(
                                position: document.position(of: path),
                                path: path.description,
                                message: finding.message
                            )
                        )
                    }
                    for path in culprits { _ = json.replaceValue(at: path, with: .integer(0)) }
                    continue
                }
                let finding = DecodingProblem(error, in: json)
                if reported.contains(finding.path) { break }
                reported.insert(finding.path)
                problems.append(
                    Diagnostic(
                        position: document.position(of: finding.path),
                        path: finding.path.description,
                        message: finding.message
                    )
                )
                if let standIn = finding.standIn {
                    guard json.replaceValue(at: finding.path, with: standIn) else { break }
                    continue
                }
                // Remove the nearest enclosing mapping member: taking an element out of a list would shift the
                // indexes of the ones after it.
                var removable = finding.path
                while case .index = removable.components.last { removable = removable.parent ?? FieldPath() }
                reported.insert(removable)
                guard !finding.isMissing, !removable.isRoot, json.replaceValue(at: removable, with: nil) else { break }
            } catch {
                problems.append(
                    Diagnostic(position: document.start, message: "cannot decode document \(document.index)")
                )
                break
            }
        }
        return (nil, problems)
    }

    /// The numbers that make decoding fail without a path: fractions and integers beyond 32 bits are candidates, and
    /// a candidate is a culprit when decoding still fails that way with every other candidate replaced by 0.
    private static func unfitNumbers(in json: JSONValue) -> [FieldPath] {
        var candidates: [FieldPath] = []
        func visit(_ value: JSONValue, _ path: FieldPath) {
            switch value {
            case .number: candidates.append(path)
            case .integer(let number) where Int32(exactly: number) == nil: candidates.append(path)
            case .array(let elements):
                for (offset, element) in elements.enumerated() { visit(element, path.appending(.index(offset))) }
            case .object(let members):
                for key in members.keys.sorted() { visit(members[key]!, path.appending(.key(key))) }
            default: break
            }
        }
        visit(json, FieldPath())
        func failsWithoutPath(_ value: JSONValue) -> Bool {
            do {
                _ = try value.decode(as: AgriPlatform.self)
                return false
            } catch DecodingError.dataCorrupted(let context) {
                return context.codingPath.isEmpty
            } catch {
                return false
            }
        }
        return candidates.filter { candidate in
            var probe = json
            for other in candidates where other != candidate { _ = probe.replaceValue(at: other, with: .integer(0)) }
            return failsWithoutPath(probe)
        }
    }

    /// Fields in the file that the AgriPlatform types do not have: decoding ignores them, the API server rejects
    /// them (`unknown field`), so a typo such as `replica:` must not pass unnoticed.
    private static func unknownFields(in document: LocatedDocument, decoded platform: AgriPlatform) -> [Diagnostic] {
        guard let known = try? JSONValue(encoding: platform) else { return [] }
        var findings: [FieldPath] = []
        collectUnknown(written: document.json, known: known, at: FieldPath(), into: &findings)
        return findings.map { path in
            Diagnostic(position: document.keyPosition(of: path), path: path.description, message: "unknown field")
        }
    }

    private static func collectUnknown(
        written: JSONValue,
        known: JSONValue,
        at path: FieldPath,
        into findings: inout [FieldPath]
    ) {
        switch (written, known) {
        case (.object(let writtenMembers), .object(let knownMembers)):
            for key in writtenMembers.keys.sorted() {
                let value = writtenMembers[key]!
                let child = path.appending(.key(key))
                if let knownValue = knownMembers[key] {
                    collectUnknown(written: value, known: knownValue, at: child, into: &findings)
                } else if value != .null, !isEmptyCollection(value) {
                    // Encoding omits nil optionals, so `null` (and an empty list or map, which some types encode as
                    // absent) is not evidence of an unknown field.
                    findings.append(child)
                }
            }
        case (.array(let writtenElements), .array(let knownElements)) where writtenElements.count == knownElements.count:
            for (offset, element) in writtenElements.enumerated() {
                collectUnknown(
                    written: element,
                    known: knownElements[offset],
                    at: path.appending(.index(offset)),
                    into: &findings
                )
            }
        default:
            break
        }
    }

    private static func isEmptyCollection(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.isEmpty
        case .array(let elements): elements.isEmpty
        default: false
        }
    }

    /// `a mapping`, `a list`, `"text"`, `12`: a JSON value as messages name it.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let text): quoted(text)
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    /// A string in double quotes with JSON escapes, as the API server quotes values.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
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
