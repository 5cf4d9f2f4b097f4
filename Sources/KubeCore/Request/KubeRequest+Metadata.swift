extension KubeRequest {
    /// `GET` one object as ``PartialObjectMetadata``: the `Accept` header asks for metadata only.
    ///
    /// - Parameters:
    ///   - resource: The target resource (for example `ConfigMap.resource`).
    ///   - name: The object name.
    ///   - namespace: The namespace, for a namespaced resource.
    /// - Returns: The request.
    public static func getMetadata(_ resource: ResourceDescriptor, name: String, namespace: String?) -> KubeRequest {
        var request = get(resource, name: name, namespace: namespace)
        request.headers = [Header("Accept", PartialObjectMetadata.watchMediaType)]
        return request
    }

    /// `GET` a collection as a `PartialObjectMetadataList` (see ``PartialObjectMetadata/listMediaType``).
    ///
    /// - Parameters:
    ///   - resource: The target resource.
    ///   - namespace: The namespace; `nil` on a namespaced resource lists all namespaces.
    ///   - options: Selectors, paging, resourceVersion semantics.
    /// - Returns: The request.
    public static func listMetadata(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: ListOptions = ListOptions()
    ) -> KubeRequest {
        var request = list(resource, namespace: namespace, options: options)
        request.headers = [Header("Accept", PartialObjectMetadata.listMediaType)]
        return request
    }

    /// `GET ?watch=true` on a collection, with every event's object as ``PartialObjectMetadata`` (see
    /// ``PartialObjectMetadata/watchMediaType``).
    ///
    /// - Parameters:
    ///   - resource: The target resource.
    ///   - namespace: The namespace; `nil` on a namespaced resource watches all namespaces.
    ///   - options: Selectors, the resourceVersion to resume after, bookmarks, timeout.
    /// - Returns: The request.
    public static func watchMetadata(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: WatchOptions = WatchOptions()
    ) -> KubeRequest {
        var request = watch(resource, namespace: namespace, options: options)
        request.headers = [Header("Accept", PartialObjectMetadata.watchMediaType)]
        return request
    }
}
