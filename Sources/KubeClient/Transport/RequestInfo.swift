import Foundation

/// What a request path addresses, parsed the way the API server's `RequestInfoFactory` does: for metrics labels,
/// log metadata and error context.
///
/// See <https://github.com/kubernetes/apiserver/blob/master/pkg/endpoints/request/requestinfo.go>.
package struct RequestInfo: Sendable, Hashable {
    /// Whether the path is under `/api` or `/apis` and names a resource (not discovery).
    package var isResourceRequest: Bool
    package var path: String
    package var group: String = ""
    package var version: String = ""
    package var resource: String = ""
    package var namespace: String?
    package var name: String?
    package var subresource: String?

    /// Subresources of a namespace, which `/api/v1/namespaces/<name>/<x>` addresses instead of a resource `<x>`.
    private static let namespaceSubresources: Set<String> = ["status", "finalize"]

    package init(path: String) {
        self.path = path
        self.isResourceRequest = false
        let rawParts = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        var parts = rawParts.map { String($0).removingPercentEncoding ?? String($0) }
        guard let prefix = parts.first, prefix == "api" || prefix == "apis" else { return }
        parts.removeFirst()
        if prefix == "apis" {
            guard parts.count >= 2 else { return }
            group = parts.removeFirst()
        } else {
            guard !parts.isEmpty else { return }
        }
        version = parts.removeFirst()
        guard !parts.isEmpty else { return }
        isResourceRequest = true
        if parts[0] == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2, !Self.namespaceSubresources.contains(parts[2]) {
                parts.removeFirst(2)
            }
        }
        resource = parts[0]
        if parts.count > 1 { name = parts[1] }
        if parts.count > 2 { subresource = parts[2...].joined(separator: "/") }
        if resource == "namespaces" {
            // A namespace object is addressed by its name, not by a parent namespace.
            namespace = nil
        }
    }

    /// The `resource` label: `plural` for the core group, `plural.group` otherwise, or the path for non-resource
    /// requests (discovery paths are few, so the label's cardinality stays bounded).
    package var metricsResource: String {
        guard isResourceRequest else { return path.split(separator: "?").first.map(String.init) ?? path }
        return group.isEmpty ? resource : "\(resource).\(group)"
    }
}
