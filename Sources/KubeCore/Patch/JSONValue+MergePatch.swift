extension JSONValue {
    /// Applies an RFC 7386 JSON merge patch: objects merge recursively, `null` removes a member, and anything
    /// else (arrays included) replaces the target.
    ///
    /// See <https://www.rfc-editor.org/rfc/rfc7386>.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).applyingMergePatch(value)
            }
        }
        return .object(result)
    }

    /// The smallest merge patch that turns `self` into `target` (`null` for removed members, whole arrays).
    public func mergePatch(to target: JSONValue) -> JSONValue {
        guard case .object(let source) = self, case .object(let destination) = target else { return target }
        var patch: JSONObject = [:]
        for (key, value) in destination where source[key] != value {
            patch[key] = (source[key] ?? .null).mergePatch(to: value)
        }
        for key in source.keys where destination[key] == nil {
            patch[key] = .null
        }
        return .object(patch)
    }
}
