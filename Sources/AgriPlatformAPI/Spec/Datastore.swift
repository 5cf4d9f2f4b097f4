/// A datastore the platform's services use: one the operator runs in the cluster (a StatefulSet with a headless
/// Service, storage, credentials and backups), or an ``external`` one — RDS, Aurora, ElastiCache, Amazon MQ — that
/// the operator only connects services to.
public struct Datastore: Codable, Sendable, Hashable {
    /// A DNS-1035 label, unique among the platform's datastores; services refer to it in `uses`.
    public var name: String
    /// `MongoDB`, `RabbitMQ`, `Consul`, `PostgreSQL` or `Redis`.
    public var engine: DatastoreEngine
    /// The engine version, e.g. `16` for PostgreSQL; defaults per engine (see `docs/api.md`).
    public var version: String?
    /// Overrides the image the version selects (a mirror, or a hardened build).
    public var image: String?
    /// Members: MongoDB replica set members (odd, default 3), RabbitMQ nodes (odd, default 3), Consul servers
    /// (3 or 5, default 3), PostgreSQL and Redis instances (default 1).
    public var replicas: Int32?
    /// Persistent storage per member.
    public var storage: StorageSpec?
    /// CPU and memory per member.
    public var resources: ResourceSpec?
    /// Scheduled backups.
    public var backup: BackupSpec?
    /// Whether members are spread across zones (`topology.kubernetes.io/zone`), the counterpart of Multi-AZ;
    /// defaults to `true`.
    public var spreadAcrossZones: Bool?
    /// How strictly members avoid sharing a node: `Preferred` (default) spreads them when the scheduler can,
    /// `Required` leaves a member pending rather than put two on one node.
    public var podAntiAffinity: String?
    /// PostgreSQL settings.
    public var postgres: PostgresSettings?
    /// A managed datastore outside the cluster; when set, no other field but `name` and `engine` may be.
    public var external: ExternalDatastore?

    /// Creates a datastore of `engine` with every other setting at its default.
    public init(name: String, engine: DatastoreEngine) {
        self.name = name
        self.engine = engine
    }
}

/// A datastore engine. An open set in the Kubernetes style: decoding keeps any value, validation reports the ones
/// that are not ``known``.
public struct DatastoreEngine: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A MongoDB replica set.
    public static let mongoDB = Self(rawValue: "MongoDB")
    /// A RabbitMQ cluster with quorum queues.
    public static let rabbitMQ = Self(rawValue: "RabbitMQ")
    /// Consul servers.
    public static let consul = Self(rawValue: "Consul")
    /// PostgreSQL, optionally with PostGIS.
    public static let postgreSQL = Self(rawValue: "PostgreSQL")
    /// Redis.
    public static let redis = Self(rawValue: "Redis")
    /// Every value this version of the API accepts.
    public static let known: [Self] = [.mongoDB, .rabbitMQ, .consul, .postgreSQL, .redis]
}

/// Persistent storage for each member of an operated datastore.
public struct StorageSpec: Codable, Sendable, Hashable {
    /// The volume size per member, e.g. `100Gi` or `100 GB`; defaults to `10Gi`.
    public var size: String?
    /// The StorageClass, e.g. `gp3`; defaults to the cluster's default class.
    public var className: String?
    /// What happens to the volumes when the datastore is removed from the spec or the AgriPlatform is deleted:
    /// `Retain` (default) keeps the PersistentVolumeClaims and their data; `Delete` removes them. The operator
    /// never deletes a claim unless this says `Delete`.
    public var reclaimPolicy: String?

    /// Creates a storage request.
    public init(size: String? = nil, className: String? = nil, reclaimPolicy: String? = nil) {
        self.size = size
        self.className = className
        self.reclaimPolicy = reclaimPolicy
    }
}

/// Scheduled backups of an operated datastore, as a CronJob writing dumps to a volume.
public struct BackupSpec: Codable, Sendable, Hashable {
    /// A cron schedule in UTC, e.g. `0 3 * * *`. Exactly one of ``schedule`` and ``window``.
    public var schedule: String?
    /// A daily window in UTC, `HH:MM-HH:MM` (RDS's "backup window" `03:00-04:00`); the backup starts when it opens.
    public var window: String?
    /// Days backups are kept, 1–35 (RDS's limits); defaults to 7.
    public var retentionDays: Int32?
    /// The size of the backup volume; defaults to the datastore's storage size.
    public var storageSize: String?
    /// Also copies every backup to an S3 bucket (AWS S3 or an S3-compatible store), pruned after the same
    /// retention.
    public var s3: S3BackupTarget?

    /// Creates a backup specification.
    public init(schedule: String? = nil, window: String? = nil, retentionDays: Int32? = nil) {
        self.schedule = schedule
        self.window = window
        self.retentionDays = retentionDays
    }
}

/// An S3 bucket backups are copied to after each run, in `s3://<bucket>/<prefix>/<UTC start time>/`.
public struct S3BackupTarget: Codable, Sendable, Hashable {
    /// The bucket, e.g. `farm-backups`.
    public var bucket: String
    /// The key prefix; defaults to `<namespace>/<platform>/<datastore>`.
    public var prefix: String?
    /// The endpoint of an S3-compatible store (MinIO, Ceph, R2), e.g. `https://minio.storage:9000`; AWS S3 when
    /// absent.
    public var endpoint: String?
    /// The region, e.g. `ap-south-1`.
    public var region: String?
    /// A Secret with the keys `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. When absent, the upload runs as the
    /// platform's ServiceAccount, so its workload identity (IRSA, EKS Pod Identity) applies.
    public var secretName: String?
    /// The image with the `aws` CLI; defaults to ``Defaults/Datastore/s3UploadImage``.
    public var image: String?

    /// Creates a target in `bucket`.
    public init(bucket: String) {
        self.bucket = bucket
    }
}

/// PostgreSQL-specific settings.
public struct PostgresSettings: Codable, Sendable, Hashable {
    /// Whether the image includes PostGIS and the extension is created in ``database``; defaults to `false`.
    public var postGIS: Bool?
    /// The application database created at first start; defaults to the datastore's name.
    public var database: String?
    /// Further extensions to create, e.g. `pg_trgm`.
    public var extensions: [String]?

    /// Creates PostgreSQL settings.
    public init(postGIS: Bool? = nil, database: String? = nil, extensions: [String]? = nil) {
        self.postGIS = postGIS
        self.database = database
        self.extensions = extensions
    }
}

/// A managed datastore outside the cluster, reached through the connection settings in a Secret.
///
/// The Secret holds some of the upper-case keys `HOST`, `PORT`, `USERNAME`, `PASSWORD`, `DATABASE` and `URI`;
/// services that use the datastore receive all of its keys through `envFrom` with the prefix
/// `<DATASTORE_NAME_IN_UPPER_SNAKE>_`, e.g. `ORDERS_DB_HOST` (see `docs/rendering.md`).
public struct ExternalDatastore: Codable, Sendable, Hashable {
    /// The Secret in the platform's namespace with the connection settings.
    public var secretName: String

    /// Creates a reference to the Secret `secretName`.
    public init(secretName: String) {
        self.secretName = secretName
    }
}
