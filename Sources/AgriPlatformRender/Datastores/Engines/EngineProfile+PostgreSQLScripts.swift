extension EngineProfile {
    /// `postgresql.conf`, read through `-c config_file=…` instead of the copy `initdb` writes into `PGDATA`.
    ///
    /// - `listen_addresses = '*'` and `port = 5432`: reachable through the Services; the NetworkPolicy and
    ///   `pg_hba.conf` decide who may connect.
    /// - `unix_socket_directories = '/var/run/postgresql'`: the image's socket folder (an `emptyDir`, so a
    ///   read-only root file system works); the entrypoint's first-start steps and `pg_ctl` use it.
    /// - `password_encryption = scram-sha-256`: passwords are stored and checked as SCRAM verifiers, never MD5.
    /// - `wal_level = replica`, `max_wal_senders = 10`, `max_replication_slots = 10`, `wal_keep_size = 1GB`,
    ///   `hot_standby = on`, `hot_standby_feedback = on`: the same file serves the primary and its streaming
    ///   replicas (the settings a standby reads are ignored by a primary and the other way round).
    /// - Logging to stderr (the container log) with a prefix naming time, process, user and database; slow
    ///   statements (over 1 s), checkpoints, lock waits and autovacuum runs over 10 s are logged. Connections are
    ///   not, since probes connect every few seconds.
    /// - Times in UTC.
    static func postgreSQLConfig(configPath: String) -> String {
        """
        # Rendered by agri-operator: read with -c config_file=...; the postgresql.conf in PGDATA is not used.
        listen_addresses = '*'
        port = 5432
        unix_socket_directories = '/var/run/postgresql'
        hba_file = '\(configPath)/pg_hba.conf'
        max_connections = 200
        password_encryption = scram-sha-256

        # Replication: member 0 is the primary, members 1... stream from it (no automatic failover).
        wal_level = replica
        max_wal_senders = 10
        max_replication_slots = 10
        wal_keep_size = 1GB
        hot_standby = on
        hot_standby_feedback = on

        # Logging to stderr, the container log.
        logging_collector = off
        log_destination = 'stderr'
        log_line_prefix = '%m [%p] %q%u@%d '
        log_min_duration_statement = 1000
        log_checkpoints = on
        log_lock_waits = on
        log_autovacuum_min_duration = 10000
        log_timezone = 'UTC'
        timezone = 'UTC'

        """
    }

    /// `pg_hba.conf`: SCRAM passwords for every TCP connection, ordinary and replication, from any address (the
    /// NetworkPolicy limits who can reach the port); `trust` only on the Unix socket, which only processes inside
    /// the container can reach (the entrypoint's first-start steps and `pg_ctl`).
    static let postgreSQLHostBasedAuthentication = """
        # Rendered by agri-operator.
        # TYPE  DATABASE     USER  ADDRESS     METHOD
        local   all          all               trust
        host    all          all   0.0.0.0/0   scram-sha-256
        host    all          all   ::/0        scram-sha-256
        host    replication  all   0.0.0.0/0   scram-sha-256
        host    replication  all   ::/0        scram-sha-256

        """

    /// The first-start SQL: PostGIS (when enabled) and the spec's extensions, each `IF NOT EXISTS` and quoted (an
    /// extension name may contain `-`, as `uuid-ossp` does; the API allows only `[a-z_][-a-z0-9_]*`). The image's
    /// entrypoint runs it once, with `psql -v ON_ERROR_STOP=1` against `POSTGRES_DB`, so a missing extension stops
    /// the first start instead of leaving a database without it.
    static func postgreSQLInitSQL(postGIS: Bool, extensions: [String]) -> String {
        var names: [String] = postGIS ? ["postgis"] : []
        for name in extensions where !names.contains(name) { names.append(name) }
        var sql = "-- Rendered by agri-operator: run once, when the database is created.\n"
        for name in names { sql += "CREATE EXTENSION IF NOT EXISTS \"\(name)\";\n" }
        return sql
    }

    /// The init container's script: clone member 0 into an empty member ≥ 1 (see ``postgreSQL(_:)``).
    ///
    /// The password reaches `pg_basebackup` only as `PGPASSWORD` in its environment; nothing is echoed and tracing
    /// (`set -x`) is never on.
    static func postgreSQLCloneScript(primaryHost: String) -> String {
        """
        #!/bin/sh
        # Rendered by agri-operator: member 0 is the primary; an empty member 1... is cloned from it and starts as
        # a streaming replica. There is no automatic failover.
        set -eu
        ordinal="${POD_NAME##*-}"
        primary_host='\(primaryHost)'
        primary_port=5432
        if [ "$ordinal" = "0" ]; then
            echo "member 0 is the primary: nothing to clone"
            exit 0
        fi
        if [ -s "$PGDATA/PG_VERSION" ]; then
            echo "member $ordinal already holds a cluster: starting it as it is"
            exit 0
        fi
        echo "member $ordinal: waiting for the primary $primary_host:$primary_port"
        until pg_isready -q -h "$primary_host" -p "$primary_port"; do sleep 2; done
        partial="$PGDATA.partial"
        rm -rf "$partial"
        echo "member $ordinal: cloning the primary with pg_basebackup"
        PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h "$primary_host" -p "$primary_port" -U "$POSTGRES_USER" \\
            -D "$partial" -R -X stream -c fast --no-password
        chmod 0700 "$partial"
        rm -rf "$PGDATA"
        mv "$partial" "$PGDATA"
        echo "member $ordinal: cloned; it starts as a streaming replica"

        """
    }

    /// The readiness script: the server accepts connections, a query over TCP with the generated password
    /// succeeds, and a replica's WAL receiver is streaming from the primary.
    static let postgreSQLReadyScript = """
        #!/bin/sh
        # Rendered by agri-operator: ready = accepting connections, the password works, a replica is streaming.
        set -eu
        pg_isready -q -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB"
        ready=$(PGPASSWORD="$POSTGRES_PASSWORD" PGCONNECT_TIMEOUT=3 psql -X -q -t -A --no-password \\
            -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB" \\
            -c "select case when pg_is_in_recovery() then (select count(*) from pg_stat_wal_receiver
                where status = 'streaming') else 1 end")
        [ "$ready" = "1" ]

        """

    /// The backup script: a custom-format `pg_dump` of the database (through the client Service, i.e. the
    /// primary) written to a temporary name, checked with `pg_restore --list`, then renamed to
    /// `$BACKUP_DIR/<database>.dump`, so a failed or partial dump never looks like a good one. Connection settings
    /// come from the libpq variables `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER` and `PGPASSWORD` (the last two by
    /// `secretKeyRef`). Restore with `pg_restore -d <database> --clean --if-exists <file>`. Roles are not dumped:
    /// the only role is the superuser the image creates from the connection Secret.
    static let postgreSQLBackupScript = """
        set -eu
        target="$BACKUP_DIR/$PGDATABASE.dump"
        pg_dump --format=custom --no-password --file="$target.partial"
        pg_restore --list "$target.partial" > /dev/null
        mv "$target.partial" "$target"
        echo "wrote $target"

        """
}
