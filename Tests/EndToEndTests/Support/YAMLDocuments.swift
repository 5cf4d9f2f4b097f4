import Foundation
import KubeCore
import Yams

/// Multi-document YAML (what `helm template` and `kubectl kustomize` print) as JSON values.
enum YAMLDocuments {
    /// Every non-empty document of `text`.
    static func parse(_ text: String) throws -> [JSONValue] {
        try Yams.load_all(yaml: text).compactMap { document in
            if document is NSNull { return nil }
            let data = try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed])
            return try KubeJSON.decode(JSONValue.self, from: data)
        }
    }

    /// The objects of `kind` in `documents`.
    static func objects(_ documents: [JSONValue], kind: String) -> [JSONValue] {
        documents.filter { $0["kind"]?.stringValue == kind }
    }

    /// `group|resource|verb` for every combination an RBAC `rules` array grants, to compare roles whatever their
    /// grouping and order.
    static func grants(_ rules: JSONValue?) -> Set<String> {
        var grants: Set<String> = []
        for rule in rules?.arrayValue ?? [] {
            for group in rule["apiGroups"]?.arrayValue ?? [] {
                for resource in rule["resources"]?.arrayValue ?? [] {
                    for verb in rule["verbs"]?.arrayValue ?? [] {
                        grants.insert(
                            "\(group.stringValue ?? "?")|\(resource.stringValue ?? "?")|\(verb.stringValue ?? "?")"
                        )
                    }
                }
            }
        }
        return grants
    }
}
