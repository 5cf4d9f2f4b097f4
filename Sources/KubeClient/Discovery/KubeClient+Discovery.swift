import KubeCore

/// Discovery: what the server is and serves. Use ``hasResource(group:version:plural:)`` before touching optional
/// APIs (VerticalPodAutoscaler, Gateway API, Prometheus Operator) that a cluster may not have installed.
///
/// See <https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api>.
extension KubeClient {
    /// The server's version (`GET /version`).
    ///
    /// - Returns: The build information.
    /// - Throws: ``KubeError``.
    public func serverVersion() async throws -> ServerVersion {
        try await perform(.raw("/version"), as: ServerVersion.self)
    }

    /// All API groups: the core group (named `""`, from `GET /api`) first, then `GET /apis`.
    ///
    /// - Returns: The groups and their versions.
    /// - Throws: ``KubeError``.
    public func apiGroups() async throws -> [APIGroup] {
        let core = try await perform(.raw("/api"), as: APIVersions.self)
        let named = try await perform(.raw("/apis"), as: APIGroupList.self)
        let coreVersions = core.versions.map { APIGroup.Version(groupVersion: $0, version: $0) }
        return [APIGroup(name: "", versions: coreVersions, preferredVersion: coreVersions.first)] + named.groups
    }

    /// The resources of one group-version.
    ///
    /// - Parameter groupVersion: `apps/v1`, or `v1` for the core group.
    /// - Returns: The resource list.
    /// - Throws: ``KubeError`` (``KubeError/Code/notFound`` when the group-version is not served).
    public func resources(groupVersion: String) async throws -> APIResourceList {
        let path = groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)"
        return try await perform(.raw(path), as: APIResourceList.self)
    }

    /// Whether the server serves a resource, e.g. `hasResource(group: "autoscaling.k8s.io", version: "v1",
    /// plural: "verticalpodautoscalers")`.
    ///
    /// - Parameters:
    ///   - group: The API group; `""` for the core group.
    ///   - version: The version.
    ///   - plural: The plural resource name.
    /// - Returns: `false` when the group-version is not served (404) or lacks the resource.
    /// - Throws: ``KubeError`` for other failures, so "not installed" is not confused with "cannot tell".
    public func hasResource(group: String, version: String, plural: String) async throws -> Bool {
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        do {
            return try await resources(groupVersion: groupVersion).resources.contains { $0.name == plural }
        } catch let error as KubeError where error.code == .notFound {
            return false
        }
    }
}
