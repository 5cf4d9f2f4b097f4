package import KubeCore

/// Every resource being served: the built-in table plus the served versions of established CRDs.
package struct ResourceRegistry: Sendable {
    /// A served version of a custom resource, with its schema and CRD version definition.
    package struct CustomVersion: Sendable {
        package var type: ResourceType
        package var schema: CustomResourceSchema?
        /// The CRD's `spec.versions[i]` entry (for printer columns).
        package var definition: JSONValue
        package var isStorageVersion: Bool
    }

    package private(set) var types: [ResourceType]
    package private(set) var custom: [CustomVersion]

    package init(builtIns: [ResourceType] = BuiltInResources.types, crds: [JSONValue] = []) {
        self.types = builtIns
        self.custom = []
        for crd in crds where !ObjectRules.isBeingDeleted(crd) {
            for version in Self.customVersions(of: crd) {
                custom.append(version)
                types.append(version.type)
            }
        }
    }

    /// The served resource for a path, by group, version and plural name.
    package func type(group: String, version: String, plural: String) -> ResourceType? {
        types.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// Any served version of a resource (the first is the preferred one).
    package func anyVersion(of resource: GroupResource) -> ResourceType? {
        types.first { $0.groupResource == resource }
    }

    package func customVersion(for type: ResourceType) -> CustomVersion? {
        custom.first { $0.type == type }
    }

    /// Served group names, built-in order first, then custom groups in order of appearance.
    package var groups: [String] {
        var names: [String] = []
        for group in BuiltInResources.groupOrder + types.map(\.group) where !group.isEmpty && !names.contains(group) {
            if types.contains(where: { $0.group == group }) { names.append(group) }
        }
        return names
    }

    /// Served versions of a group, preferred first.
    package func versions(of group: String) -> [String] {
        var versions: [String] = []
        for type in types where type.group == group && !versions.contains(type.version) {
            versions.append(type.version)
        }
        return versions
    }

    /// The served versions of a CRD object, as resource types.
    package static func customVersions(of crd: JSONValue) -> [CustomVersion] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
            let names = spec["names"], let plural = names["plural"]?.stringValue,
            let kind = names["kind"]?.stringValue
        else { return [] }
        let namespaced = spec["scope"]?.stringValue != "Cluster"
        var result: [CustomVersion] = []
        for version in spec["versions"]?.arrayValue ?? [] where version["served"]?.boolValue ?? true {
            guard let name = version["name"]?.stringValue else { continue }
            var subresources: Set<String> = []
            var scalePaths: ResourceType.ScalePaths?
            if version[path: ["subresources", "status"]] != nil { subresources.insert("status") }
            if let scale = version[path: ["subresources", "scale"]] {
                subresources.insert("scale")
                scalePaths = ResourceType.ScalePaths(
                    specReplicas: scale["specReplicasPath"]?.stringValue ?? ".spec.replicas",
                    statusReplicas: scale["statusReplicasPath"]?.stringValue ?? ".status.replicas",
                    labelSelector: scale["labelSelectorPath"]?.stringValue
                )
            }
            let type = ResourceType(
                group: group,
                version: name,
                kind: kind,
                plural: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(),
                namespaced: namespaced,
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                subresources: subresources,
                isCustom: true,
                scalePaths: scalePaths
            )
            let schema = version[path: ["schema", "openAPIV3Schema"]].map { CustomResourceSchema(openAPIV3Schema: $0) }
            result.append(
                CustomVersion(
                    type: type,
                    schema: schema,
                    definition: version,
                    isStorageVersion: version["storage"]?.boolValue ?? false
                )
            )
        }
        return result
    }

    /// The printer columns of a CRD version (`additionalPrinterColumns`).
    package static func printerColumns(of definition: JSONValue) -> [PrinterColumn] {
        (definition["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column in
            guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue else {
                return nil
            }
            return PrinterColumn(
                name: name,
                type: column["type"]?.stringValue ?? "string",
                format: column["format"]?.stringValue,
                description: column["description"]?.stringValue,
                priority: Int(column["priority"]?.integerValue ?? 0),
                jsonPath: path
            )
        }
    }
}
