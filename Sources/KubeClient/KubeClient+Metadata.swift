public import KubeCore

/// Metadata-only reads of any resource: the server sends ``KubeCore/PartialObjectMetadata`` (labels, annotations,
/// ownerReferences, resourceVersion, managedFields) instead of whole objects, like client-go's metadata client and
/// kube-rs's `Api::list_metadata` / `watch_metadata`.
///
/// The `Accept` headers list full JSON as a fallback, so a server that cannot convert answers with whole objects,
/// which still decode (only their `metadata` is kept). See
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables>.
extension KubeClient {
    /// Reads one object's metadata.
    ///
    /// - Parameters:
    ///   - resource: The target resource, e.g. `ConfigMap.resource`.
    ///   - name: The object name.
    ///   - namespace: The namespace; `nil` for the default (ignored for cluster-scoped resources).
    /// - Returns: The object's metadata.
    /// - Throws: ``KubeError`` (``KubeError/Code/notFound`` when it does not exist).
    public func get(
        metadataOf resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil
    ) async throws -> PartialObjectMetadata {
        let request = KubeRequest.getMetadata(
            resource,
            name: name,
            namespace: self.namespace(for: resource, explicit: namespace)
        )
        return try await perform(request, as: PartialObjectMetadata.self)
    }

    /// Lists objects' metadata (one page when `options.limit` is set).
    ///
    /// - Parameters:
    ///   - resource: The target resource.
    ///   - namespace: The namespace; `nil` lists all namespaces.
    ///   - options: Selectors, paging, resourceVersion semantics.
    /// - Returns: A `PartialObjectMetadataList`; `metadata.continue` is set when more pages remain.
    /// - Throws: ``KubeError`` (``KubeError/Code/notAcceptable`` if the server refuses every offered media type).
    public func list(
        metadataOf resource: ResourceDescriptor,
        namespace: String? = nil,
        options: ListOptions = ListOptions()
    ) async throws -> PartialObjectMetadataList {
        let request = KubeRequest.listMetadata(
            resource,
            namespace: resource.namespaced ? namespace : nil,
            options: options
        )
        return try await perform(request, as: PartialObjectMetadataList.self)
    }

    /// Watches objects' metadata; every event's object is a ``KubeCore/PartialObjectMetadata``. See
    /// ``WatchStream`` for how the stream ends and fails.
    ///
    /// - Parameters:
    ///   - resource: The target resource.
    ///   - namespace: The namespace; `nil` watches all namespaces.
    ///   - options: Selectors, the resourceVersion to resume after, bookmarks, timeout.
    /// - Returns: The event stream.
    /// - Throws: ``KubeError`` when the watch cannot be established.
    public func watch(
        metadataOf resource: ResourceDescriptor,
        namespace: String? = nil,
        options: WatchOptions = WatchOptions()
    ) async throws -> WatchStream<PartialObjectMetadata> {
        let request = KubeRequest.watchMetadata(
            resource,
            namespace: resource.namespaced ? namespace : nil,
            options: options
        )
        return try await watch(request, as: PartialObjectMetadata.self)
    }
}
