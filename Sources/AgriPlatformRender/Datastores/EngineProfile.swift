import AgriPlatformAPI
import KubeCore

/// The engine-specific half of an operated datastore: image, ports, configuration files, command, probes, backup
/// command and the secrets it needs. ``DatastoreRender`` builds the common half around it — StatefulSet, headless
/// and client Services, ConfigMap, PodDisruptionBudget, backup CronJob — so every engine gets the same storage,
/// resources, anti-affinity, labels and safety rules.
///
/// Profiles are pure values built from a ``DatastoreIdentity``; one static function per engine
/// (`EngineProfile.postgreSQL(_:)`, `.redis(_:)`, `.mongoDB(_:)`, `.rabbitMQ(_:)`, `.consul(_:)`).
struct EngineProfile {
    /// The main container's name, e.g. `postgres`.
    var containerName: String
    /// The official upstream image for the version, unless `datastore.image` overrides it.
    var image: String
    /// The main container's ports; those with `clients: true` are on the client Service, all on the headless one.
    var ports: [EnginePort]
    /// Files of the ConfigMap `<platform>-<datastore>-config`, mounted read-only at ``configPath``. Empty: no
    /// ConfigMap.
    var configFiles: [String: String] = [:]
    /// Where the ConfigMap is mounted.
    var configPath: String = "/etc/agri-operator"
    /// Where each member's volume (`data`, from the StatefulSet's claim template) is mounted.
    var dataPath: String
    /// The main container's `command` (nil: the image's entrypoint).
    var command: [String]? = nil
    /// The main container's `args`.
    var args: [String]? = nil
    /// The main container's `env` entries. Secret values only by `secretKeyRef` to the connection or credentials
    /// Secret, never inline.
    var environment: [JSONValue] = []
    /// Probes that reflect real health (a query, not only an open port).
    var readinessProbe: JSONValue
    var livenessProbe: JSONValue? = nil
    var startupProbe: JSONValue? = nil
    /// An exec `preStop` hook (a drain), if the engine needs one.
    var preStop: [String]? = nil
    /// Time a member gets to shut down cleanly.
    var terminationGracePeriodSeconds: Int64 = 30
    /// `Parallel` where the system forms its own cluster, `OrderedReady` otherwise.
    var podManagementPolicy: String = "OrderedReady"
    /// Whether the client Service selects member 0 only: engines with one writable primary and read-only replicas
    /// (PostgreSQL, Redis), which this version does not fail over.
    var clientsReachPrimaryOnly: Bool = false
    /// Whether the headless Service publishes members before they are ready (peers must find each other first).
    var publishNotReadyAddresses: Bool = false
    /// The pod's `securityContext` (the image's user and group, so the volume is writable).
    var podSecurityContext: JSONValue
    /// Volumes beyond `data` and `config` (e.g. the credentials Secret as files), and their mounts in the main
    /// container.
    var extraVolumes: [JSONValue] = []
    var extraVolumeMounts: [JSONValue] = []
    /// Init containers, run before the main one.
    var initContainers: [JSONValue] = []
    /// The ServiceAccount members run as when they call the Kubernetes API (RabbitMQ's peer discovery); `nil`
    /// runs them with no token.
    var serviceAccountName: String? = nil
    /// How one backup is taken; `nil` when the engine has nothing worth backing up (Consul snapshots are
    /// included, Redis' RDB copy too).
    var backup: BackupCommand?
    /// The connection Secret services read.
    var connection: ConnectionTemplate
    /// Keys of the credentials Secret only members read, and how each is generated.
    var memberSecrets: [GeneratedKey] = []
    /// Objects beyond the common ones, e.g. MongoDB's replica-set Job, RabbitMQ's Role and RoleBinding.
    var extraObjects: [JSONValue] = []
}

/// A port of a datastore's main container.
struct EnginePort: Hashable {
    var name: String
    var port: Int32
    var `protocol`: String = "TCP"
    /// Whether the client Service exposes it (peer-only ports such as Erlang distribution are not).
    var clients: Bool
}

/// The container a backup CronJob runs: it writes one dump into `$BACKUP_DIR` (a fresh folder per run, named by
/// the start time, on the backup volume); the common part then deletes folders older than the retention.
struct BackupCommand {
    /// The image, usually the datastore's own (its client tools match the server).
    var image: String
    /// A POSIX shell script; `$BACKUP_DIR` exists when it starts, and it must exit non-zero on failure.
    var script: String
    /// `env` entries the script needs (credentials by `secretKeyRef`).
    var environment: [JSONValue] = []
}

/// The connection Secret `<platform>-<datastore>-connection`: created once by the operator with a generated
/// password, never changed afterwards.
struct ConnectionTemplate: Hashable {
    /// The user, or `nil` for an engine without users (Consul).
    var username: String?
    /// Whether a password is generated (`PASSWORD`).
    var hasPassword: Bool
    /// The port (`PORT`).
    var port: Int32
    /// The database, virtual host or index (`DATABASE`), where the engine has one.
    var database: String?
    /// The URI, with `$(USERNAME)` and `$(PASSWORD)` standing for the user and the generated password
    /// (passwords are alphanumeric, so they need no escaping).
    var uriTemplate: String
}

/// One generated key of a Secret.
struct GeneratedKey: Hashable {
    /// How its value is made.
    enum Recipe: Hashable {
        /// `length` characters from `[A-Za-z0-9]`.
        case alphanumeric(length: Int)
        /// `bytes` random bytes, base64-encoded (Consul's gossip key is 32).
        case base64(bytes: Int)
    }

    var key: String
    var recipe: Recipe
}
