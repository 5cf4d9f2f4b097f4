import KubeCore

@testable import KubeTestServer

/// A CRD schema in the shape the AgriPlatform CRD uses its CEL rules: cross-field checks on `spec`, unique names,
/// references between lists, per-item and per-map-value rules, and transition rules.
enum ValidationRuleFixtures {
    static func rule(_ rule: String, message: String? = nil, extra: JSONObject = [:]) -> JSONValue {
        var object: JSONObject = ["rule": .string(rule)]
        if let message { object["message"] = .string(message) }
        return .object(object.merging(extra) { $1 })
    }

    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]

    static let schema: JSONValue = [
        "type": "object",
        "x-kubernetes-validations": [rule("self.metadata.name != 'forbidden' && self.kind == 'Platform'")],
        "properties": [
            "apiVersion": string,
            "kind": string,
            "metadata": ["type": "object"],
            "spec": [
                "type": "object",
                "x-kubernetes-validations": [
                    rule("self.minReplicas <= self.maxReplicas", message: "minReplicas must be <= maxReplicas"),
                    rule(
                        "self.services.all(s, !has(s.uses) || s.uses.all(u, self.datastores.exists(d, d.name == u)))",
                        extra: [
                            "messageExpression": .string(
                                "'services may only use declared datastores: ' "
                                    + "+ self.datastores.map(d, d.name).join(', ')"
                            ),
                            "fieldPath": ".services",
                        ]
                    ),
                    rule("!has(self.weight) || self.weight <= 1.0", extra: ["reason": "FieldValueForbidden"]),
                ],
                "properties": [
                    "minReplicas": integer,
                    "maxReplicas": integer,
                    "weight": ["type": "number"],
                    "storageClass": [
                        "type": "string",
                        "x-kubernetes-validations": [rule("self == oldSelf", message: "storageClass is immutable")],
                    ],
                    "datastores": [
                        "type": "array",
                        "x-kubernetes-validations": [
                            rule(
                                "self.all(s, self.exists_one(t, t.name == s.name))",
                                message: "datastore names must be unique"
                            )
                        ],
                        "items": ["type": "object", "properties": ["name": string, "engine": string]],
                    ],
                    "services": [
                        "type": "array",
                        "x-kubernetes-list-type": "map",
                        "x-kubernetes-list-map-keys": ["name"],
                        "items": [
                            "type": "object",
                            "x-kubernetes-validations": [
                                rule("self.port > 0 && self.port < 65536", extra: ["fieldPath": ".port"]),
                                rule("self.port == oldSelf.port", message: "port is immutable"),
                            ],
                            "properties": [
                                "name": string,
                                "port": integer,
                                "uses": ["type": "array", "items": string],
                            ],
                        ],
                    ],
                    "labels": [
                        "type": "object",
                        "additionalProperties": [
                            "type": "string",
                            "x-kubernetes-validations": [rule("self.size() <= 10", message: "label values are short")],
                        ],
                    ],
                    "replicas": [
                        "type": "object",
                        "properties": ["count": integer, "max-surge": integer],
                        "x-kubernetes-validations": [
                            rule("self.count > 0"),
                            rule("!has(self.max__dash__surge) || self.max__dash__surge <= self.count"),
                        ],
                    ],
                ],
            ],
        ],
    ]

    static let valid: JSONValue = [
        "apiVersion": "agri.example.com/v1",
        "kind": "Platform",
        "metadata": ["name": "p"],
        "spec": [
            "minReplicas": 1,
            "maxReplicas": 3,
            "weight": 0.5,
            "storageClass": "fast",
            "datastores": [["name": "db", "engine": "mongodb"], ["name": "cache", "engine": "redis"]],
            "services": [["name": "api", "port": 8080, "uses": ["db", "cache"]], ["name": "ui", "port": 80]],
            "labels": ["team": "agri"],
        ],
    ]

    static func valid(setting path: [String], to value: JSONValue?) -> JSONValue {
        setting(valid, path: path[...], to: value)
    }

    /// `object` with the value at `path` replaced (`nil` removes it); numeric keys index arrays.
    static func setting(_ object: JSONValue, path: ArraySlice<String>, to value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        if case .array(var elements) = object, let index = Int(key), elements.indices.contains(index) {
            elements[index] = setting(elements[index], path: path.dropFirst(), to: value)
            return .array(elements)
        }
        var copy = object
        copy[key] = path.count == 1 ? value : setting(object[key] ?? [:], path: path.dropFirst(), to: value)
        return copy
    }

    static let crd: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": ["name": "platforms.agri.example.com"],
        "spec": [
            "group": "agri.example.com",
            "scope": "Namespaced",
            "names": ["plural": "platforms", "singular": "platform", "kind": "Platform", "listKind": "PlatformList"],
            "versions": [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema]]],
        ],
    ]
}
