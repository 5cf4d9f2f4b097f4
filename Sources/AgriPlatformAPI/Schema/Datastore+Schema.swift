public import KubeCore

extension Datastore: SchemaDescribing {
    /// The CEL rule that an external datastore sets nothing the operator would run.
    static let externalRule = JSONSchemaProps.rule(
        "!has(self.external) || !(has(self.version) || has(self.image) || has(self.replicas) || "
            + "has(self.storage) || has(self.resources) || has(self.backup) || has(self.spreadAcrossZones) || "
            + "has(self.podAntiAffinity) || has(self.postgres))",
        "an external datastore takes only name, engine and external",
        fieldPath: ".external"
    )
    /// The CEL rule that MongoDB and RabbitMQ have an odd number of members.
    static let oddMembersRule = JSONSchemaProps.rule(
        "!has(self.replicas) || !(self.engine in ['MongoDB', 'RabbitMQ']) || self.replicas in [1, 3, 5, 7, 9]",
        "MongoDB and RabbitMQ need an odd number of members (1, 3, 5, 7 or 9) to keep a majority",
        fieldPath: ".replicas"
    )
    /// The CEL rule that Consul runs 3 or 5 servers.
    static let consulMembersRule = JSONSchemaProps.rule(
        "!has(self.replicas) || self.engine != 'Consul' || self.replicas in [3, 5]",
        "Consul needs 3 or 5 servers",
        fieldPath: ".replicas"
    )
    /// The CEL rule that PostgreSQL settings go only with PostgreSQL.
    static let postgresRule = JSONSchemaProps.rule(
        "!has(self.postgres) || self.engine == 'PostgreSQL'",
        "postgres settings are only valid with engine PostgreSQL",
        fieldPath: ".postgres"
    )

    /// A datastore the platform's services use.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A datastore the operator runs (a StatefulSet with storage, credentials and backups), or an external "
                + "one (RDS, Aurora, ElastiCache, Amazon MQ) it only connects services to.",
            properties: [
                "name": .dns1035Label("A DNS-1035 label, unique among the datastores; services name it in uses."),
                "engine": .string(
                    "MongoDB, RabbitMQ, Consul, PostgreSQL or Redis.",
                    values: APIConstraints.engines
                ),
                "version": .string(
                    "The engine version, e.g. 16 for PostgreSQL. Default per engine: MongoDB 7.0, RabbitMQ 3.13, "
                        + "Consul 1.19, PostgreSQL 16, Redis 7.2.",
                    maxLength: 32,
                    minLength: 1,
                    pattern: APIConstraints.versionPattern
                ),
                "image": .string(
                    "Overrides the image the version selects.",
                    maxLength: APIConstraints.longStringMaxLength,
                    minLength: 1
                ),
                "replicas": .integer(
                    "Members: MongoDB and RabbitMQ odd (default 3), Consul 3 or 5 (default 3), PostgreSQL and Redis "
                        + "default 1.",
                    APIConstraints.datastoreReplicas
                ),
                "storage": StorageSpec.openAPISchema,
                "resources": ResourceSpec.openAPISchema.described("CPU and memory per member."),
                "backup": BackupSpec.openAPISchema,
                "spreadAcrossZones": .boolean(
                    "Whether members are spread across zones (Multi-AZ). Default true."
                ),
                "podAntiAffinity": .string(
                    "Preferred (default): members avoid sharing a node when they can; Required: a member stays "
                        + "pending rather than share a node.",
                    values: APIConstraints.podAntiAffinities
                ),
                "postgres": PostgresSettings.openAPISchema,
                "external": ExternalDatastore.openAPISchema,
            ],
            required: ["name", "engine"],
            rules: [externalRule, oddMembersRule, consulMembersRule, postgresRule]
        )
    }
}

extension StorageSpec: SchemaDescribing {
    /// Persistent storage per member.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Persistent storage per member.",
            properties: [
                "size": .memory(
                    "The volume size per member, e.g. 100Gi or 100 GB. Default \(Defaults.Datastore.storageSize)."
                ),
                "className": .dns1123Subdomain("The StorageClass, e.g. gp3. Default: the cluster's default class."),
                "reclaimPolicy": .string(
                    "Retain keeps the volumes when the datastore or platform is deleted; Delete removes them. "
                        + "Default \(Defaults.Datastore.reclaimPolicy).",
                    values: APIConstraints.reclaimPolicies
                ),
            ]
        )
    }
}

extension BackupSpec: SchemaDescribing {
    /// The CEL rule that exactly one of `schedule` and `window` is set.
    static let whenRule = JSONSchemaProps.rule(
        "has(self.schedule) != has(self.window)",
        "exactly one of schedule and window is required"
    )

    /// Scheduled backups.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Scheduled backups as a CronJob (exactly one of schedule and window).",
            properties: [
                "schedule": .string(
                    "A cron schedule in UTC, e.g. 0 3 * * *.",
                    maxLength: 128,
                    minLength: 1,
                    pattern: APIConstraints.cronPattern
                ),
                "window": .string(
                    "A daily window in UTC, HH:MM-HH:MM (the RDS backup window); the backup starts when it opens.",
                    maxLength: 11,
                    pattern: APIConstraints.backupWindowPattern
                ),
                "retentionDays": .integer(
                    "Days backups are kept. Default \(Defaults.Datastore.backupRetentionDays).",
                    APIConstraints.retentionDays
                ),
                "storageSize": .memory("The backup volume's size. Default: the datastore's storage size."),
                "s3": S3BackupTarget.openAPISchema,
            ],
            rules: [whenRule]
        )
    }
}

extension S3BackupTarget: SchemaDescribing {
    /// An S3 bucket backups are copied to.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Also copies every backup to s3://<bucket>/<prefix>/<UTC start time>/, pruned after retentionDays.",
            properties: [
                "bucket": .string(
                    "The bucket.",
                    maxLength: 63,
                    minLength: 3,
                    pattern: APIConstraints.s3BucketPattern
                ),
                "prefix": .string(
                    "The key prefix. Default <namespace>/<platform>/<datastore>.",
                    maxLength: 512,
                    minLength: 1,
                    pattern: APIConstraints.s3PrefixPattern
                ),
                "endpoint": .string(
                    "The endpoint of an S3-compatible store (MinIO, Ceph, R2); AWS S3 when absent.",
                    maxLength: APIConstraints.longStringMaxLength,
                    pattern: APIConstraints.httpURLPattern
                ),
                "region": .string("The region, e.g. ap-south-1.", maxLength: 32, minLength: 1),
                "secretName": .string(
                    "A Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; when absent the upload runs as the "
                        + "platform's ServiceAccount (workload identity).",
                    maxLength: 253,
                    minLength: 1
                ),
                "image": .string(
                    "The image with the aws CLI. Default \(Defaults.Datastore.s3UploadImage).",
                    maxLength: APIConstraints.longStringMaxLength,
                    minLength: 1
                ),
            ],
            required: ["bucket"]
        )
    }
}

extension PostgresSettings: SchemaDescribing {
    /// PostgreSQL settings.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "PostgreSQL settings.",
            properties: [
                "postGIS": .boolean("Whether PostGIS is installed and created in the database. Default false."),
                "database": .string(
                    "The application database created at first start. Default: the datastore's name.",
                    maxLength: 63,
                    minLength: 1,
                    pattern: APIConstraints.sqlIdentifierPattern
                ),
                "extensions": .array(
                    "Further extensions to create, e.g. pg_trgm.",
                    of: .string("", maxLength: 63, minLength: 1, pattern: APIConstraints.extensionPattern)
                        .withoutDescription,
                    maxItems: APIConstraints.maxSmallList,
                    listType: "set"
                ),
            ]
        )
    }
}

extension ExternalDatastore: SchemaDescribing {
    /// A managed datastore outside the cluster.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A managed datastore outside the cluster; when set, only name and engine may be set beside it.",
            properties: [
                "secretName": .dns1123Subdomain(
                    "The Secret with the connection settings (host, port, username, password, database, uri)."
                )
            ],
            required: ["secretName"]
        )
    }
}
