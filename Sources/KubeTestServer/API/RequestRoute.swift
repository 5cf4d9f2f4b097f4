/// What a request path addresses, split the way the API server's `RequestInfoFactory` does.
package enum RequestRoute: Sendable, Hashable {
    /// `/version`, `/healthz`, `/readyz`, `/livez` (and sub-paths of the health checks).
    case version
    case health(String)
    /// `/api`: the legacy APIVersions document.
    case coreAPIVersions
    /// `/apis`: the APIGroupList.
    case apiGroupList
    /// `/apis/<group>`: one APIGroup.
    case apiGroup(String)
    /// `/api/v1` or `/apis/<group>/<version>`: an APIResourceList.
    case apiResourceList(group: String, version: String)
    /// `/openapi/v2`, `/openapi/v3`, `/openapi/v3/<group-version path>`.
    case openAPIV2
    case openAPIV3Index
    case openAPIV3Document(String)
    /// A resource request.
    case resource(ResourceRoute)
    case unknown

    /// Parses a URL path (without query).
    package init(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.first {
        case nil: self = .unknown
        case "version": self = parts.count == 1 ? .version : .unknown
        case "healthz", "readyz", "livez": self = .health(parts.joined(separator: "/"))
        case "openapi":
            if parts == ["openapi", "v2"] {
                self = .openAPIV2
            } else if parts == ["openapi", "v3"] {
                self = .openAPIV3Index
            } else if parts.count > 2, parts[1] == "v3" {
                self = .openAPIV3Document(parts.dropFirst(2).joined(separator: "/"))
            } else {
                self = .unknown
            }
        case "api":
            if parts.count == 1 {
                self = .coreAPIVersions
            } else if parts.count == 2 {
                self = .apiResourceList(group: "", version: parts[1])
            } else if let route = ResourceRoute(group: "", version: parts[1], rest: Array(parts.dropFirst(2))) {
                self = .resource(route)
            } else {
                self = .unknown
            }
        case "apis":
            switch parts.count {
            case 1: self = .apiGroupList
            case 2: self = .apiGroup(parts[1])
            case 3: self = .apiResourceList(group: parts[1], version: parts[2])
            default:
                if let route = ResourceRoute(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3))) {
                    self = .resource(route)
                } else {
                    self = .unknown
                }
            }
        default: self = .unknown
        }
    }
}

/// The resource part of a path: group, version, namespace, resource, name and subresource.
package struct ResourceRoute: Sendable, Hashable {
    package var group: String
    package var version: String
    package var namespace: String?
    package var resource: String
    package var name: String?
    package var subresource: String?

    package init(
        group: String,
        version: String,
        namespace: String? = nil,
        resource: String,
        name: String? = nil,
        subresource: String? = nil
    ) {
        self.group = group
        self.version = version
        self.namespace = namespace
        self.resource = resource
        self.name = name
        self.subresource = subresource
    }

    /// Splits the segments after `/api/v1` or `/apis/<g>/<v>`; `nil` when there are too many.
    ///
    /// `namespaces/<ns>/<resource>/...` addresses a namespaced resource, except that `namespaces/<ns>/status`
    /// and `namespaces/<ns>/finalize` are subresources of the namespace itself, as in the real server.
    package init?(group: String, version: String, rest: [String]) {
        var parts = rest[...]
        var namespace: String?
        if parts.count >= 3, parts.first == "namespaces", !["status", "finalize"].contains(parts[parts.startIndex + 2])
        {
            namespace = parts[parts.startIndex + 1]
            parts = parts.dropFirst(2)
        }
        guard let resource = parts.first, parts.count <= 3 else { return nil }
        let rest = Array(parts.dropFirst())
        self.init(
            group: group,
            version: version,
            namespace: namespace,
            resource: resource,
            name: rest.first,
            subresource: rest.count > 1 ? rest[1] : nil
        )
    }
}
