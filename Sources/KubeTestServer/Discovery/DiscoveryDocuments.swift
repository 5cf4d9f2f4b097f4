package import KubeCore

/// The legacy discovery documents (`/version`, `/api`, `/apis`, `/apis/<group>`, and the APIResourceLists).
///
/// kubectl first asks for aggregated discovery (`apidiscovery.k8s.io/v2`); answering with these documents and
/// `Content-Type: application/json` makes it fall back to the legacy protocol.
package enum DiscoveryDocuments {
    /// `/version`, as a v1.33.0 server reports it.
    package static let version: JSONValue = [
        "major": "1", "minor": "33", "gitVersion": "v1.33.0", "gitCommit": "kube-test-server",
        "gitTreeState": "clean", "buildDate": "2025-04-23T00:00:00Z", "goVersion": "go1.24.2", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    /// `/api`.
    package static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// One `APIGroup` with its versions, preferred first.
    package static func group(_ name: String, registry: ResourceRegistry) -> JSONValue? {
        let versions = registry.versions(of: name)
        guard let preferred = versions.first else { return nil }
        func entry(_ version: String) -> JSONValue {
            ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        }
        return [
            "kind": "APIGroup", "apiVersion": "v1", "name": .string(name),
            "versions": .array(versions.map(entry)), "preferredVersion": entry(preferred),
        ]
    }

    /// `/apis`.
    package static func groupList(registry: ResourceRegistry) -> JSONValue {
        var groups: [JSONValue] = []
        for name in registry.groups {
            guard var group = group(name, registry: registry) else { continue }
            group["kind"] = nil
            group["apiVersion"] = nil
            groups.append(group)
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// `/api/v1` or `/apis/<group>/<version>`, or `nil` when the group-version is not served.
    package static func resourceList(group: String, version: String, registry: ResourceRegistry) -> JSONValue? {
        let types = registry.types.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
        var resources: [JSONValue] = []
        for type in types {
            var resource: JSONValue = [
                "name": .string(type.plural), "singularName": .string(type.singular),
                "namespaced": .bool(type.namespaced), "kind": .string(type.kind), "verbs": verbs,
            ]
            if !type.shortNames.isEmpty { resource["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map(JSONValue.string)) }
            resources.append(resource)
            for subresource in type.subresources.sorted() {
                var entry: JSONValue = [
                    "name": .string("\(type.plural)/\(subresource)"), "singularName": "",
                    "namespaced": .bool(type.namespaced), "kind": .string(type.kind),
                    "verbs": ["get", "patch", "update"],
                ]
                if subresource == "scale" {
                    entry["group"] = "autoscaling"
                    entry["version"] = "v1"
                    entry["kind"] = "Scale"
                }
                resources.append(entry)
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
            "resources": .array(resources),
        ]
    }
}
