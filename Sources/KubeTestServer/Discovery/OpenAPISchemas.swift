import KubeCore

/// The component schemas of the OpenAPI documents: one per kind and list, and the `meta/v1` types they reference.
///
/// The `meta/v1` schemas carry the fields and list semantics kubectl and server-side apply rely on
/// (`ownerReferences` keyed by `uid`, `finalizers` a set, `managedFields` atomic), with short descriptions.
enum OpenAPISchemas {
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."
    static let scaleName = "io.k8s.api.autoscaling.v1.Scale"

    static func reference(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A property that refers to another component, in the `allOf` form the real v3 documents use.
    static func embedded(_ name: String, description: String) -> JSONValue {
        ["allOf": [reference(name)], "default": [:], "description": .string(description)]
    }

    static let apiVersionProperty: JSONValue = [
        "type": "string",
        "description": "APIVersion defines the versioned schema of this representation of an object.",
    ]

    static let kindProperty: JSONValue = [
        "type": "string",
        "description": "Kind is a string value representing the REST resource this object represents.",
    ]

    /// The kind's schema: the CRD's `openAPIV3Schema` with `apiVersion`, `kind` and a `metadata` reference, or a
    /// permissive object for a built-in kind; tagged with `x-kubernetes-group-version-kind`.
    static func kindSchema(for resource: OpenAPIDocuments.Resource) -> JSONValue {
        var schema: JSONValue =
            resource.schema
            ?? [
                "type": "object",
                "description": .string(
                    "\(resource.descriptor.kind) (fields other than metadata are not described by this server)."
                ),
                "x-kubernetes-preserve-unknown-fields": true,
            ]
        schema["type"] = "object"
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["apiVersion"] = apiVersionProperty
        properties["kind"] = kindProperty
        properties["metadata"] = embedded(meta + "ObjectMeta", description: "Standard object's metadata.")
        schema["properties"] = .object(properties)
        schema["x-kubernetes-group-version-kind"] = [OpenAPIDocuments.groupVersionKind(resource.descriptor)]
        return schema
    }

    static func listSchema(for descriptor: ResourceDescriptor) -> JSONValue {
        [
            "type": "object",
            "description": .string("\(descriptor.kind)List is a list of \(descriptor.kind)."),
            "required": ["items"],
            "properties": [
                "apiVersion": apiVersionProperty,
                "kind": kindProperty,
                "items": [
                    "type": "array",
                    "description": .string("List of \(descriptor.plural)."),
                    "items": embedded(OpenAPIDocuments.schemaName(descriptor), description: ""),
                ],
                "metadata": embedded(meta + "ListMeta", description: "Standard list metadata."),
            ],
            "x-kubernetes-group-version-kind": [
                OpenAPIDocuments.groupVersionKind(descriptor, kind: descriptor.kind + "List")
            ],
        ]
    }

    static let scale: JSONValue = [
        "type": "object",
        "description": "Scale represents a scaling request for a resource.",
        "properties": [
            "apiVersion": apiVersionProperty,
            "kind": kindProperty,
            "metadata": embedded(meta + "ObjectMeta", description: "Standard object metadata."),
            "spec": [
                "type": "object",
                "properties": ["replicas": ["type": "integer", "format": "int32"]],
            ],
            "status": [
                "type": "object",
                "required": ["replicas"],
                "properties": [
                    "replicas": ["type": "integer", "format": "int32", "default": 0],
                    "selector": ["type": "string"],
                ],
            ],
        ],
        "x-kubernetes-group-version-kind": [["group": "autoscaling", "version": "v1", "kind": "Scale"]],
    ]

    /// The `meta/v1` component schemas every document includes.
    static var metaSchemas: JSONObject {
        let string: JSONValue = ["type": "string", "default": ""]
        let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string", "default": ""]]
        let time = reference(meta + "Time")
        return [
            meta + "Time": ["type": "string", "format": "date-time", "description": "RFC 3339 date and time."],
            meta + "FieldsV1": ["type": "object", "description": "FieldsV1 stores a set of fields."],
            meta + "Patch": ["type": "object", "description": "The body of a PATCH request."],
            meta + "ObjectMeta": [
                "type": "object",
                "description": "Metadata that all persisted resources must have.",
                "properties": [
                    "name": string, "generateName": string, "namespace": string, "uid": string,
                    "resourceVersion": string,
                    "generation": ["type": "integer", "format": "int64"],
                    "creationTimestamp": time,
                    "deletionTimestamp": time,
                    "deletionGracePeriodSeconds": ["type": "integer", "format": "int64"],
                    "labels": stringMap,
                    "annotations": stringMap,
                    "finalizers": [
                        "type": "array", "items": string,
                        "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge",
                    ],
                    "ownerReferences": [
                        "type": "array",
                        "items": embedded(meta + "OwnerReference", description: ""),
                        "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["uid"],
                        "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge",
                    ],
                    "managedFields": [
                        "type": "array",
                        "items": embedded(meta + "ManagedFieldsEntry", description: ""),
                        "x-kubernetes-list-type": "atomic",
                    ],
                ],
            ],
            meta + "OwnerReference": [
                "type": "object",
                "required": ["apiVersion", "kind", "name", "uid"],
                "properties": [
                    "apiVersion": string, "kind": string, "name": string, "uid": string,
                    "controller": ["type": "boolean"], "blockOwnerDeletion": ["type": "boolean"],
                ],
                "x-kubernetes-map-type": "atomic",
            ],
            meta + "ManagedFieldsEntry": [
                "type": "object",
                "properties": [
                    "manager": ["type": "string"], "operation": ["type": "string"],
                    "apiVersion": ["type": "string"], "time": time, "fieldsType": ["type": "string"],
                    "fieldsV1": reference(meta + "FieldsV1"), "subresource": ["type": "string"],
                ],
            ],
            meta + "ListMeta": [
                "type": "object",
                "properties": [
                    "resourceVersion": ["type": "string"], "continue": ["type": "string"],
                    "remainingItemCount": ["type": "integer", "format": "int64"],
                ],
            ],
            meta + "Status": [
                "type": "object",
                "properties": [
                    "apiVersion": apiVersionProperty, "kind": kindProperty,
                    "metadata": embedded(meta + "ListMeta", description: ""),
                    "status": ["type": "string"], "message": ["type": "string"], "reason": ["type": "string"],
                    "details": reference(meta + "StatusDetails"), "code": ["type": "integer", "format": "int32"],
                ],
                "x-kubernetes-group-version-kind": [["group": "", "version": "v1", "kind": "Status"]],
            ],
            meta + "StatusDetails": [
                "type": "object",
                "properties": [
                    "name": ["type": "string"], "group": ["type": "string"], "kind": ["type": "string"],
                    "uid": ["type": "string"], "retryAfterSeconds": ["type": "integer", "format": "int32"],
                    "causes": [
                        "type": "array", "items": reference(meta + "StatusCause"), "x-kubernetes-list-type": "atomic",
                    ],
                ],
            ],
            meta + "StatusCause": [
                "type": "object",
                "properties": [
                    "reason": ["type": "string"], "message": ["type": "string"], "field": ["type": "string"],
                ],
            ],
            meta + "Preconditions": [
                "type": "object",
                "properties": ["resourceVersion": ["type": "string"], "uid": ["type": "string"]],
            ],
            meta + "DeleteOptions": [
                "type": "object",
                "properties": [
                    "apiVersion": apiVersionProperty, "kind": kindProperty,
                    "dryRun": ["type": "array", "items": string, "x-kubernetes-list-type": "atomic"],
                    "gracePeriodSeconds": ["type": "integer", "format": "int64"],
                    "orphanDependents": ["type": "boolean"],
                    "preconditions": reference(meta + "Preconditions"),
                    "propagationPolicy": ["type": "string"],
                ],
            ],
        ]
    }
}
