public import KubeCore

extension ReconcileRequest {
    /// The request for the *controller* owner of `object`, if that owner is of kind `Owner`.
    ///
    /// This is how an `owns` relation maps a child's change to its primary, like controller-runtime's
    /// `EnqueueRequestForOwner` with `OnlyControllerOwner()`: only the owner reference with `controller: true`
    /// counts, and it must name `Owner`'s kind and API group (the version may differ, as upstream, because one
    /// object is served at several versions). The owner lives in the child's namespace, or is cluster-scoped when
    /// `Owner` is.
    /// - Returns: The owner's request, or `nil` when `object` has no controller owner of that kind.
    public static func controllerOwner<Owner: KubernetesObject>(
        of object: some KubernetesObject,
        ownerType: Owner.Type
    ) -> ReconcileRequest? {
        let resource = Owner.resource
        guard
            let owner = object.metadata.ownerReferences?.first(where: { $0.controller == true }),
            owner.kind == resource.kind,
            GroupVersionKind(apiVersion: owner.apiVersion, kind: owner.kind).group == resource.group
        else { return nil }
        return ReconcileRequest(namespace: resource.namespaced ? object.metadata.namespace : nil, name: owner.name)
    }
}
