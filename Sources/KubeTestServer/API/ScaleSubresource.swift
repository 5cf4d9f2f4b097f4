import KubeCore

/// The `scale` subresource: an `autoscaling/v1` `Scale` view of an object's replicas and selector.
///
/// Built-in workloads use `.spec.replicas`, `.status.replicas` and `.spec.selector`; custom resources use the
/// paths their CRD declares.
enum ScaleSubresource {
    static func paths(for type: ResourceType) -> ResourceType.ScalePaths {
        type.scalePaths
            ?? ResourceType.ScalePaths(
                specReplicas: ".spec.replicas",
                statusReplicas: ".status.replicas",
                labelSelector: nil
            )
    }

    /// `.spec.replicas` as path components.
    static func components(_ path: String) -> [String] {
        path.split(separator: ".").map(String.init)
    }

    /// The Scale document for an object.
    static func scale(of object: JSONValue, type: ResourceType) throws(APIError) -> JSONValue {
        let paths = paths(for: type)
        var metadata: JSONValue = [:]
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[field] = object[path: ["metadata", field]]
        }
        var status: JSONValue = [
            "replicas": object[path: components(paths.statusReplicas)]?.integerValue.map(JSONValue.integer) ?? 0
        ]
        if let selectorPath = paths.labelSelector {
            if let text = object[path: components(selectorPath)]?.stringValue { status["selector"] = .string(text) }
        } else if let selector = try? object[path: ["spec", "selector"]]?.decode(as: LabelSelector.self) {
            status["selector"] = .string(ObjectValidation.selectorString(selector))
        }
        let replicas = object[path: components(paths.specReplicas)]?.integerValue ?? (type.isCustom ? 0 : 1)
        return [
            "apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": metadata,
            "spec": ["replicas": .integer(replicas)], "status": status,
        ]
    }

    /// The object with `spec.replicas` (or the CRD's path) taken from a Scale document; a `resourceVersion` in
    /// the Scale is kept as a precondition.
    static func applying(_ scale: JSONValue, to object: JSONValue, type: ResourceType) throws(APIError) -> JSONValue {
        guard let replicas = scale[path: ["spec", "replicas"]]?.integerValue else {
            throw APIError.invalid(
                kind: "Scale",
                group: "autoscaling",
                name: ObjectRules.name(of: object),
                causes: [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.replicas")]
            )
        }
        if replicas < 0 {
            throw APIError.invalid(
                kind: "Scale",
                group: "autoscaling",
                name: ObjectRules.name(of: object),
                causes: [
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message: "Invalid value: \(replicas): must be greater than or equal to 0",
                        field: "spec.replicas"
                    )
                ]
            )
        }
        var result = object
        result[path: components(paths(for: type).specReplicas)] = .integer(replicas)
        result[path: ["metadata", "resourceVersion"]] = scale[path: ["metadata", "resourceVersion"]]
        return result
    }
}
