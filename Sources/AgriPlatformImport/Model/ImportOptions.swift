/// The user's choices for an import: names, what becomes of datastores, and how secrets reach the cluster.
public struct ImportOptions: Sendable, Hashable {
    /// What an RDS, Aurora or ElastiCache datastore becomes.
    public enum DatastoreMode: String, Sendable, Hashable, CaseIterable {
        /// A datastore the operator runs in the cluster, of the same engine and major version.
        case operated
        /// A reference to the managed datastore through a Secret with its connection settings.
        case external
    }

    /// The AgriPlatform's name; defaults to the task definition family or App Runner service name.
    public var name: String?
    /// The namespace written into the AgriPlatform's and ExternalSecrets' metadata; none when absent.
    public var namespace: String?
    /// What datastores become; defaults to ``DatastoreMode/external``, which moves no data.
    public var datastores: DatastoreMode
    /// Whether operated PostgreSQL datastores include PostGIS. Nothing in RDS's description says so reliably, so
    /// the user decides.
    public var postGIS: Bool
    /// When set, ExternalSecrets are produced that fill the referenced Secrets from AWS through this store.
    public var externalSecrets: ExternalSecretsOptions?
    /// What discovery found about the External Secrets Operator in the target cluster; `nil` when no cluster was
    /// asked (the default: importing works fully offline). ``ExternalSecretsDetection`` decides from it.
    public var externalSecretsDiscovery: ExternalSecretsDiscovery?

    /// Creates options.
    public init(
        name: String? = nil,
        namespace: String? = nil,
        datastores: DatastoreMode = .external,
        postGIS: Bool = false,
        externalSecrets: ExternalSecretsOptions? = nil,
        externalSecretsDiscovery: ExternalSecretsDiscovery? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.datastores = datastores
        self.postGIS = postGIS
        self.externalSecrets = externalSecrets
        self.externalSecretsDiscovery = externalSecretsDiscovery
    }
}

/// The External Secrets Operator store the generated `ExternalSecret`s read from.
public struct ExternalSecretsOptions: Sendable, Hashable {
    /// The store's kind.
    public enum StoreKind: String, Sendable, Hashable {
        /// A namespaced `SecretStore`.
        case secretStore = "SecretStore"
        /// A cluster-wide `ClusterSecretStore`.
        case clusterSecretStore = "ClusterSecretStore"
    }

    /// The store's name.
    public var storeName: String
    /// The store's kind.
    public var storeKind: StoreKind
    /// How often the operator re-reads AWS, as a Go duration; defaults to `1h`.
    public var refreshInterval: String
    /// The `external-secrets.io` version to write; `nil` to take the one the cluster serves (preferring `v1`), or
    /// ``ExternalSecretsDetection/offlineDefault`` when no cluster is asked.
    public var apiVersion: ExternalSecretsAPIVersion?

    /// Creates store settings.
    public init(
        storeName: String,
        storeKind: StoreKind = .secretStore,
        refreshInterval: String = "1h",
        apiVersion: ExternalSecretsAPIVersion? = nil
    ) {
        self.storeName = storeName
        self.storeKind = storeKind
        self.refreshInterval = refreshInterval
        self.apiVersion = apiVersion
    }
}
