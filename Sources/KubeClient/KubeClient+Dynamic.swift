public import KubeCore

/// Verbs for any resource by ``KubeCore/ResourceDescriptor``, decoding to ``KubeCore/DynamicObject`` by default
/// (or any `Codable` type): for custom resources and kinds without a Swift model.
///
/// Namespace rules are those of the typed verbs. See
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris>.
extension KubeClient {
    /// Reads one object.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default (ignored for cluster-scoped resources).
    ///   - subresource: A subresource to read instead (`status`, `scale`).
    ///   - type: The decoded type.
    /// - Returns: The object.
    /// - Throws: ``KubeError``.
    public func get<Object: Decodable>(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        subresource: String? = nil,
        as type: Object.Type = DynamicObject.self
    ) async throws -> Object {
        try await getObject(resource, name: name, namespace: namespace, subresource: subresource, as: type)
    }

    /// Lists objects (one page when `options.limit` is set).
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - namespace: The namespace; `nil` lists all namespaces.
    ///   - options: Selectors, paging, resourceVersion semantics.
    ///   - type: The item type.
    /// - Returns: The list.
    /// - Throws: ``KubeError``.
    public func list<Item: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        options: ListOptions = ListOptions(),
        as type: Item.Type = DynamicObject.self
    ) async throws -> ObjectList<Item> {
        try await listObjects(resource, namespace: namespace, options: options, as: type)
    }

    /// Lists every object, following `continue` tokens (see ``listAll(_:namespace:options:)``).
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - namespace: The namespace; `nil` lists all namespaces.
    ///   - options: Selectors and resourceVersion semantics.
    ///   - type: The item type.
    /// - Returns: All items.
    /// - Throws: ``KubeError``.
    public func listAll<Item: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        options: ListOptions = ListOptions(),
        as type: Item.Type = DynamicObject.self
    ) async throws -> ObjectList<Item> {
        try await listAllObjects(resource, namespace: namespace, options: options, as: type)
    }

    /// Creates an object.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - object: The object.
    ///   - namespace: The namespace; `nil` for the object's or the default.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The created object.
    /// - Throws: ``KubeError``.
    public func create(
        _ resource: ResourceDescriptor,
        _ object: DynamicObject,
        namespace: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> DynamicObject {
        let namespace = self.namespace(for: resource, explicit: namespace, object: object.namespace)
        return try await createObject(resource, object, namespace: namespace, options: options)
    }

    /// Replaces an object, or its `status` with `subresource: "status"`.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - object: The whole object; its `metadata.resourceVersion` makes the update conditional.
    ///   - subresource: `status` to update only the status.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The updated object.
    /// - Throws: ``KubeError``.
    public func update(
        _ resource: ResourceDescriptor,
        _ object: DynamicObject,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> DynamicObject {
        try await updateObject(
            resource,
            object,
            name: object.name ?? "",
            namespace: namespace(for: resource, explicit: nil, object: object.namespace),
            subresource: subresource,
            options: options
        )
    }

    /// Replaces an object's `status` subresource.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - object: The object with the new status.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The updated object.
    /// - Throws: ``KubeError``.
    public func updateStatus(
        _ resource: ResourceDescriptor,
        _ object: DynamicObject,
        options: WriteOptions = WriteOptions()
    ) async throws -> DynamicObject {
        try await update(resource, object, subresource: "status", options: options)
    }

    /// Patches an object or a subresource.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default.
    ///   - patch: The patch.
    ///   - subresource: A subresource, or `nil`.
    ///   - options: Dry run, field manager, field validation.
    ///   - type: The decoded type.
    /// - Returns: The patched object.
    /// - Throws: ``KubeError``.
    public func patch<Object: Decodable>(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        patch: Patch,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions(),
        as type: Object.Type = DynamicObject.self
    ) async throws -> Object {
        try await patchObject(
            resource,
            name: name,
            namespace: namespace,
            patch: patch,
            subresource: subresource,
            options: options,
            as: type
        )
    }

    /// Server-side applies an untyped object (or its status with `subresource: "status"`); `apiVersion` and
    /// `kind` are filled in from `resource`.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - object: The desired fields.
    ///   - fieldManager: The manager name.
    ///   - force: Take ownership of conflicting fields.
    ///   - subresource: `status` to apply the status.
    ///   - options: Dry run and field validation.
    /// - Returns: The object after the apply.
    /// - Throws: ``KubeError``.
    public func apply(
        _ resource: ResourceDescriptor,
        _ object: DynamicObject,
        fieldManager: String,
        force: Bool = false,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> DynamicObject {
        try await applyObject(
            resource,
            body: try applyBody(object, resource: resource),
            name: object.name ?? "",
            namespace: namespace(for: resource, explicit: nil, object: object.namespace),
            fieldManager: fieldManager,
            force: force,
            subresource: subresource,
            options: options,
            as: DynamicObject.self
        )
    }

    /// Deletes an object.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default.
    ///   - options: Propagation policy, grace period, preconditions, dry run.
    /// - Returns: The object or a success `Status`.
    /// - Throws: ``KubeError``.
    @discardableResult
    public func delete(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        options: DeleteOptions = DeleteOptions()
    ) async throws -> DeleteResult<DynamicObject> {
        try await deleteObject(resource, name: name, namespace: namespace, options: options, as: DynamicObject.self)
    }

    /// Starts a watch of untyped objects.
    ///
    /// - Parameters:
    ///   - resource: The resource.
    ///   - namespace: The namespace; `nil` watches all namespaces.
    ///   - options: Selectors, resourceVersion, bookmarks, timeout.
    ///   - type: The object type of events.
    /// - Returns: The event stream.
    /// - Throws: ``KubeError`` when the watch cannot be established.
    public func watch<Object: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        options: WatchOptions = WatchOptions(),
        as type: Object.Type = DynamicObject.self
    ) async throws -> WatchStream<Object> {
        try await watchObjects(resource, namespace: namespace, options: options, as: type)
    }
}
