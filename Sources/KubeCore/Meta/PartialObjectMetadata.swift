/// The metadata of an object of any kind, without its spec, status or data (`meta.k8s.io/v1`
/// `PartialObjectMetadata`).
///
/// The API server returns this shape instead of the full object when a client asks for it with an `Accept` header
/// such as `application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1` (``watchMediaType``, also used for a single
/// `GET`) or `application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` (``listMediaType``). Every item then
/// has `apiVersion: meta.k8s.io/v1`, `kind: PartialObjectMetadata` and the full `metadata` (labels, annotations,
/// ownerReferences, finalizers, resourceVersion, managedFields), and nothing else. Controllers that only need
/// metadata (owner lookups, label indexes, garbage collection) cache far less this way: controller-runtime's
/// `OnlyMetadata`, client-go's `metadatainformer` and kube-rs's `metadata_watcher` rely on it. See
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables> and
/// <https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.31/#partialobjectmetadata-v1-meta>.
///
/// One type stands for every resource, so it has no REST address of its own: ``resource`` only names the type
/// (`meta.k8s.io/v1`, kind `PartialObjectMetadata`, no plural). Address the *target* resource instead, with
/// `KubeClient.list(metadataOf:)`, `watch(metadataOf:)` and `get(metadataOf:)`, or
/// ``KubeRequest/listMetadata(_:namespace:options:)`` and ``KubeRequest/watchMetadata(_:namespace:options:)``;
/// the typed verbs (`client.list(PartialObjectMetadata.self)`) would address a collection that does not exist.
public struct PartialObjectMetadata: KubernetesObject, Hashable {
    /// The type's own group, version and kind; not an addressable resource (its `plural` is empty).
    public static let resource = ResourceDescriptor(
        group: "meta.k8s.io",
        version: "v1",
        kind: "PartialObjectMetadata",
        plural: "",
        namespaced: false
    )

    /// The `Accept` header value for a single object or a watch: the metadata form first, full JSON as a fallback
    /// for servers that cannot convert (as client-go's metadata client sends it).
    public static let watchMediaType = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"

    /// The `Accept` header value for a list: `PartialObjectMetadataList`, with full JSON as a fallback.
    public static let listMediaType =
        "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"

    /// `meta.k8s.io/v1` as the server sends it; `nil` only when built locally without it.
    public var apiVersion: String?
    /// `PartialObjectMetadata` as the server sends it (the target kind if a server fell back to full objects).
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta

    /// Makes a value with `apiVersion` `meta.k8s.io/v1` and kind `PartialObjectMetadata`.
    /// - Parameter metadata: The object's metadata.
    public init(metadata: ObjectMeta) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
    }
}

/// A list of ``PartialObjectMetadata`` (`meta.k8s.io/v1` `PartialObjectMetadataList`), with the list's
/// resourceVersion and continue token in `metadata`.
public typealias PartialObjectMetadataList = ObjectList<PartialObjectMetadata>
