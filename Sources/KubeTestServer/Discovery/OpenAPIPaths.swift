import KubeCore

/// The `paths` of a v3 document for one resource: collection, item and subresource paths with `get`, `put`,
/// `patch`, `post` and `delete` operations, as the real server publishes them (watch paths are left out).
///
/// Every write operation lists the `dryRun`, `fieldManager` and `fieldValidation` query parameters, and `patch` also
/// `force`: kubectl only trusts server-side field validation for a kind whose `patch` operation, tagged with the
/// kind's `x-kubernetes-group-version-kind`, lists `fieldValidation`.
enum OpenAPIPaths {
    static func paths(for resource: OpenAPIDocuments.Resource) -> JSONObject {
        let descriptor = resource.descriptor
        let kindRef = OpenAPISchemas.reference(OpenAPIDocuments.schemaName(descriptor))
        let listRef = OpenAPISchemas.reference(OpenAPIDocuments.schemaName(descriptor) + "List")
        let scope = descriptor.namespaced ? "Namespaced" : ""
        let base = descriptor.groupVersionPath
        let collection =
            descriptor.namespaced
            ? "\(base)/namespaces/{namespace}/\(descriptor.plural)" : "\(base)/\(descriptor.plural)"
        let scopeParameters = descriptor.namespaced ? [namespaceParameter] : []
        let gvk = OpenAPIDocuments.groupVersionKind(descriptor)
        let id = operationSuffix(descriptor)

        var paths: JSONObject = [:]
        paths[collection] = [
            "parameters": .array(scopeParameters + [prettyParameter]),
            "get": operation(
                "list\(id)\(scope)\(descriptor.kind)",
                "list",
                gvk,
                listQuery,
                response: listRef,
                description: "list or watch objects of kind \(descriptor.kind)"
            ),
            "post": operation(
                "create\(id)\(scope)\(descriptor.kind)",
                "post",
                gvk,
                writeQuery,
                body: kindRef,
                bodyTypes: ["*/*"],
                response: kindRef,
                extraCodes: ["201", "202"],
                description: "create a \(descriptor.kind)"
            ),
            "delete": operation(
                "deletecollection\(id)\(scope)\(descriptor.kind)",
                "deletecollection",
                gvk,
                deleteCollectionQuery,
                body: OpenAPISchemas.reference(OpenAPISchemas.meta + "DeleteOptions"),
                bodyTypes: ["*/*"],
                response: OpenAPISchemas.reference(OpenAPISchemas.meta + "Status"),
                description: "delete collection of \(descriptor.kind)"
            ),
        ]
        if descriptor.namespaced {
            paths["\(base)/\(descriptor.plural)"] = [
                "parameters": [prettyParameter],
                "get": operation(
                    "list\(id)\(descriptor.kind)ForAllNamespaces",
                    "list",
                    gvk,
                    listQuery,
                    response: listRef,
                    description: "list or watch objects of kind \(descriptor.kind)"
                ),
            ]
        }
        let itemParameters: JSONValue = .array([nameParameter(descriptor.kind)] + scopeParameters + [prettyParameter])
        paths["\(collection)/{name}"] = [
            "parameters": itemParameters,
            "get": operation(
                "read\(id)\(scope)\(descriptor.kind)",
                "get",
                gvk,
                [query("resourceVersion")],
                response: kindRef,
                description: "read the specified \(descriptor.kind)"
            ),
            "put": operation(
                "replace\(id)\(scope)\(descriptor.kind)",
                "put",
                gvk,
                writeQuery,
                body: kindRef,
                bodyTypes: ["*/*"],
                response: kindRef,
                extraCodes: ["201"],
                description: "replace the specified \(descriptor.kind)"
            ),
            "patch": operation(
                "patch\(id)\(scope)\(descriptor.kind)",
                "patch",
                gvk,
                writeQuery + [query("force", type: "boolean")],
                body: OpenAPISchemas.reference(OpenAPISchemas.meta + "Patch"),
                bodyTypes: patchTypes,
                response: kindRef,
                extraCodes: ["201"],
                description: "partially update the specified \(descriptor.kind)"
            ),
            "delete": operation(
                "delete\(id)\(scope)\(descriptor.kind)",
                "delete",
                gvk,
                deleteQuery,
                body: OpenAPISchemas.reference(OpenAPISchemas.meta + "DeleteOptions"),
                bodyTypes: ["*/*"],
                response: OpenAPISchemas.reference(OpenAPISchemas.meta + "Status"),
                extraCodes: ["202"],
                description: "delete a \(descriptor.kind)"
            ),
        ]
        for subresource in resource.subresources where subresource == "status" || subresource == "scale" {
            let isScale = subresource == "scale"
            let subGVK: JSONValue =
                isScale ? ["group": "autoscaling", "version": "v1", "kind": "Scale"] : gvk
            let subRef = isScale ? OpenAPISchemas.reference(OpenAPISchemas.scaleName) : kindRef
            let name = "\(id)\(scope)\(descriptor.kind)\(isScale ? "Scale" : "Status")"
            paths["\(collection)/{name}/\(subresource)"] = [
                "parameters": itemParameters,
                "get": operation(
                    "read\(name)",
                    "get",
                    subGVK,
                    [query("resourceVersion")],
                    response: subRef,
                    description: "read \(subresource) of the specified \(descriptor.kind)"
                ),
                "put": operation(
                    "replace\(name)",
                    "put",
                    subGVK,
                    writeQuery,
                    body: subRef,
                    bodyTypes: ["*/*"],
                    response: subRef,
                    extraCodes: ["201"],
                    description: "replace \(subresource) of the specified \(descriptor.kind)"
                ),
                "patch": operation(
                    "patch\(name)",
                    "patch",
                    subGVK,
                    writeQuery + [query("force", type: "boolean")],
                    body: OpenAPISchemas.reference(OpenAPISchemas.meta + "Patch"),
                    bodyTypes: patchTypes,
                    response: subRef,
                    extraCodes: ["201"],
                    description: "partially update \(subresource) of the specified \(descriptor.kind)"
                ),
            ]
        }
        return paths
    }

    /// Strategic merge patch is left out, for built-in kinds on purpose; see ``OpenAPIDocuments``.
    private static let patchTypes = [
        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
    ]

    private static func operation(
        _ operationID: String,
        _ action: String,
        _ gvk: JSONValue,
        _ parameters: [JSONValue],
        body: JSONValue? = nil,
        bodyTypes: [String] = [],
        response: JSONValue,
        extraCodes: [String] = [],
        description: String
    ) -> JSONValue {
        let content = JSONObject(["application/json", "application/yaml"].map { ($0, ["schema": response]) })
        var responses: JSONObject = ["200": ["description": "OK", "content": .object(content)]]
        for code in extraCodes {
            responses[code] = ["description": code == "201" ? "Created" : "Accepted", "content": .object(content)]
        }
        responses["401"] = ["description": "Unauthorized"]
        var operation: JSONValue = [
            "description": .string(description),
            "operationId": .string(operationID),
            "parameters": .array(parameters),
            "responses": .object(responses),
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": gvk,
        ]
        if let body {
            let bodyContent = JSONObject(bodyTypes.map { ($0, JSONValue.object(["schema": body])) })
            operation["requestBody"] = ["content": .object(bodyContent), "required": true]
        }
        return operation
    }

    /// `AgriExampleComV1` for group `agri.example.com`, `CoreV1` for the core group: the operation ID infix.
    private static func operationSuffix(_ descriptor: ResourceDescriptor) -> String {
        let groupWords = descriptor.group.isEmpty ? ["core"] : descriptor.group.split(separator: ".").map(String.init)
        return (groupWords + [descriptor.version]).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func query(_ name: String, type: String = "string") -> JSONValue {
        ["name": .string(name), "in": "query", "description": .string(name), "schema": ["type": .string(type)]]
    }

    private static let writeQuery = ["dryRun", "fieldManager", "fieldValidation"].map { query($0) }

    private static let listQuery: [JSONValue] =
        ["continue", "fieldSelector", "labelSelector", "resourceVersion", "resourceVersionMatch"].map { query($0) }
        + [
            query("allowWatchBookmarks", type: "boolean"), query("limit", type: "integer"),
            query("sendInitialEvents", type: "boolean"), query("timeoutSeconds", type: "integer"),
            query("watch", type: "boolean"),
        ]

    private static let deleteQuery: [JSONValue] = [
        query("dryRun"), query("gracePeriodSeconds", type: "integer"), query("orphanDependents", type: "boolean"),
        query("propagationPolicy"),
    ]

    private static let deleteCollectionQuery: [JSONValue] =
        deleteQuery
        + ["continue", "fieldSelector", "labelSelector", "resourceVersion", "resourceVersionMatch"].map { query($0) }
        + [query("limit", type: "integer"), query("timeoutSeconds", type: "integer")]

    private static let namespaceParameter: JSONValue = [
        "name": "namespace", "in": "path", "required": true,
        "description": "object name and auth scope, such as for teams and projects",
        "schema": ["type": "string", "uniqueItems": true],
    ]

    private static let prettyParameter: JSONValue = [
        "name": "pretty", "in": "query", "description": "If 'true', then the output is pretty printed.",
        "schema": ["type": "string", "uniqueItems": true],
    ]

    private static func nameParameter(_ kind: String) -> JSONValue {
        [
            "name": "name", "in": "path", "required": true, "description": .string("name of the \(kind)"),
            "schema": ["type": "string", "uniqueItems": true],
        ]
    }
}
