import Foundation
import KubeCore

/// `kubectl agri get -o json|yaml`: the ``ServiceRollout`` rows as `{"items": [...]}`, keys sorted, so scripts read
/// the same facts as the table (full revisions, every status field).
public enum RolloutDocument {
    /// The document in `format` (``OutputFormat/json`` or ``OutputFormat/yaml``), ending with a newline.
    /// - Throws: An encoding error (not expected for these types).
    public static func render(_ rollouts: [ServiceRollout], format: OutputFormat) throws -> String {
        let document = JSONValue.object(["items": try JSONValue(encoding: rollouts)])
        if format == .yaml { return document.yamlDocument() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
