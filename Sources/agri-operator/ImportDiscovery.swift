import AgriPlatformImport
import KubeClient
import KubeCore

/// The only cluster contact of `agri-operator import`: read-only discovery of the External Secrets Operator, when
/// the user asks for it with `--kubeconfig` or `--detect`. It never writes to the cluster and never contacts AWS;
/// ``ExternalSecretsDetection`` decides from what it finds.
enum ImportDiscovery {
    /// Asking the cluster failed: the configuration could not be read or a request failed for a reason other than
    /// "not served" or "not found".
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The client configuration for `source`, read the same way `agri-operator run` reads it.
    static func configuration(_ source: OperatorSettings.ClientSource) throws(Failure) -> ClientConfiguration {
        do {
            switch source {
            case .kubeconfig(let path, let context):
                return try ClientConfiguration.fromKubeconfig(path: path, context: context)
            case .inferred(let context):
                return try ClientConfiguration.infer(context: context)
            }
        } catch {
            throw Failure(description: "cannot read the Kubernetes configuration: \(error)")
        }
    }

    /// Connects with `configuration`, runs ``discover(client:store:namespace:)`` and shuts the client down.
    ///
    /// - Parameter namespace: Where a `SecretStore` is looked up; `nil` for the configuration's namespace.
    static func discover(
        configuration: ClientConfiguration,
        store: ExternalSecretsOptions?,
        namespace: String?
    ) async throws(Failure) -> ExternalSecretsDiscovery {
        let client: KubeClient
        do {
            client = try KubeClient(configuration: configuration)
        } catch {
            throw Failure(description: "cannot connect to \(configuration.server): \(error)")
        }
        let result: Result<ExternalSecretsDiscovery, Failure>
        do {
            result = .success(
                try await discover(client: client, store: store, namespace: namespace ?? configuration.namespace)
            )
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        return try result.get()
    }

    /// The versions serving `externalsecrets.external-secrets.io` and, when `store` is given, whether that
    /// `SecretStore` (in `namespace`) or `ClusterSecretStore` exists. Discovery (`/apis`) is readable by every
    /// authenticated user; a store that cannot be read (403) is reported, not fatal.
    static func discover(
        client: KubeClient,
        store: ExternalSecretsOptions?,
        namespace: String
    ) async throws(Failure) -> ExternalSecretsDiscovery {
        let group = ExternalSecretsDetection.group
        do {
            let versions =
                try await client.apiGroups().first { $0.name == group }?.versions.map(\.version) ?? []
            var served: [String] = []
            for version in versions {
                if try await client.hasResource(group: group, version: version, plural: "externalsecrets") {
                    served.append(version)
                }
            }
            var discovery = ExternalSecretsDiscovery(servedVersions: served)
            if let store {
                let namespaced = store.storeKind == .secretStore
                discovery.storeNamespace = namespaced ? namespace : nil
                discovery.store = try await lookUp(
                    store,
                    namespace: namespaced ? namespace : nil,
                    versions: versions,
                    client: client
                )
            }
            return discovery
        } catch {
            throw Failure(
                description: "cannot read the cluster's discovery at \(client.configuration.server): \(error)"
            )
        }
    }

    /// Gets the store by name in the first served version (the group's preferred version first).
    private static func lookUp(
        _ store: ExternalSecretsOptions,
        namespace: String?,
        versions: [String],
        client: KubeClient
    ) async throws -> ExternalSecretsDiscovery.StoreLookup {
        let plural = store.storeKind == .secretStore ? "secretstores" : "clustersecretstores"
        for version in versions {
            guard try await client.hasResource(group: ExternalSecretsDetection.group, version: version, plural: plural)
            else { continue }
            let resource = ResourceDescriptor(
                group: ExternalSecretsDetection.group,
                version: version,
                kind: store.storeKind.rawValue,
                plural: plural,
                namespaced: namespace != nil
            )
            do {
                _ = try await client.get(resource, name: store.storeName, namespace: namespace)
                return .found
            } catch let error as KubeError where error.code == .notFound {
                return .notFound
            } catch let error as KubeError where error.code == .forbidden || error.code == .unauthorized {
                return .unknown(error.description)
            }
        }
        return .notFound
    }
}
