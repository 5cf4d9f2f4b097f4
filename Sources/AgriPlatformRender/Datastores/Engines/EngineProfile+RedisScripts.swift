extension EngineProfile {
    /// `redis.conf`.
    ///
    /// - `bind * -::*` and `port 6379`: every IPv4 address, and IPv6 where the pod has it (the `-` makes it
    ///   optional); `protected-mode no` because a password is always set (protected mode only guards servers
    ///   without one) and the NetworkPolicy limits who can connect.
    /// - `appendonly yes`, `appendfsync everysec`: every write goes to the append-only file, flushed each second.
    /// - `save 3600 1 300 100 60 10000`: RDB snapshots too (Redis' defaults), for fast restarts and replicas.
    /// - `dir` is the volume; logs go to stdout (`logfile ""`), the container log.
    /// - Replicas are read-only and keep serving (possibly stale) reads while the link to the primary is down.
    static func redisConfig(dataPath: String) -> String {
        """
        # Rendered by agri-operator. The password comes from the command line (--requirepass, --masterauth).
        bind * -::*
        port 6379
        protected-mode no
        daemonize no
        logfile ""
        loglevel notice
        dir \(dataPath)

        # Persistence: append-only file flushed every second, plus RDB snapshots.
        appendonly yes
        appendfsync everysec
        save 3600 1 300 100 60 10000
        dbfilename dump.rdb

        # Replication: member 0 is the primary, members 1... start with --replicaof (no Sentinel, no failover).
        replica-read-only yes
        replica-serve-stale-data yes

        """
    }

    /// The readiness script: `PONG` from the server with the generated password (`REDISCLI_AUTH`), and on a replica
    /// a live link to the primary.
    static let redisReadyScript = """
        #!/bin/sh
        # Rendered by agri-operator: ready = authenticated PONG, and on a replica master_link_status:up.
        set -eu
        [ "$(redis-cli -p 6379 ping)" = "PONG" ]
        info=$(redis-cli -p 6379 info replication)
        case "$info" in
            *role:slave*) case "$info" in *master_link_status:up*) exit 0 ;; *) exit 1 ;; esac ;;
        esac

        """

    /// The backup script: `redis-cli --rdb` asks the primary for a fresh RDB snapshot and writes it to a temporary
    /// name, renamed to `$BACKUP_DIR/dump.rdb` once complete and non-empty. The password is `REDISCLI_AUTH` in the
    /// environment, never an argument.
    static let redisBackupScript = """
        set -eu
        target="$BACKUP_DIR/dump.rdb"
        redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --no-auth-warning --rdb "$target.partial"
        [ -s "$target.partial" ]
        mv "$target.partial" "$target"
        echo "wrote $target"

        """
}
