extension JSONValue {
    /// Applies RFC 6902 JSON patch operations in order; the whole patch fails if any operation fails.
    ///
    /// See <https://www.rfc-editor.org/rfc/rfc6902>.
    /// - Throws: ``JSONPatchError`` naming the failing operation.
    public func applyingJSONPatch(_ operations: [JSONPatchOperation]) throws(JSONPatchError) -> JSONValue {
        // Placeholder until the JSON patch implementation lands in this file.
        throw JSONPatchError(index: 0, message: "JSON patch is not implemented yet")
    }
}

/// A JSON patch operation that could not be applied.
public struct JSONPatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The index of the failing operation.
    public var index: Int
    public var message: String

    public init(index: Int, message: String) {
        self.index = index
        self.message = message
    }

    public var description: String { "JSON patch operation \(index): \(message)" }
}
