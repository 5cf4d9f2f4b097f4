import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// MongoDB as a replica set named after the datastore, one `mongod` per member, with keyfile authentication
    /// between members and one root user for clients.
    ///
    /// - **Image**: `mongo:<version>` (the official image; `datastore.image` overrides it). Its entrypoint is kept:
    ///   on a member's first start (an empty `--dbpath`) it runs a temporary standalone `mongod` bound to 127.0.0.1,
    ///   creates the root user from `MONGO_INITDB_ROOT_USERNAME`/`_PASSWORD` (both `secretKeyRef`s to the
    ///   connection Secret's `USERNAME` and `PASSWORD`), stops it, then starts the real one. Every member creates
    ///   the user locally; the members that join the set by initial sync drop their local copy and receive member
    ///   0's, which is the same user and password.
    /// - **Command**: `mongod --replSet <datastore> --bind_ip_all --keyFile <keyfile> --dbpath <dataPath>/db`.
    ///   `--keyFile` turns on authorization as well as member authentication. The database lives in a `db`
    ///   folder of the volume (created by the init container) rather than at the volume's root.
    /// - **Keyfile**: the credentials Secret's key `keyfile`, 756 random bytes in base64 (1 008 characters of the
    ///   base64 alphabet, which is exactly the keyfile alphabet; mongod accepts 6 to 1 024). `mongod` refuses a
    ///   keyfile that the group or others can read. A Secret volume cannot give it that: with the pod's `fsGroup`
    ///   the kubelet makes Secret files group-readable (mode `0440`, group `fsGroup`) whatever `defaultMode` says,
    ///   and without `fsGroup` they are owned by root, which uid 999 cannot read at `0400`. So the init container
    ///   `keyfile`, running as uid 999, copies it from the Secret volume to a memory `emptyDir` with mode `0400`
    ///   (the copy is owned by uid 999 because that user writes it).
    /// - **User**: `root` with the `root` role, the only user; services receive it through the connection Secret.
    ///   A least-privilege application user would need a second generated password and a step in the members Job
    ///   to create it: not done in this version. The NetworkPolicy limits who can connect at all.
    /// - **Writable `/tmp`**: the container needs one (the common renderer's `emptyDir`): the entrypoint keeps its
    ///   first-start pid file there, `mongod` creates its socket `/tmp/mongodb-27017.sock`, and `HOME=/tmp` gives
    ///   the probes' `mongosh` a place for its logs. The entrypoint unsets `MONGO_INITDB_*` before it starts the
    ///   real `mongod`.
    /// - **Pods**: uid/gid 999 (`mongodb` in the image), `fsGroup` 999 so the volume is writable.
    ///   `podManagementPolicy: Parallel` and `publishNotReadyAddresses` so all members start together and find
    ///   each other by their headless DNS names before they are ready.
    /// - **Probes**: readiness asks the local `mongod` for `hello` (allowed before authentication) and requires the
    ///   member to be PRIMARY or SECONDARY: a member in STARTUP2, RECOVERING or REMOVED is not ready, so a rolling
    ///   update waits for it to catch up before restarting the next one, and the PodDisruptionBudget counts it as
    ///   down. Members become ready once the membership Job has added them (it waits only for `ping`, so this
    ///   cannot deadlock). Liveness runs `ping` with a long failure budget (2 minutes); a start-up probe (`ping`)
    ///   allows 10 minutes for the first start (user creation) and WiredTiger recovery.
    /// - **Shutdown**: `SIGTERM` makes `mongod` shut down cleanly (a primary steps down first); 60 seconds grace.
    /// - **Membership**: the Job `<platform>-<datastore>-members-<replicas>` (see ``mongoDBMembersJob(_:)``)
    ///   initiates the set and reconfigures it when `replicas` changes.
    /// - **Backup**: `mongodump` of the whole set through the connection URI, reading from a secondary when one
    ///   is available, into `$BACKUP_DIR/dump.archive.gz`. It is not a point-in-time snapshot across collections
    ///   (no `--oplog`).
    /// - **Connection**: `mongodb://root:<password>@<platform>-<datastore>.<namespace>.svc:27017/?replicaSet=
    ///   <datastore>&authSource=admin`; no `DATABASE` (applications choose theirs).
    /// - **Metrics**: a `percona/mongodb_exporter` sidecar on 9216 when the platform's monitoring is rendered (see
    ///   `EngineProfile+Exporters.swift`).
    ///
    /// Not handled: TLS between members and clients, a least-privilege application user, point-in-time restore,
    /// arbiters, hidden or delayed members, and restore itself (`mongorestore` from a dump is manual).
    static func mongoDB(_ identity: DatastoreIdentity) -> EngineProfile {
        let image = identity.datastore.image ?? "mongo:\(identity.version)"
        let dataPath = "/data/mongodb"
        let connection = identity.connectionSecretName
        let environment: [JSONValue] = [
            mongoSecretEnv("MONGO_INITDB_ROOT_USERNAME", secret: connection, key: "USERNAME"),
            mongoSecretEnv("MONGO_INITDB_ROOT_PASSWORD", secret: connection, key: "PASSWORD"),
            // mongosh (the probes) keeps its logs under $HOME/.mongodb: the writable /tmp, not the image's home.
            ["name": "HOME", "value": "/tmp"],
        ]
        return EngineProfile(
            containerName: "mongod",
            image: image,
            ports: [EnginePort(name: "mongodb", port: mongoDBPort, clients: true)],
            dataPath: dataPath,
            args: [
                "mongod",
                "--replSet", identity.datastore.name,
                "--bind_ip_all",
                "--keyFile", "\(mongoDBKeyfileDirectory)/keyfile",
                "--dbpath", "\(dataPath)/db",
            ],
            environment: environment,
            readinessProbe: mongoProbe(mongoReadyQuery, period: 10, timeout: 10, failures: 3),
            livenessProbe: mongoProbe(mongoPingQuery, period: 20, timeout: 10, failures: 6),
            startupProbe: mongoProbe(mongoPingQuery, period: 10, timeout: 10, failures: 60),
            terminationGracePeriodSeconds: 60,
            podManagementPolicy: "Parallel",
            publishNotReadyAddresses: true,
            podSecurityContext: [
                "runAsNonRoot": true,
                "runAsUser": .integer(mongoDBUser),
                "runAsGroup": .integer(mongoDBUser),
                "fsGroup": .integer(mongoDBUser),
                "seccompProfile": ["type": "RuntimeDefault"],
            ],
            extraVolumes: [
                [
                    "name": "keyfile-secret",
                    "secret": [
                        "secretName": .string(identity.credentialsSecretName),
                        "items": [["key": "keyfile", "path": "keyfile"]],
                        "defaultMode": .integer(0o400),
                    ],
                ],
                ["name": "keyfile", "emptyDir": ["medium": "Memory", "sizeLimit": "1Mi"]],
            ],
            extraVolumeMounts: [
                ["name": "keyfile", "mountPath": .string(mongoDBKeyfileDirectory), "readOnly": true]
            ],
            initContainers: [mongoKeyfileInitContainer(image: image, dataPath: dataPath)],
            backup: BackupCommand(
                image: image,
                script: mongoDBBackupScript,
                environment: [mongoSecretEnv("MONGODB_URI", secret: connection, key: "URI")]
            ),
            connection: ConnectionTemplate(
                username: mongoDBRootUser,
                hasPassword: true,
                port: mongoDBPort,
                database: nil,
                uriTemplate: "mongodb://$(USERNAME):$(PASSWORD)@\(identity.clientHost):\(mongoDBPort)/"
                    + "?replicaSet=\(identity.datastore.name)&authSource=admin"
            ),
            memberSecrets: [GeneratedKey(key: "keyfile", recipe: .base64(bytes: 756))],
            extraObjects: [mongoDBMembersJob(identity)]
        )
    }

    /// The client port, also used between members.
    static let mongoDBPort: Int32 = 27017
    /// The image's `mongodb` user and group.
    static let mongoDBUser: Int64 = 999
    /// The root user services connect as.
    static let mongoDBRootUser = "root"
    /// Where the main container reads the keyfile (the memory `emptyDir` the init container fills).
    static let mongoDBKeyfileDirectory = "/var/run/mongodb-keyfile"

    /// The init container's script: create the database folder, copy the keyfile with mode 0400.
    static func mongoDBInitScript(dataPath: String) -> String {
        """
        set -eu
        mkdir -p "\(dataPath)/db"
        cp /var/run/mongodb-keyfile-secret/keyfile "\(mongoDBKeyfileDirectory)/keyfile"
        chmod 0400 "\(mongoDBKeyfileDirectory)/keyfile"
        """
    }

    /// One gzip archive of every database, read from a secondary when one is available.
    static let mongoDBBackupScript = """
        set -eu
        mongodump --uri="$MONGODB_URI" --archive="$BACKUP_DIR/dump.archive.gz" --gzip \\
            --readPreference=secondaryPreferred --quiet
        test -s "$BACKUP_DIR/dump.archive.gz"
        """

    private static func mongoKeyfileInitContainer(image: String, dataPath: String) -> JSONValue {
        [
            "name": "keyfile",
            "image": .string(image),
            "command": ["sh", "-c", .string(mongoDBInitScript(dataPath: dataPath))],
            "volumeMounts": [
                ["name": "keyfile-secret", "mountPath": "/var/run/mongodb-keyfile-secret", "readOnly": true],
                ["name": "keyfile", "mountPath": .string(mongoDBKeyfileDirectory)],
                ["name": "data", "mountPath": .string(dataPath)],
            ],
            "securityContext": mongoContainerSecurityContext,
        ]
    }

    /// The restricted container settings of the init container and the members Job.
    static let mongoContainerSecurityContext: JSONValue = [
        "allowPrivilegeEscalation": false,
        "capabilities": ["drop": ["ALL"]],
        "readOnlyRootFilesystem": true,
    ]

    /// A round trip through the server.
    static let mongoPingQuery = "db.adminCommand(\"ping\").ok"
    /// Exits 1 unless the member is PRIMARY or SECONDARY.
    static let mongoReadyQuery = "const h = db.hello(); if (!(h.isWritablePrimary || h.secondary)) { quit(1) }"

    private static func mongoProbe(_ query: String, period: Int64, timeout: Int64, failures: Int64) -> JSONValue {
        [
            "exec": ["command": ["mongosh", "--quiet", "--eval", .string(query)]],
            "periodSeconds": .integer(period),
            "timeoutSeconds": .integer(timeout),
            "failureThreshold": .integer(failures),
        ]
    }

    /// An `env` entry read from a Secret key.
    static func mongoSecretEnv(_ name: String, secret: String, key: String) -> JSONValue {
        ["name": .string(name), "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]]]
    }
}
