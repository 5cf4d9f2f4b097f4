public import KubeCore

/// Verbs for ``KubeCore/KubernetesObject`` types, addressed by the type's `resource`.
///
/// Object verbs (get, create, update, patch, apply, delete) on a namespaced type use the namespace given, else the
/// object's `metadata.namespace`, else ``ClientConfiguration/namespace``. List and watch treat a `nil` namespace
/// as *all namespaces*. See <https://kubernetes.io/docs/reference/using-api/api-concepts/#api-verbs>.
extension KubeClient {
    /// Reads one object (`GET`).
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default one (ignored for cluster-scoped types).
    /// - Returns: The object.
    /// - Throws: ``KubeError`` (``KubeError/Code/notFound`` when it does not exist).
    public func get<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        name: String,
        namespace: String? = nil
    ) async throws -> Object {
        try await getObject(Object.resource, name: name, namespace: namespace, as: type)
    }

    /// Lists objects (one page when `options.limit` is set).
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - namespace: The namespace; `nil` lists all namespaces.
    ///   - options: Selectors, paging, resourceVersion semantics.
    /// - Returns: The list; `metadata.continue` is set when more pages remain.
    /// - Throws: ``KubeError``.
    public func list<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        namespace: String? = nil,
        options: ListOptions = ListOptions()
    ) async throws -> ObjectList<Object> {
        try await listObjects(Object.resource, namespace: namespace, options: options, as: type)
    }

    /// Lists every object, following `continue` tokens page by page (500 per page unless `options.limit` says
    /// otherwise). If a token expires mid-way, falls back to one unpaginated list, as client-go's pager does.
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - namespace: The namespace; `nil` lists all namespaces.
    ///   - options: Selectors and resourceVersion semantics.
    /// - Returns: All items; `metadata.resourceVersion` is the first page's (the snapshot's).
    /// - Throws: ``KubeError``.
    public func listAll<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        namespace: String? = nil,
        options: ListOptions = ListOptions()
    ) async throws -> ObjectList<Object> {
        try await listAllObjects(Object.resource, namespace: namespace, options: options, as: type)
    }

    /// Creates an object (`POST`).
    ///
    /// - Parameters:
    ///   - object: The object; `metadata.name` or `generateName` must be set.
    ///   - namespace: The namespace; `nil` for the object's or the default.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The created object as stored.
    /// - Throws: ``KubeError`` (``KubeError/Code/alreadyExists``, ``KubeError/Code/invalid``, ...).
    public func create<Object: KubernetesObject>(
        _ object: Object,
        namespace: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        let namespace = self.namespace(for: Object.resource, explicit: namespace, object: object.metadata.namespace)
        return try await createObject(Object.resource, object, namespace: namespace, options: options)
    }

    /// Replaces an object (`PUT`). With `metadata.resourceVersion` set the update is conditional: a stale version
    /// is a ``KubeError/Code/conflict``.
    ///
    /// - Parameters:
    ///   - object: The whole object.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The updated object.
    /// - Throws: ``KubeError``.
    public func update<Object: KubernetesObject>(
        _ object: Object,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        let namespace = self.namespace(for: Object.resource, explicit: nil, object: object.metadata.namespace)
        return try await updateObject(
            Object.resource,
            object,
            name: object.name,
            namespace: namespace,
            subresource: nil,
            options: options
        )
    }

    /// Replaces an object's `status` subresource (`PUT …/status`); changes outside `status` are ignored.
    ///
    /// - Parameters:
    ///   - object: The object with the new status.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The updated object.
    /// - Throws: ``KubeError``.
    public func updateStatus<Object: KubernetesObject>(
        _ object: Object,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        let namespace = self.namespace(for: Object.resource, explicit: nil, object: object.metadata.namespace)
        return try await updateObject(
            Object.resource,
            object,
            name: object.name,
            namespace: namespace,
            subresource: "status",
            options: options
        )
    }

    /// Patches an object or one of its subresources with a merge, JSON, strategic merge or apply patch.
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default.
    ///   - patch: The patch; see ``KubeCore/Patch``.
    ///   - subresource: `status`, `scale`, ... or `nil` for the object itself.
    ///   - options: Dry run, field manager, field validation.
    /// - Returns: The patched object.
    /// - Throws: ``KubeError`` (``KubeError/Code/unsupportedMediaType`` for a strategic merge patch of a custom
    ///   resource).
    public func patch<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        name: String,
        namespace: String? = nil,
        patch: Patch,
        subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        try await patchObject(
            Object.resource,
            name: name,
            namespace: namespace,
            patch: patch,
            subresource: subresource,
            options: options,
            as: type
        )
    }

    /// Server-side applies an object: the object is this field manager's whole intent, `apiVersion` and `kind` are
    /// filled in and `managedFields` dropped.
    ///
    /// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/>.
    ///
    /// - Parameters:
    ///   - object: The desired fields; set only what you own.
    ///   - fieldManager: The manager name, e.g. `agri-operator`.
    ///   - force: Take ownership of fields other managers own instead of failing with a conflict.
    ///   - options: Dry run and field validation (the field manager comes from `fieldManager`).
    /// - Returns: The object after the apply.
    /// - Throws: ``KubeError`` (``KubeError/Code/conflict`` with `FieldManagerConflict` causes without `force`).
    public func apply<Object: KubernetesObject>(
        _ object: Object,
        fieldManager: String,
        force: Bool = false,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        let body = try applyBody(object, resource: Object.resource)
        return try await applyObject(
            Object.resource,
            body: body,
            name: object.name,
            namespace: namespace(for: Object.resource, explicit: nil, object: object.metadata.namespace),
            fieldManager: fieldManager,
            force: force,
            subresource: nil,
            options: options,
            as: Object.self
        )
    }

    /// Server-side applies an object's `status` subresource.
    ///
    /// - Parameters:
    ///   - object: The object carrying the status fields this manager owns.
    ///   - fieldManager: The manager name.
    ///   - force: Take ownership of conflicting fields.
    ///   - options: Dry run and field validation.
    /// - Returns: The object after the apply.
    /// - Throws: ``KubeError``.
    public func applyStatus<Object: KubernetesObject>(
        _ object: Object,
        fieldManager: String,
        force: Bool = false,
        options: WriteOptions = WriteOptions()
    ) async throws -> Object {
        let body = try applyBody(object, resource: Object.resource)
        return try await applyObject(
            Object.resource,
            body: body,
            name: object.name,
            namespace: namespace(for: Object.resource, explicit: nil, object: object.metadata.namespace),
            fieldManager: fieldManager,
            force: force,
            subresource: "status",
            options: options,
            as: Object.self
        )
    }

    /// Deletes an object.
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default.
    ///   - options: Propagation policy, grace period, preconditions, dry run.
    /// - Returns: The object (deletion pending or done) or a success `Status`.
    /// - Throws: ``KubeError`` (``KubeError/Code/notFound`` when already gone).
    @discardableResult
    public func delete<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        name: String,
        namespace: String? = nil,
        options: DeleteOptions = DeleteOptions()
    ) async throws -> DeleteResult<Object> {
        try await deleteObject(Object.resource, name: name, namespace: namespace, options: options, as: type)
    }

    /// Starts a watch; see ``WatchStream``.
    ///
    /// - Parameters:
    ///   - type: The object type.
    ///   - namespace: The namespace; `nil` watches all namespaces.
    ///   - options: Selectors, the resourceVersion to resume after, bookmarks, timeout.
    /// - Returns: The event stream; iterate it to receive events.
    /// - Throws: ``KubeError`` when the watch cannot be established (``KubeError/Code/expired`` for a
    ///   resourceVersion too old).
    public func watch<Object: KubernetesObject>(
        _ type: Object.Type = Object.self,
        namespace: String? = nil,
        options: WatchOptions = WatchOptions()
    ) async throws -> WatchStream<Object> {
        try await watchObjects(Object.resource, namespace: namespace, options: options, as: type)
    }
}
