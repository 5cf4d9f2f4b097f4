import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// PostgreSQL, optionally with PostGIS: member 0 is the primary, every further member a streaming replica.
    ///
    /// **Image.** `postgres:<version>`, or with `postgres.postGIS: true` `postgis/postgis:<version>-3.4` (the
    /// PostGIS project's image, built on the official one, tagged `<PostgreSQL major>-<PostGIS minor>`);
    /// `datastore.image` overrides either. Both run as user and group 999 (`postgres`), so the pod runs as 999 with
    /// `fsGroup: 999` and the volume is writable without a root init container.
    ///
    /// **First start.** The image's entrypoint (`docker-entrypoint.sh`) runs `initdb` into `PGDATA` when it holds
    /// no cluster, with the superuser `POSTGRES_USER` (`app`) and password `POSTGRES_PASSWORD`, creates
    /// `POSTGRES_DB`, then runs every file of `/docker-entrypoint-initdb.d/` once against `POSTGRES_DB`. The three
    /// come from the connection Secret (`USERNAME`, `PASSWORD`, `DATABASE`) by `secretKeyRef`. `PGDATA` is the
    /// folder `pgdata` inside the volume, because a volume's root may hold `lost+found`, which `initdb` refuses.
    /// The ConfigMap's `init-extensions.sql` is mounted (a `subPath` of the `config` volume) as
    /// `/docker-entrypoint-initdb.d/50-agri-extensions.sql`: it creates PostGIS and `postgres.extensions` in the
    /// database. It runs only when the cluster is created: an extension added to the spec later is **not**
    /// created by the operator; create it in a migration (`CREATE EXTENSION IF NOT EXISTS ...`).
    ///
    /// **Configuration.** The server starts with `-c config_file=<configPath>/postgresql.conf`, which names
    /// `<configPath>/pg_hba.conf`; the copies `initdb` writes into `PGDATA` are ignored (see
    /// ``postgreSQLConfig(_:)`` and ``postgreSQLHostBasedAuthentication``).
    ///
    /// **Replicas.** With `replicas >= 2`, member 0 is the primary and members 1… are hot-standby streaming
    /// replicas. The init container `clone-primary` (always present, so scaling never changes the pod template and
    /// never restarts the primary) does nothing on member 0 or on a member whose volume already holds a cluster; on
    /// an empty member ≥ 1 it waits for the primary, runs `pg_basebackup -R -X stream` from
    /// `identity.memberHost(0)` into a temporary folder and moves it to `PGDATA` when complete, so an interrupted
    /// clone is retried from scratch instead of starting a broken replica. It is an init container rather than part
    /// of the main command so a clone that takes hours is not killed by the start-up probe. `-R` writes
    /// `standby.signal` and `primary_conninfo` (with the password, on the member's own volume) so the server starts
    /// as a replica. Replicas connect as the superuser (which has the `REPLICATION` attribute) without replication
    /// slots; `wal_keep_size` keeps 1 GB of WAL for a replica that falls behind, and one that falls further behind
    /// must be re-cloned (delete its PersistentVolumeClaim and pod).
    ///
    /// There is **no automatic failover**: the client Service must select member 0 only
    /// (`statefulset.kubernetes.io/pod-name: <platform>-<datastore>-0`); replicas serve reads through their own
    /// pod DNS names and are warm copies for a manual promotion (`pg_ctl promote`). Scaling down removes replicas
    /// (highest ordinals first) and never touches the primary; their volumes stay unless the reclaim policy says
    /// `Delete`.
    ///
    /// **Probes.** Start-up and liveness: `pg_isready` on `127.0.0.1` (accepting connections; no credentials, so a
    /// liveness check never depends on replication). Readiness: `pg_isready`, then a real query over TCP with the
    /// generated password (`psql` as `POSTGRES_USER`), which on a replica also requires its WAL receiver to be
    /// streaming.
    ///
    /// **Stopping.** Kubernetes stops with SIGTERM, PostgreSQL's "smart" shutdown, which waits for every client to
    /// disconnect; the `preStop` hook runs a fast shutdown (`pg_ctl stop -m fast`) instead, within the 60 s grace
    /// period.
    ///
    /// **Backup.** `pg_dump -Fc` of the database through the client Service (the primary), checked with
    /// `pg_restore --list` before it is kept (see ``postgreSQLBackupScript``).
    ///
    /// The container needs `POD_NAME` (the pod's name, from the downward API) in its environment, which the common
    /// renderer gives every datastore container; the init container sets it itself.
    static func postgreSQL(_ identity: DatastoreIdentity) -> EngineProfile {
        let settings = identity.datastore.postgres
        let postGIS = settings?.postGIS ?? false
        let database = postgreSQLDatabase(identity)
        let image =
            identity.datastore.image
            ?? (postGIS ? "postgis/postgis:\(identity.version)-3.4" : "postgres:\(identity.version)")
        let configPath = "/etc/agri-operator"
        let dataPath = "/var/lib/postgresql/data"
        let secret = identity.connectionSecretName
        let environment: [JSONValue] = [
            postgreSQLEnv("PGDATA", value: postgreSQLDataDirectory),
            postgreSQLEnv("POSTGRES_USER", secret: secret, key: "USERNAME"),
            postgreSQLEnv("POSTGRES_PASSWORD", secret: secret, key: "PASSWORD"),
            postgreSQLEnv("POSTGRES_DB", secret: secret, key: "DATABASE"),
        ]
        let readyScript = ["sh", "\(configPath)/probe-ready.sh"]
        let isReady = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "\(postgreSQLPort)"]
        var cloneEnvironment = [
            ["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]] as JSONValue
        ]
        cloneEnvironment.append(contentsOf: environment)
        let clone: JSONValue = [
            "name": "clone-primary",
            "image": .string(image),
            "command": ["sh", .string("\(configPath)/clone-primary.sh")],
            "env": .array(cloneEnvironment),
            "volumeMounts": [
                ["name": "data", "mountPath": .string(dataPath)],
                ["name": "config", "mountPath": .string(configPath), "readOnly": true],
            ],
            "securityContext": [
                "allowPrivilegeEscalation": false,
                "capabilities": ["drop": ["ALL"]],
            ],
        ]
        return EngineProfile(
            containerName: "postgres",
            image: image,
            ports: [EnginePort(name: "postgresql", port: postgreSQLPort, clients: true)],
            configFiles: [
                "postgresql.conf": postgreSQLConfig(configPath: configPath),
                "pg_hba.conf": postgreSQLHostBasedAuthentication,
                "init-extensions.sql": postgreSQLInitSQL(postGIS: postGIS, extensions: settings?.extensions ?? []),
                "clone-primary.sh": postgreSQLCloneScript(primaryHost: identity.memberHost(0)),
                "probe-ready.sh": postgreSQLReadyScript,
            ],
            configPath: configPath,
            dataPath: dataPath,
            args: ["postgres", "-c", "config_file=\(configPath)/postgresql.conf"],
            environment: environment,
            readinessProbe: postgreSQLProbe(readyScript, period: 10, timeout: 5, failures: 3),
            livenessProbe: postgreSQLProbe(isReady, period: 10, timeout: 5, failures: 6),
            startupProbe: postgreSQLProbe(isReady, period: 5, timeout: 5, failures: 120),
            preStop: ["sh", "-c", "pg_ctl stop -D \"$PGDATA\" -m fast -w -t 50"],
            terminationGracePeriodSeconds: 60,
            podManagementPolicy: "OrderedReady",
            clientsReachPrimaryOnly: true,
            publishNotReadyAddresses: false,
            podSecurityContext: [
                "runAsUser": 999, "runAsGroup": 999, "fsGroup": 999, "runAsNonRoot": true,
                "fsGroupChangePolicy": "OnRootMismatch",
            ],
            extraVolumes: [["name": "postgres-run", "emptyDir": [:]]],
            extraVolumeMounts: [
                ["name": "postgres-run", "mountPath": "/var/run/postgresql"],
                [
                    "name": "config", "mountPath": "/docker-entrypoint-initdb.d/50-agri-extensions.sql",
                    "subPath": "init-extensions.sql", "readOnly": true,
                ],
            ],
            initContainers: [clone],
            backup: BackupCommand(
                image: image,
                script: postgreSQLBackupScript,
                environment: [
                    postgreSQLEnv("PGHOST", value: identity.clientHost),
                    postgreSQLEnv("PGPORT", value: String(postgreSQLPort)),
                    postgreSQLEnv("PGDATABASE", secret: secret, key: "DATABASE"),
                    postgreSQLEnv("PGUSER", secret: secret, key: "USERNAME"),
                    postgreSQLEnv("PGPASSWORD", secret: secret, key: "PASSWORD"),
                ]
            ),
            connection: ConnectionTemplate(
                username: postgreSQLUser,
                hasPassword: true,
                port: postgreSQLPort,
                database: database,
                uriTemplate: "postgresql://$(USERNAME):$(PASSWORD)@\(identity.clientHost):\(postgreSQLPort)/\(database)"
            )
        )
    }

    /// PostgreSQL's port.
    static let postgreSQLPort: Int32 = 5432
    /// The superuser the image creates at first start; services connect as it.
    static let postgreSQLUser = "app"
    /// `PGDATA`: a folder inside the volume, not its root (which may hold `lost+found`).
    static let postgreSQLDataDirectory = "/var/lib/postgresql/data/pgdata"

    /// The application database: `postgres.database`, or the datastore's name with `-` replaced by `_` (a
    /// datastore name is a DNS label, so the result is a valid unquoted SQL identifier).
    static func postgreSQLDatabase(_ identity: DatastoreIdentity) -> String {
        if let database = identity.datastore.postgres?.database, !database.isEmpty { return database }
        return identity.datastore.name.replacing("-", with: "_")
    }

    private static func postgreSQLProbe(
        _ command: [String],
        period: Int64,
        timeout: Int64,
        failures: Int64
    )
        -> JSONValue
    {
        [
            "exec": ["command": .array(command.map { .string($0) })],
            "periodSeconds": .integer(period),
            "timeoutSeconds": .integer(timeout),
            "failureThreshold": .integer(failures),
        ]
    }

    private static func postgreSQLEnv(_ name: String, value: String) -> JSONValue {
        ["name": .string(name), "value": .string(value)]
    }

    private static func postgreSQLEnv(_ name: String, secret: String, key: String) -> JSONValue {
        ["name": .string(name), "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]]]
    }
}
