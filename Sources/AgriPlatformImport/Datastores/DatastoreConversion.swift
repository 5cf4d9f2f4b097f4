import AgriPlatformAPI
import KubeCore

/// The datastores of one import while they are converted.
struct DatastoreConversion: Sendable {
    let platformName: String
    let options: ImportOptions
    var datastores: [Datastore] = []
    var extraObjects: [JSONValue] = []
    var notes = NoteLog()

    init(platformName: String, options: ImportOptions) {
        self.platformName = platformName
        self.options = options
    }

    /// `db` for the first database, `cache` for the first cache, otherwise the AWS identifier as a label.
    private func name(preferred: String, identifier: String) -> String {
        datastores.contains { $0.name == preferred } ? AWSUnits.label(identifier) : preferred
    }

    private var field: String { "spec.datastores[\(datastores.count)]" }

    /// An RDS instance or an Aurora (or Multi-AZ DB) cluster.
    mutating func database(_ value: AWSValue, isCluster: Bool) throws(ImportError) {
        let identifier = try value.required(isCluster ? "DBClusterIdentifier" : "DBInstanceIdentifier").string()
        let engineValue = try value.required("Engine")
        let engine = try engineValue.string()
        guard ["postgres", "aurora-postgresql"].contains(engine) else {
            notes.dropped(
                engineValue.path,
                nil,
                "\(identifier): engine \(engine) has no datastore engine in the AgriPlatform API; keep it in AWS "
                    + "and give services its settings through env and a Secret"
            )
            return
        }
        var datastore = Datastore(name: name(preferred: "db", identifier: identifier), engine: .postgreSQL)
        let field = self.field
        let version = try value.optional("EngineVersion")
        let databaseName = try value.string(isCluster ? "DatabaseName" : "DBName")
        switch options.datastores {
        case .external:
            try external(&datastore, value: value, identifier: identifier, database: databaseName, field: field)
        case .operated:
            if let version {
                datastore.version = Self.majorVersion(try version.string(), engine: .postgreSQL)
                notes.mapped(version.path, "\(field).version", "PostgreSQL \(datastore.version!)")
            }
            var postgres = PostgresSettings(database: databaseName)
            if options.postGIS { postgres.postGIS = true }
            datastore.postgres = postgres
            notes.decision(
                engineValue.path,
                "\(field).postgres.postGIS",
                options.postGIS
                    ? "PostGIS on, as --postgis asked"
                    : "PostGIS off: RDS does not record whether the extension is used; pass --postgis if it is"
            )
            try operatedDatabase(&datastore, value: value, isCluster: isCluster, field: field)
        }
        datastores.append(datastore)
    }

    private mutating func operatedDatabase(
        _ datastore: inout Datastore,
        value: AWSValue,
        isCluster: Bool,
        field: String
    ) throws(ImportError) {
        if isCluster {
            let members = try value.array("DBClusterMembers").count
            if members > 1 {
                datastore.replicas = Int32(members)
                notes.approximated(
                    value.path("DBClusterMembers"),
                    "\(field).replicas",
                    "\(members) cluster members as \(members) PostgreSQL instances; Aurora's shared storage and "
                        + "fail-over are not reproduced"
                )
            }
            notes.decision(
                value.path("AllocatedStorage"),
                "\(field).storage.size",
                "Aurora storage grows by itself; the default size is used: set storage.size to the data's size "
                    + "with room to grow"
            )
        } else {
            if try value.bool("MultiAZ") == true {
                datastore.replicas = 2
                datastore.spreadAcrossZones = true
                notes.approximated(
                    value.path("MultiAZ"),
                    "\(field).replicas",
                    "Multi-AZ: a primary and a standby in different zones; fail-over is the operator's, not RDS's"
                )
            }
            if let size = try value.integer("AllocatedStorage") {
                datastore.storage = StorageSpec(size: "\(size)Gi")
                notes.mapped(value.path("AllocatedStorage"), "\(field).storage.size", "\(size) GiB")
            }
            if let type = try value.string("StorageType"), ["gp2", "gp3", "io1", "io2"].contains(type) {
                datastore.storage = datastore.storage ?? StorageSpec()
                datastore.storage?.className = type
                notes.decision(
                    value.path("StorageType"),
                    "\(field).storage.className",
                    "StorageClass \(type): one of that name must exist in the cluster (the EBS CSI driver's)"
                )
            }
            if let maximum = try value.integer("MaxAllocatedStorage") {
                notes.dropped(
                    value.path("MaxAllocatedStorage"),
                    "\(field).storage.size",
                    "storage auto-scaling up to \(maximum) GiB: volumes are resized by editing storage.size"
                )
            }
            if let instanceClass = try value.string("DBInstanceClass") {
                if let size = DatabaseInstanceClass.size(of: instanceClass) {
                    datastore.resources = ResourceSpec(
                        cpu: "\(size.vCPU) vCPU",
                        memory: "\(DatabaseInstanceClass.number(size.memoryGiB)) GB"
                    )
                    notes.mapped(
                        value.path("DBInstanceClass"),
                        "\(field).resources",
                        "\(instanceClass): \(size.vCPU) vCPU, \(DatabaseInstanceClass.number(size.memoryGiB)) GB"
                    )
                } else {
                    notes.decision(
                        value.path("DBInstanceClass"),
                        "\(field).resources",
                        "\(instanceClass) is not in the importer's table: set resources.cpu and memory"
                    )
                }
            }
        }
        try backup(&datastore, value: value, retentionKey: "BackupRetentionPeriod", windowKey: "PreferredBackupWindow")
    }

    private mutating func backup(
        _ datastore: inout Datastore,
        value: AWSValue,
        retentionKey: String,
        windowKey: String
    ) throws(ImportError) {
        let field = self.field
        let retention = try value.integer(retentionKey) ?? 0
        guard retention > 0 else { return }
        var backup = BackupSpec(retentionDays: Int32(min(retention, 35)))
        if let window = try value.string(windowKey) {
            backup.window = window
        } else {
            backup.schedule = "0 3 * * *"
            notes.decision(value.path(windowKey), "\(field).backup.schedule", "no backup window: daily at 03:00 UTC")
        }
        datastore.backup = backup
        notes.approximated(
            value.path(retentionKey),
            "\(field).backup",
            "automated backups (\(retention) days) as daily dumps in the backup window; no point-in-time recovery"
        )
    }

    private mutating func external(
        _ datastore: inout Datastore,
        value: AWSValue,
        identifier: String,
        database: String?,
        field: String
    ) throws(ImportError) {
        let secretName = "\(platformName)-\(datastore.name)"
        datastore.external = ExternalDatastore(secretName: secretName)
        let endpoint = try value.optional("Endpoint")
        var host: String?
        var port: Int64?
        if let endpoint, endpoint.json.objectValue != nil {
            host = try endpoint.string("Address")
            port = try endpoint.integer("Port")
        } else {
            host = endpoint?.json.stringValue
            port = try value.integer("Port")
        }
        var settings: JSONObject = [:]
        if let host { settings["HOST"] = .string(host) }
        if let port { settings["PORT"] = .string(String(port)) }
        if let database { settings["DATABASE"] = .string(database) }
        let username = try value.string("MasterUsername")
        let managedSecret = try value.optional("MasterUserSecret")?.string("SecretArn")
        if let store = options.externalSecrets, let managedSecret {
            settings["USERNAME"] = "{{ .username }}"
            settings["PASSWORD"] = "{{ .password }}"
            let data: [JSONValue] = ["username", "password"].map { key in
                ["secretKey": .string(key), "remoteRef": ["key": .string(managedSecret), "property": .string(key)]]
            }
            extraObjects.append(
                SecretCatalog.externalSecret(
                    name: secretName,
                    namespace: options.namespace,
                    options: store,
                    data: data,
                    template: settings
                )
            )
            notes.mapped(
                value.path("MasterUserSecret.SecretArn"),
                "\(field).external.secretName",
                "ExternalSecret \(secretName): HOST, PORT, DATABASE from RDS, USERNAME and PASSWORD from the "
                    + "RDS-managed secret"
            )
        } else {
            let known = settings.keys.sorted().map { "\($0)=\(settings[$0]!.stringValue ?? "")" }
            notes.decision(
                value.path,
                "\(field).external.secretName",
                "\(identifier) stays in AWS: create the Secret \(secretName) with "
                    + (known + [username.map { "USERNAME=\($0)" } ?? "USERNAME", "PASSWORD"]).joined(separator: ", ")
            )
        }
    }

    /// A stand-alone cache cluster, or the first member of a replication group.
    mutating func cacheCluster(_ value: AWSValue) throws(ImportError) {
        var identifier = try value.string("ReplicationGroupId")
        if identifier == nil { identifier = try value.required("CacheClusterId").string() }
        guard let datastore = try cache(value, identifier: identifier!, members: nil) else { return }
        datastores.append(datastore)
    }

    /// A replication group (`describe-replication-groups`).
    mutating func replicationGroup(_ value: AWSValue) throws(ImportError) {
        let identifier = try value.required("ReplicationGroupId").string()
        let members = try value.array("MemberClusters").count
        if try value.array("NodeGroups").count > 1 {
            notes.approximated(
                value.path("NodeGroups"),
                field,
                "cluster mode with several shards: one Redis holds all keys"
            )
        }
        guard let datastore = try cache(value, identifier: identifier, members: members) else { return }
        datastores.append(datastore)
    }

    private mutating func cache(_ value: AWSValue, identifier: String, members: Int?) throws(ImportError) -> Datastore?
    {
        let field = self.field
        let engine = try value.string("Engine") ?? "redis"
        guard engine == "redis" || engine == "valkey" else {
            notes.dropped(
                value.path("Engine"),
                nil,
                "\(identifier): engine \(engine) has no datastore engine in the AgriPlatform API"
            )
            return nil
        }
        var datastore = Datastore(name: name(preferred: "cache", identifier: identifier), engine: .redis)
        if engine == "valkey" {
            notes.approximated(value.path("Engine"), "\(field).engine", "Valkey as Redis (protocol compatible)")
        }
        switch options.datastores {
        case .external:
            let secretName = "\(platformName)-\(datastore.name)"
            datastore.external = ExternalDatastore(secretName: secretName)
            let node = try value.array("CacheNodes").first?.optional("Endpoint")
            let primary = try value.array("NodeGroups").first?.optional("PrimaryEndpoint")
            let configuration = try value.optional("ConfigurationEndpoint")
            let endpoint = configuration ?? primary ?? node
            let host = try endpoint?.string("Address")
            let port = try endpoint?.integer("Port")
            notes.decision(
                value.path,
                "\(field).external.secretName",
                "\(identifier) stays in AWS: create the Secret \(secretName) with HOST=\(host ?? "?"), "
                    + "PORT=\(port.map(String.init) ?? "6379") and PASSWORD (the AUTH token) if one is set"
            )
        case .operated:
            if let version = try value.optional("EngineVersion") {
                datastore.version = Self.majorVersion(try version.string(), engine: .redis)
                notes.mapped(version.path, "\(field).version", "Redis \(datastore.version!)")
            }
            var count = members ?? 1
            if members == nil, let nodes = try value.integer("NumCacheNodes") { count = Int(nodes) }
            if count > 1 {
                notes.approximated(
                    value.path(members == nil ? "NumCacheNodes" : "MemberClusters"),
                    "\(field).replicas",
                    "\(count) cache nodes become one in-cluster Redis instance"
                )
            }
            if let nodeType = try value.string("CacheNodeType") {
                notes.decision(
                    value.path("CacheNodeType"),
                    "\(field).resources",
                    "\(nodeType): set resources.memory to the cache's working set (defaults apply)"
                )
            }
            try backup(&datastore, value: value, retentionKey: "SnapshotRetentionLimit", windowKey: "SnapshotWindow")
        }
        return datastore
    }

    /// The version the API's images are chosen by: PostgreSQL's major (`16.3` → `16`, `9.6.22` → `9.6`), Redis's
    /// major.minor (`7.1.0` → `7.1`).
    static func majorVersion(_ version: String, engine: DatastoreEngine) -> String {
        let parts = version.split(separator: ".")
        guard let first = parts.first else { return version }
        if engine == .postgreSQL {
            if let major = Int(first), major < 10, parts.count > 1 { return "\(first).\(parts[1])" }
            return String(first)
        }
        return parts.prefix(2).joined(separator: ".")
    }
}
