public import KubeCore

extension ObjectReference {
    /// A reference to `object` for an event's `regarding` or `related` field, as client-go's
    /// `reference.GetReference` makes it: `apiVersion`, `kind`, `namespace`, `name`, `uid` and `resourceVersion`.
    ///
    /// `apiVersion` and `kind` come from the object, or from its type's `resource` when the object carries no type
    /// metadata (list items).
    ///
    /// - Parameter object: The object to refer to.
    public init<Object: KubernetesObject>(referencing object: Object) {
        self.init(
            apiVersion: object.apiVersion ?? Object.resource.apiVersion,
            kind: object.kind ?? Object.resource.kind,
            namespace: object.metadata.namespace,
            name: object.metadata.name,
            uid: object.metadata.uid,
            resourceVersion: object.metadata.resourceVersion
        )
    }
}
