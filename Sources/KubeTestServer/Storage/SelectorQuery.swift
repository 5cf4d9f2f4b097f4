import Foundation
package import KubeCore

/// A parsed `labelSelector` or `fieldSelector` query parameter, parsed and matched by KubeCore's
/// ``KubeCore/LabelRequirement`` and ``KubeCore/FieldSelector`` so that server and client agree on the grammar.
///
/// Label selectors support `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>n` and `k<n` (see
/// <https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors>). Field selectors
/// support `=`, `==` and `!=` on any dotted path to a scalar (the real server allows only a per-kind set such as
/// `metadata.name` or `status.phase`; this server is more permissive).
package struct SelectorQuery: Sendable, Hashable {
    /// The label requirements; empty matches everything.
    package var labelRequirements: [LabelRequirement] = []
    /// The field requirements; empty matches everything.
    package var fieldSelector = FieldSelector()

    package init() {}

    package var isEmpty: Bool { labelRequirements.isEmpty && fieldSelector.requirements.isEmpty }

    /// Parses a label selector string.
    /// - Throws: ``APIError`` BadRequest for malformed text, with the parser's position and reason.
    package init(labelSelector text: String) throws(APIError) {
        do {
            labelRequirements = try LabelRequirement.parseList(text)
        } catch {
            throw APIError.badRequest("unable to parse requirement: \(error.description)")
        }
    }

    /// Parses a field selector string.
    /// - Throws: ``APIError`` BadRequest for malformed text.
    package init(fieldSelector text: String) throws(APIError) {
        do {
            fieldSelector = try FieldSelector(parsing: text)
        } catch {
            throw APIError.badRequest("invalid selector: '\(text)'; \(error.description)")
        }
    }

    /// Adds `field=value` (the server narrows a watch on one object with `metadata.name`).
    package mutating func requireField(_ field: String, equals value: String) {
        fieldSelector.requirements.append(.init(field: field, operator: .equals, value: value))
    }

    /// Whether a label map satisfies every label requirement.
    package func matches(labels: [String: String]) -> Bool { labelRequirements.matches(labels) }

    /// Whether an object's labels satisfy the label requirements.
    package func matchesLabels(of object: JSONValue) -> Bool {
        guard !labelRequirements.isEmpty else { return true }
        // Looked up in the stored object's labels: a dictionary of them for every object listed cost more than
        // the rest of a list.
        let labels = object[path: ["metadata", "labels"]]?.objectValue
        return labelRequirements.allSatisfy { $0.matches(label: labels?[$0.key]?.stringValue) }
    }

    /// Whether an object's fields satisfy the field requirements; a missing field compares as the empty string.
    package func matchesFields(of object: JSONValue) -> Bool { fieldSelector.matches(object) }

    /// The `metadata.labels` of an object as strings.
    package static func labels(of object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            labels[key] = value.stringValue
        }
        return labels
    }
}
