package import KubeCore

/// A resource the test server serves: its group, version, names, scope and subresources, as discovery reports it.
package struct ResourceType: Sendable, Hashable {
    package var group: String
    package var version: String
    package var kind: String
    /// The plural resource name used in paths, e.g. `deployments`.
    package var plural: String
    package var singular: String
    package var namespaced: Bool
    package var shortNames: [String]
    package var categories: [String]
    /// `status` and/or `scale`.
    package var subresources: Set<String>
    /// Whether the resource comes from a CustomResourceDefinition.
    package var isCustom: Bool
    /// For custom resources with a scale subresource: `specReplicasPath`, `statusReplicasPath`, `labelSelectorPath`.
    package var scalePaths: ScalePaths?

    /// JSON paths (`.spec.replicas`) of a scale subresource.
    package struct ScalePaths: Sendable, Hashable {
        package var specReplicas: String
        package var statusReplicas: String
        package var labelSelector: String?

        package init(specReplicas: String, statusReplicas: String, labelSelector: String?) {
            self.specReplicas = specReplicas
            self.statusReplicas = statusReplicas
            self.labelSelector = labelSelector
        }
    }

    package init(
        group: String,
        version: String,
        kind: String,
        plural: String,
        singular: String? = nil,
        namespaced: Bool = true,
        shortNames: [String] = [],
        categories: [String] = [],
        subresources: Set<String> = [],
        isCustom: Bool = false,
        scalePaths: ScalePaths? = nil
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.isCustom = isCustom
        self.scalePaths = scalePaths
    }

    /// `apps/v1`, or `v1` for the core group.
    package var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// The storage identity: group and plural, shared by every version of a resource.
    package var groupResource: GroupResource { GroupResource(group: group, resource: plural) }
    package var listKind: String { kind + "List" }
    package var hasStatus: Bool { subresources.contains("status") }
    package var hasScale: Bool { subresources.contains("scale") }
    package var descriptor: ResourceDescriptor {
        ResourceDescriptor(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }
}

/// A resource independent of version (`deployments.apps`), the key objects are stored under.
package struct GroupResource: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var group: String
    package var resource: String

    package init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    /// `deployments.apps`, or `pods` for the core group, as the API server prints it in messages.
    package var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    package static func < (lhs: GroupResource, rhs: GroupResource) -> Bool { lhs.description < rhs.description }

    package static let namespaces = GroupResource(group: "", resource: "namespaces")
    package static let customResourceDefinitions = GroupResource(
        group: "apiextensions.k8s.io",
        resource: "customresourcedefinitions"
    )
}
