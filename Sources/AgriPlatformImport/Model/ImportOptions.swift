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

    /// Creates options.
    public init(
        name: String? = nil,
        namespace: String? = nil,
        datastores: DatastoreMode = .external,
        postGIS: Bool = false,
        externalSecrets: ExternalSecretsOptions? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.datastores = datastores
        self.postGIS = postGIS
        self.externalSecrets = externalSecrets
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

    /// Creates store settings.
    public init(storeName: String, storeKind: StoreKind = .secretStore, refreshInterval: String = "1h") {
        self.storeName = storeName
        self.storeKind = storeKind
        self.refreshInterval = refreshInterval
    }
}
