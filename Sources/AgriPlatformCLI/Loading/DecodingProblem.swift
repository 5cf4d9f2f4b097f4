import KubeCore

/// A `DecodingError` restated for people: the field's path as the API server prints it and a message in its words,
/// with no Swift type names (`expected an integer, found "two"`, `Required value`).
struct DecodingProblem {
    /// The field concerned.
    var path: FieldPath
    /// What is wrong.
    var message: String
    /// Whether a required field is absent: no stand-in can let decoding get further.
    var isMissing: Bool
    /// A value of the expected type to put in the wrong one's place so decoding can look for further problems;
    /// `nil` when the expected type is a structure.
    var standIn: JSONValue?

    /// Restates `error`, thrown while decoding `json`.
    init(_ error: DecodingError, in json: JSONValue) {
        standIn = nil
        switch error {
        case .typeMismatch(let type, let context):
            path = Self.path(context.codingPath, in: json)
            let expected = Self.expectation(for: type)
            message = "expected \(expected.words), found \(Self.describeFound(json.value(at: path)))"
            standIn = expected.standIn
            isMissing = false
        case .valueNotFound(let type, let context):
            path = Self.path(context.codingPath, in: json)
            let expected = Self.expectation(for: type)
            let found = json.value(at: path)
            if found == nil || found == .null {
                message = "Required value: expected \(expected.words), found null"
            } else {
                message = "expected \(expected.words), found \(Self.describeFound(found))"
            }
            standIn = expected.standIn
            isMissing = standIn == nil
        case .keyNotFound(let key, let context):
            path = Self.path(context.codingPath + [key], in: json)
            message = "Required value"
            isMissing = true
        case .dataCorrupted(let context):
            path = Self.path(context.codingPath, in: json)
            let found = json.value(at: path)
            switch found {
            case .number(let number) where number.rounded() != number:
                message = "expected an integer, found \(ManifestLoader.describe(.number(number)))"
                standIn = .integer(0)
            case .integer, .number:
                message = "\(Self.describeFound(found)) is out of range for this field"
                standIn = .integer(0)
            default:
                message = "invalid value \(Self.describeFound(found))"
            }
            isMissing = false
        @unknown default:
            path = FieldPath()
            message = "cannot decode the document"
            isMissing = true
        }
    }

    /// A number at `path` that its integer field cannot hold.
    init(unfitNumberAt path: FieldPath, in json: JSONValue) {
        self.path = path
        let found = json.value(at: path)
        if case .number(let number) = found, number.rounded() != number {
            message = "expected an integer, found \(ManifestLoader.describe(.number(number)))"
        } else {
            message = "\(Self.describeFound(found)) is out of range for this field"
        }
        isMissing = false
        standIn = .integer(0)
    }

    /// Builds the path by walking `json` alongside the coding keys, so list indexes and map keys are told apart by
    /// what the document holds rather than by how the decoder spells its keys (`Index 0`).
    private static func path(_ codingPath: [any CodingKey], in json: JSONValue) -> FieldPath {
        var path = FieldPath()
        var current: JSONValue? = json
        for key in codingPath {
            if case .array(let elements) = current, let index = key.intValue {
                path = path.appending(.index(index))
                current = index < elements.count ? elements[index] : nil
            } else {
                path = path.appending(.key(key.stringValue))
                current = current?[key.stringValue]
            }
        }
        return path
    }

    private static func describeFound(_ value: JSONValue?) -> String {
        value.map(ManifestLoader.describe) ?? "nothing"
    }

    /// What a Swift type reads as, in JSON words (`an integer`), and a stand-in value of it.
    private static func expectation(for type: Any.Type) -> (words: String, standIn: JSONValue?) {
        let name = String(describing: type)
        if name.hasPrefix("Int") || name.hasPrefix("UInt") { return ("an integer", .integer(0)) }
        if name == "Double" || name == "Float" || name == "Decimal" { return ("a number", .integer(0)) }
        if name == "String" || name == "Substring" { return ("a string", .string("")) }
        if name == "Bool" { return ("a boolean", .bool(false)) }
        if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return ("a mapping", nil) }
        if name.hasPrefix("Array") || name.hasPrefix("UnkeyedDecodingContainer") { return ("a list", .array([])) }
        if name.hasPrefix("[") { return name.contains(":") ? ("a mapping", nil) : ("a list", .array([])) }
        return ("another type", nil)
    }
}

extension JSONValue {
    /// The value at `path`, if the document has one.
    func value(at path: FieldPath) -> JSONValue? {
        var current: JSONValue? = self
        for component in path.components {
            switch (component, current) {
            case (.index(let index), .array(let elements)?) where index < elements.count:
                current = elements[index]
            case (.key(let key), .object(let members)?):
                current = members[key]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at `path` by `replacement`, or removes it when `replacement` is `nil`; returns whether
    /// there was a value there.
    mutating func replaceValue(at path: FieldPath, with replacement: JSONValue?) -> Bool {
        guard let first = path.components.first else { return false }
        let rest = FieldPath(Array(path.components.dropFirst()))
        switch (first, self) {
        case (.key(let key), .object(var members)):
            guard var child = members[key] else { return false }
            if rest.isRoot {
                members[key] = replacement
            } else {
                guard child.replaceValue(at: rest, with: replacement) else { return false }
                members[key] = child
            }
            self = .object(members)
            return true
        case (.index(let index), .array(var elements)) where index < elements.count:
            if rest.isRoot {
                guard let replacement else { return false }
                elements[index] = replacement
            } else {
                guard elements[index].replaceValue(at: rest, with: replacement) else { return false }
            }
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}
