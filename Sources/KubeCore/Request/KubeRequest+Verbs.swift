public import Foundation

extension KubeRequest {
    static let jsonAccept = Header("Accept", "application/json")
    static let jsonContentType = Header("Content-Type", "application/json")

    /// `GET` one object.
    public static func get(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        subresource: String? = nil
    ) -> KubeRequest {
        KubeRequest(
            verb: "get",
            method: .get,
            path: resource.objectPath(name: name, namespace: namespace, subresource: subresource),
            headers: [jsonAccept]
        )
    }

    /// `GET` a collection. A `nil` namespace on a namespaced resource lists all namespaces.
    public static func list(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: ListOptions = ListOptions()
    ) -> KubeRequest {
        KubeRequest(
            verb: "list",
            method: .get,
            path: resource.collectionPath(namespace: namespace),
            query: options.queryItems,
            headers: [jsonAccept]
        )
    }

    /// `GET ?watch=true` on a collection: a stream of newline-delimited ``WatchEvent`` JSON objects.
    public static func watch(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: WatchOptions = WatchOptions()
    ) -> KubeRequest {
        KubeRequest(
            verb: "watch",
            method: .get,
            path: resource.collectionPath(namespace: namespace),
            query: options.queryItems,
            headers: [jsonAccept]
        )
    }

    /// `POST` a new object to its collection.
    public static func create(
        _ resource: ResourceDescriptor,
        namespace: String?,
        body: Data,
        options: WriteOptions = WriteOptions()
    ) -> KubeRequest {
        KubeRequest(
            verb: "create",
            method: .post,
            path: resource.collectionPath(namespace: namespace),
            query: options.queryItems,
            headers: [jsonAccept, jsonContentType],
            body: body
        )
    }

    /// `PUT` a whole object (or its `status` subresource). The body's `metadata.resourceVersion`, when set, makes the
    /// update conditional: the server answers `409 Conflict` if the object changed since.
    public static func update(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        body: Data,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) -> KubeRequest {
        KubeRequest(
            verb: subresource == nil ? "update" : "update/\(subresource!)",
            method: .put,
            path: resource.objectPath(name: name, namespace: namespace, subresource: subresource),
            query: options.queryItems,
            headers: [jsonAccept, jsonContentType],
            body: body
        )
    }

    /// `PATCH` an object (or a subresource). For ``Patch/apply(_:fieldManager:force:)`` the field manager and
    /// `force` go into the query, as the API requires.
    public static func patch(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        patch: Patch,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) throws -> KubeRequest {
        var options = options
        var query: [QueryItem] = []
        if case .apply(_, let fieldManager, let force) = patch {
            options.fieldManager = fieldManager
            query = options.queryItems
            if force { query.append(.init("force", "true")) }
        } else {
            query = options.queryItems
        }
        let verb = subresource == nil ? "patch" : "patch/\(subresource!)"
        return KubeRequest(
            verb: verb,
            method: .patch,
            path: resource.objectPath(name: name, namespace: namespace, subresource: subresource),
            query: query,
            headers: [jsonAccept, Header("Content-Type", patch.contentType)],
            body: try patch.body()
        )
    }

    /// `DELETE` one object, with a ``DeleteOptions`` body (propagation policy, preconditions, dry run).
    public static func delete(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        options: DeleteOptions = DeleteOptions()
    ) throws -> KubeRequest {
        KubeRequest(
            verb: "delete",
            method: .delete,
            path: resource.objectPath(name: name, namespace: namespace),
            query: options.dryRun == nil ? [] : [.init("dryRun", "All")],
            headers: [jsonAccept, jsonContentType],
            body: try KubeJSON.encode(options)
        )
    }

    /// `GET` a discovery or other non-resource path such as `/version`, `/api`, `/apis` or `/apis/apps/v1`.
    public static func raw(_ path: String, verb: String = "get") -> KubeRequest {
        KubeRequest(verb: verb, method: .get, path: path, headers: [jsonAccept])
    }
}
