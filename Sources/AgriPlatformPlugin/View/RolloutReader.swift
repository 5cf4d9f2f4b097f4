import AgriPlatformAPI
public import KubeClient
import KubeCore

/// Reads the rollouts `kubectl agri get` shows: one platform, a namespace's platforms, or every namespace's, once or
/// as a live stream of changes.
public struct RolloutReader: Sendable {
    /// The client reads go through.
    public let client: KubeClient

    /// Creates a reader over `client`.
    public init(client: KubeClient) {
        self.client = client
    }

    /// The rows of one platform (`platform` set) or of every platform in `namespace` (`nil`: all namespaces),
    /// sorted by namespace and name, services in spec order.
    ///
    /// - Throws: ``PluginError/platformNotFound(name:namespace:)``, ``PluginError/resourceNotInstalled``, or the
    ///   client's `KubeError`.
    public func rollouts(platform: String?, namespace: String?) async throws -> [ServiceRollout] {
        if let platform {
            let object = try await CommandSender.read(client, platform: platform, namespace: namespace ?? "default")
            return ServiceRollout.all(in: object)
        }
        return Self.rows(try await list(namespace: namespace).items)
    }

    /// Reads, then watches, calling `onChange` with the rows first and again after every change to them, until the
    /// task is cancelled or `onChange` throws.
    ///
    /// A watch the server ends is resumed from the last version seen; a version that left the server's history
    /// (`410 Gone`) makes it list again. Changes that leave the rows as they were (another status field) are not
    /// reported.
    ///
    /// - Throws: ``PluginError/platformNotFound(name:namespace:)`` when a named platform does not exist at the
    ///   start, ``PluginError/resourceNotInstalled``, the client's `KubeError`, or what `onChange` throws.
    public func watch(
        platform: String?,
        namespace: String?,
        onChange: ([ServiceRollout]) async throws -> Void
    ) async throws {
        let fieldSelector = platform.map { "metadata.name=\($0)" }
        var platforms: [String: AgriPlatform] = [:]
        var resourceVersion: String?
        var reported: [ServiceRollout]?
        while true {
            try Task.checkCancellation()
            if resourceVersion == nil {
                let list = try await list(namespace: namespace, fieldSelector: fieldSelector)
                if let platform, list.items.isEmpty, reported == nil {
                    throw PluginError.platformNotFound(name: platform, namespace: namespace ?? "default")
                }
                platforms = Dictionary(list.items.map { (Self.key($0), $0) }) { $1 }
                resourceVersion = list.metadata.resourceVersion
                let rows = Self.rows(Array(platforms.values))
                if rows != reported {
                    reported = rows
                    try await onChange(rows)
                }
            }
            do {
                let stream = try await client.watch(
                    AgriPlatform.self,
                    namespace: namespace,
                    options: WatchOptions(fieldSelector: fieldSelector, resourceVersion: resourceVersion)
                )
                for try await event in stream {
                    switch event.type {
                    case .added, .modified: platforms[Self.key(event.object)] = event.object
                    case .deleted: platforms[Self.key(event.object)] = nil
                    case .bookmark, .error: continue
                    }
                    resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion
                    let rows = Self.rows(Array(platforms.values))
                    if rows != reported {
                        reported = rows
                        try await onChange(rows)
                    }
                }
            } catch let error as KubeError where error.code == .expired {
                resourceVersion = nil
            }
        }
    }

    private func list(namespace: String?, fieldSelector: String? = nil) async throws -> ObjectList<AgriPlatform> {
        do {
            return try await client.listAll(
                AgriPlatform.self,
                namespace: namespace,
                options: ListOptions(fieldSelector: fieldSelector)
            )
        } catch let error as KubeError where error.code == .notFound {
            throw PluginError.resourceNotInstalled
        }
    }

    private static func key(_ platform: AgriPlatform) -> String {
        "\(platform.namespace ?? "")/\(platform.name)"
    }

    /// The rows of `platforms`, sorted by namespace and name.
    static func rows(_ platforms: [AgriPlatform]) -> [ServiceRollout] {
        platforms.sorted { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
            .flatMap(ServiceRollout.all(in:))
    }
}
