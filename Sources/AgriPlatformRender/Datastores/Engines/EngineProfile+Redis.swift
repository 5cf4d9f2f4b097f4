import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// Redis with password authentication and persistence: one instance, or member 0 as the primary and members
    /// 1… as replicas of it.
    ///
    /// **Image.** `redis:<version>` (the official image; `datastore.image` overrides it), run as its user and group
    /// 999 with `fsGroup: 999` so the volume at `/data` is writable. The image's entrypoint is bypassed: the
    /// command is `sh -c` (see ``redisCommand(primaryHost:configPath:)``).
    ///
    /// **Authentication.** The generated password is `--requirepass` (the `default` user's password) and
    /// `--masterauth` (what a replica presents to the primary), passed on the command line by the shell from the
    /// environment variable `REDISCLI_AUTH` (a `secretKeyRef` to the connection Secret's `PASSWORD`), never written
    /// into the ConfigMap or the pod spec. `redis-cli` reads the same variable, so the probes authenticate without
    /// `-a`. Services connect as `default` (Redis 6+ ACL syntax in the URI).
    ///
    /// **Persistence.** `redis.conf` (``redisConfig(dataPath:)``): append-only file with `appendfsync everysec`
    /// (at most a second of writes lost) plus RDB snapshots, both under `/data`.
    ///
    /// **Replicas.** With `replicas >= 2`, member 0 is the primary and every other member starts with
    /// `--replicaof <member 0's host> 6379`, chosen at start from the ordinal at the end of `POD_NAME`, so the pod
    /// template does not depend on the member count and scaling never restarts the primary. Replicas are read-only.
    /// There is **no Sentinel and no automatic failover**: the client Service must select member 0 only
    /// (`statefulset.kubernetes.io/pod-name: <platform>-<datastore>-0`); if member 0 is lost, writes stop until it
    /// is back (its data is on its volume). Scaling down removes replicas only. A replica's first full
    /// synchronisation (and each backup) waits Redis' default `repl-diskless-sync-delay` of 5 s, so that replicas
    /// starting together share one transfer.
    ///
    /// **Probes.** Start-up and liveness: `redis-cli ping` answers `PONG` (or `LOADING`, so a large data set being
    /// loaded — a replica's full resynchronisation — is not restarted). Readiness: `PONG`, and on a replica
    /// `master_link_status:up` (see ``redisReadyScript``).
    ///
    /// **Backup.** `redis-cli --rdb` copies a fresh RDB snapshot from the client Service (the primary) into
    /// `$BACKUP_DIR/dump.rdb`; restore by placing it as `/data/dump.rdb` with the append-only folder removed (or
    /// `appendonly no` for the first start).
    ///
    /// The container needs `POD_NAME` (the pod's name, from the downward API) in its environment, which the common
    /// renderer gives every datastore container.
    static func redis(_ identity: DatastoreIdentity) -> EngineProfile {
        let image = identity.datastore.image ?? "redis:\(identity.version)"
        let configPath = "/etc/agri-operator"
        let dataPath = "/data"
        let secret = identity.connectionSecretName
        let password: JSONValue = [
            "name": "REDISCLI_AUTH",
            "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": "PASSWORD"]],
        ]
        let alive = [
            "sh", "-c", "case \"$(redis-cli -p \(redisPort) ping)\" in PONG|LOADING*) exit 0;; esac; exit 1",
        ]
        return EngineProfile(
            containerName: "redis",
            image: image,
            ports: [EnginePort(name: "redis", port: redisPort, clients: true)],
            configFiles: [
                "redis.conf": redisConfig(dataPath: dataPath),
                "probe-ready.sh": redisReadyScript,
            ],
            configPath: configPath,
            dataPath: dataPath,
            command: redisCommand(primaryHost: identity.memberHost(0), configPath: configPath),
            environment: [password],
            readinessProbe: redisProbe(["sh", "\(configPath)/probe-ready.sh"], period: 10, failures: 3),
            livenessProbe: redisProbe(alive, period: 10, failures: 6),
            startupProbe: redisProbe(alive, period: 5, failures: 120),
            terminationGracePeriodSeconds: 60,
            podManagementPolicy: "OrderedReady",
            clientsReachPrimaryOnly: true,
            publishNotReadyAddresses: false,
            podSecurityContext: [
                "runAsUser": 999, "runAsGroup": 999, "fsGroup": 999, "runAsNonRoot": true,
                "fsGroupChangePolicy": "OnRootMismatch",
            ],
            backup: BackupCommand(
                image: image,
                script: redisBackupScript,
                environment: [
                    ["name": "REDIS_HOST", "value": .string(identity.clientHost)],
                    ["name": "REDIS_PORT", "value": .string(String(redisPort))],
                    password,
                ]
            ),
            connection: ConnectionTemplate(
                username: redisUser,
                hasPassword: true,
                port: redisPort,
                database: "0",
                uriTemplate: "redis://$(USERNAME):$(PASSWORD)@\(identity.clientHost):\(redisPort)/0"
            )
        )
    }

    /// Redis' port.
    static let redisPort: Int32 = 6379
    /// The user services connect as: Redis' built-in `default` user, whose password `--requirepass` sets.
    static let redisUser = "default"

    /// The container command: `redis-server` with the ConfigMap's `redis.conf`, the password from
    /// `$REDISCLI_AUTH` as `--requirepass` and `--masterauth`, and on members ≥ 1 `--replicaof` member 0. `exec`
    /// makes `redis-server` PID 1, so it receives SIGTERM and saves before exiting.
    static func redisCommand(primaryHost: String, configPath: String) -> [String] {
        let script = """
            set -eu
            ordinal="${POD_NAME##*-}"
            if [ "$ordinal" = "0" ]; then set --; else set -- --replicaof '\(primaryHost)' 6379; fi
            exec redis-server '\(configPath)/redis.conf' --requirepass "$REDISCLI_AUTH" \
            --masterauth "$REDISCLI_AUTH" "$@"
            """
        return ["sh", "-c", script]
    }

    private static func redisProbe(_ command: [String], period: Int64, failures: Int64) -> JSONValue {
        [
            "exec": ["command": .array(command.map { .string($0) })],
            "periodSeconds": .integer(period),
            "timeoutSeconds": 5,
            "failureThreshold": .integer(failures),
        ]
    }
}
