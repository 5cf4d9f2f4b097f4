extension JSONValue {
    /// Applies RFC 6902 JSON patch operations in order; the whole patch fails if any operation fails.
    ///
    /// Paths are RFC 6901 JSON pointers (`~1` is `/`, `~0` is `~`). `add` creates or replaces an object member, or
    /// inserts into an array at an index from 0 through its count, or appends for `-`; `remove`, `replace`, `move`
    /// and `copy` need their locations to exist; `move` may not move a value into its own child; `test` compares as
    /// JSON, so `1` equals `1.0` and member order does not matter.
    ///
    /// See <https://www.rfc-editor.org/rfc/rfc6902> and <https://www.rfc-editor.org/rfc/rfc6901>.
    /// - Throws: ``JSONPatchError`` naming the index of the failing operation and what failed.
    public func applyingJSONPatch(_ operations: [JSONPatchOperation]) throws(JSONPatchError) -> JSONValue {
        var document = self
        for (index, operation) in operations.enumerated() {
            do {
                try document.apply(operation)
            } catch {
                throw JSONPatchError(index: index, message: "\(operation.op.rawValue) \"\(operation.path)\": \(error)")
            }
        }
        return document
    }

    /// Whether two values are equal as JSON: numbers by numeric value (`1 == 1.0`), arrays element by element,
    /// objects member by member regardless of order.
    public func isEqualAsJSON(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer(let left), .integer(let right)):
            return left == right
        case (.integer, .number), (.number, .integer), (.number, .number):
            if let left = integerValue, let right = other.integerValue { return left == right }
            return doubleValue == other.doubleValue
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isEqualAsJSON($1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && left.allSatisfy { key, value in right[key].map { value.isEqualAsJSON($0) } ?? false }
        default:
            return self == other
        }
    }

    private mutating func apply(_ operation: JSONPatchOperation) throws(PatchStepError) {
        let path = try Self.parsePointer(operation.path)
        switch operation.op {
        case .add:
            try add(try Self.requiredValue(operation), at: path[...])
        case .remove:
            _ = try remove(at: path[...])
        case .replace:
            let value = try Self.requiredValue(operation)
            _ = try self.value(at: path[...])
            try replace(with: value, at: path[...])
        case .move:
            let from = try Self.parsePointer(try Self.requiredFrom(operation))
            if from == path { return }
            if path.count > from.count && Array(path.prefix(from.count)) == from {
                throw PatchStepError("cannot move \"\(operation.from ?? "")\" into its own child")
            }
            let value = try remove(at: from[...])
            try add(value, at: path[...])
        case .copy:
            let from = try Self.parsePointer(try Self.requiredFrom(operation))
            try add(try self.value(at: from[...]), at: path[...])
        case .test:
            let expected = try Self.requiredValue(operation)
            let actual = try value(at: path[...])
            guard actual.isEqualAsJSON(expected) else {
                throw PatchStepError("test failed: found \(Self.brief(actual)), expected \(Self.brief(expected))")
            }
        }
    }

    private static func requiredValue(_ operation: JSONPatchOperation) throws(PatchStepError) -> JSONValue {
        guard let value = operation.value else { throw PatchStepError("missing \"value\"") }
        return value
    }

    private static func requiredFrom(_ operation: JSONPatchOperation) throws(PatchStepError) -> String {
        guard let from = operation.from else { throw PatchStepError("missing \"from\"") }
        return from
    }

    private static func brief(_ value: JSONValue) -> String {
        guard let data = try? value.serialized() else { return value.typeName }
        return String(decoding: data, as: UTF8.self)
    }

    /// Splits an RFC 6901 pointer into unescaped reference tokens; `""` is the whole document.
    private static func parsePointer(_ pointer: String) throws(PatchStepError) -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.first == "/" else { throw PatchStepError("a JSON pointer must be empty or start with \"/\"") }
        var tokens: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw PatchStepError("invalid escape in JSON pointer: \"~\" must be followed by 0 or 1")
                }
            }
            tokens.append(token)
        }
        return tokens
    }

    /// An array index token: decimal digits without leading zeros.
    private static func arrayIndex(_ token: String, count: Int, allowEnd: Bool) throws(PatchStepError) -> Int {
        if token == "-" {
            guard allowEnd else { throw PatchStepError("index \"-\" refers past the end of the array") }
            return count
        }
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber),
            token == "0" || token.first != "0", let index = Int(token)
        else { throw PatchStepError("\"\(token)\" is not an array index") }
        let limit = allowEnd ? count : count - 1
        guard index <= limit else {
            throw PatchStepError("index \(index) is out of range for an array of \(count) elements")
        }
        return index
    }

    private func value(at path: ArraySlice<String>) throws(PatchStepError) -> JSONValue {
        guard let token = path.first else { return self }
        switch self {
        case .object(let members):
            guard let child = members[token] else { throw PatchStepError("path not found: no member \"\(token)\"") }
            return try child.value(at: path.dropFirst())
        case .array(let elements):
            let index = try Self.arrayIndex(token, count: elements.count, allowEnd: false)
            return try elements[index].value(at: path.dropFirst())
        default:
            throw PatchStepError("path not found: \"\(token)\" is inside a \(typeName)")
        }
    }

    private mutating func add(_ value: JSONValue, at path: ArraySlice<String>) throws(PatchStepError) {
        guard let token = path.first else {
            self = value
            return
        }
        let last = path.count == 1
        switch self {
        case .object(var members):
            if last {
                members[token] = value
            } else {
                guard var child = members[token] else {
                    throw PatchStepError("path not found: no member \"\(token)\"")
                }
                try child.add(value, at: path.dropFirst())
                members[token] = child
            }
            self = .object(members)
        case .array(var elements):
            let index = try Self.arrayIndex(token, count: elements.count, allowEnd: last)
            if last {
                elements.insert(value, at: index)
            } else {
                try elements[index].add(value, at: path.dropFirst())
            }
            self = .array(elements)
        default:
            throw PatchStepError("path not found: cannot add \"\(token)\" to a \(typeName)")
        }
    }

    private mutating func replace(with value: JSONValue, at path: ArraySlice<String>) throws(PatchStepError) {
        guard let token = path.first else {
            self = value
            return
        }
        switch self {
        case .object(var members):
            guard var child = members[token] else { throw PatchStepError("path not found: no member \"\(token)\"") }
            try child.replace(with: value, at: path.dropFirst())
            members[token] = child
            self = .object(members)
        case .array(var elements):
            let index = try Self.arrayIndex(token, count: elements.count, allowEnd: false)
            try elements[index].replace(with: value, at: path.dropFirst())
            self = .array(elements)
        default:
            throw PatchStepError("path not found: \"\(token)\" is inside a \(typeName)")
        }
    }

    private mutating func remove(at path: ArraySlice<String>) throws(PatchStepError) -> JSONValue {
        guard let token = path.first else { throw PatchStepError("cannot remove the whole document") }
        let last = path.count == 1
        switch self {
        case .object(var members):
            guard var child = members[token] else { throw PatchStepError("path not found: no member \"\(token)\"") }
            let removed: JSONValue
            if last {
                removed = child
                members[token] = nil
            } else {
                removed = try child.remove(at: path.dropFirst())
                members[token] = child
            }
            self = .object(members)
            return removed
        case .array(var elements):
            let index = try Self.arrayIndex(token, count: elements.count, allowEnd: false)
            let removed: JSONValue
            if last {
                removed = elements.remove(at: index)
            } else {
                removed = try elements[index].remove(at: path.dropFirst())
            }
            self = .array(elements)
            return removed
        default:
            throw PatchStepError("path not found: \"\(token)\" is inside a \(typeName)")
        }
    }
}

/// The reason one operation failed; ``JSONValue/applyingJSONPatch(_:)`` wraps it with the operation's index.
private struct PatchStepError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A JSON patch operation that could not be applied.
public struct JSONPatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The index of the failing operation.
    public var index: Int
    /// The operation, its path and what failed, e.g. `remove "/a/3": index 3 is out of range for an array of 2
    /// elements`.
    public var message: String

    public init(index: Int, message: String) {
        self.index = index
        self.message = message
    }

    public var description: String { "JSON patch operation \(index): \(message)" }
}
