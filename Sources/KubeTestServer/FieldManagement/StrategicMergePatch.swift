package import KubeCore

/// Strategic merge patch for built-in kinds: like a JSON merge patch, but associative lists merge by key and the
/// `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/...` and `$setElementOrder/...` directives are honoured.
///
/// Placeholder signature: the implementation lands in this file.
package enum StrategicMergePatch {
    /// Applies `patch` to `original`.
    package static func apply(_ patch: JSONValue, to original: JSONValue, schema: MergeSchema) throws -> JSONValue {
        original.applyingMergePatch(patch)
    }
}
