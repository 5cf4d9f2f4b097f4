import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// Consul servers: `replicas` server agents (3 or 5, which validation enforces) forming one Raft cluster, with
    /// gossip encryption and the UI on the HTTP port.
    ///
    /// - **Image**: `hashicorp/consul:<version>` (`datastore.image` overrides it), run as `consul agent` directly
    ///   (not through the image's entrypoint, which would add its own `-data-dir` and `-config-dir`), with
    ///   `-config-file=<configPath>/server.json` and:
    ///   - `-node=$(POD_NAME)`: stable node names (`<platform>-<datastore>-<ordinal>`); the node ID is kept in
    ///     the data directory, so a restarted pod with a new IP is the same server;
    ///   - `-advertise=$(POD_IP)` (downward API `status.podIP`): the address peers and clients reach it at;
    ///   - `-config-file=/consul/gossip/encrypt.json`: the credentials Secret's `gossip-key` (32 random bytes,
    ///     base64) as `{"encrypt": …}`, written by the init container `gossip-key` into a memory volume only this
    ///     pod's containers mount (file mode 0600). The key is never in the ConfigMap, the pod spec or a process's
    ///     arguments (an `-encrypt=$(VAR)` argument would be expanded by the kubelet into the container's command
    ///     line). Consul uses it to create the keyring on first start; afterwards the keyring in the data
    ///     directory wins.
    /// - **Configuration** (`server.json`, see ``consulServerConfig(_:)``): `server`, `bootstrap_expect` =
    ///   `replicas` (the first leader is elected once that many servers have joined), `retry_join` with every
    ///   member's headless DNS name (published before the pods are ready), `client_addr` 0.0.0.0 (HTTP and DNS
    ///   for clients), `ui_config.enabled`, `leave_on_terminate` and `rejoin_after_leave`, autopilot
    ///   `cleanup_dead_servers` (a server that is gone for good is removed from Raft) with the default
    ///   `last_contact_threshold` 200ms and `server_stabilization_time` 10s, `performance.raft_multiplier` 1
    ///   (production timing), `telemetry.prometheus_retention_time` 60s (so `/v1/agent/metrics?format=prometheus`
    ///   on 8500 serves metrics) and no update check.
    /// - **Ports**: `http` 8500 and `dns` 8600 (TCP and UDP) for clients; 8300 (server RPC), 8301 (Serf LAN, TCP
    ///   and UDP) and 8302 (Serf WAN, TCP and UDP) only between servers.
    /// - **Pods**: uid 100, gid 1000 (`consul` in the image), `fsGroup` 1000; `podManagementPolicy: Parallel`
    ///   and `publishNotReadyAddresses`, since servers must all find each other before any is ready.
    /// - **Probes**: readiness requires that this server knows a leader (`consul info` shows a `leader_addr`), so
    ///   a server outside the quorum leaves the client Service; liveness only requires that the local agent
    ///   answers `consul info` (a cluster without a leader must not restart every server); a start-up probe
    ///   allows 5 minutes for the Raft snapshot to be restored.
    /// - **Shutdown**: `preStop` runs `consul leave` (and `leave_on_terminate` does the same on `SIGTERM`), so a
    ///   server that goes away is removed from the Raft peers at once instead of counting as a failed voter;
    ///   60 seconds grace.
    /// - **Scaling**: 3 → 5 adds two servers that join through `retry_join`; autopilot promotes them to voters
    ///   once stable. 5 → 3 deletes pods 4 and 3, which leave gracefully. Pods are not rolled for the changed
    ///   `bootstrap_expect`/`retry_join` unless the common renderer rolls them on ConfigMap changes; either way
    ///   `bootstrap_expect` matters only before the first leader exists.
    /// - **Backup**: `consul snapshot save` through the client Service into `$BACKUP_DIR/consul.snap`, then
    ///   `consul snapshot inspect` to check it is readable.
    /// - **Connection**: `http://<platform>-<datastore>.<namespace>.svc:8500`, no user and no password.
    ///
    /// **No ACLs in this version**: any pod that can reach port 8500 can read and write the KV store and the
    /// catalog. The datastore's NetworkPolicy (only the services that `use` it, and the servers themselves) is the
    /// access control. Also not handled: TLS for RPC and HTTP, client agents on nodes, WAN federation, gossip key
    /// rotation, and recovery after losing quorum (Consul's `peers.json` outage procedure is manual).
    static func consul(_ identity: DatastoreIdentity) -> EngineProfile {
        let image = identity.datastore.image ?? "hashicorp/consul:\(identity.version)"
        let configPath = "/etc/agri-operator"
        let clientAddress = "http://\(identity.clientHost):\(consulHTTPPort)"
        return EngineProfile(
            containerName: "consul",
            image: image,
            ports: [
                EnginePort(name: "http", port: consulHTTPPort, clients: true),
                EnginePort(name: "dns-tcp", port: 8600, clients: true),
                EnginePort(name: "dns-udp", port: 8600, protocol: "UDP", clients: true),
                EnginePort(name: "server", port: 8300, clients: false),
                EnginePort(name: "serflan-tcp", port: 8301, clients: false),
                EnginePort(name: "serflan-udp", port: 8301, protocol: "UDP", clients: false),
                EnginePort(name: "serfwan-tcp", port: 8302, clients: false),
                EnginePort(name: "serfwan-udp", port: 8302, protocol: "UDP", clients: false),
            ],
            configFiles: ["server.json": consulServerConfig(identity)],
            configPath: configPath,
            dataPath: consulDataPath,
            command: ["consul"],
            args: [
                "agent",
                "-config-file=\(configPath)/server.json",
                "-node=$(POD_NAME)",
                "-advertise=$(POD_IP)",
                "-config-file=\(consulGossipPath)/encrypt.json",
            ],
            environment: [
                ["name": "POD_IP", "valueFrom": ["fieldRef": ["fieldPath": "status.podIP"]]]
            ],
            readinessProbe: [
                "exec": ["command": ["sh", "-c", .string(consulReadinessScript)]],
                "periodSeconds": 10,
                "timeoutSeconds": 5,
                "failureThreshold": 3,
            ],
            livenessProbe: [
                "exec": ["command": ["consul", "info"]],
                "periodSeconds": 20,
                "timeoutSeconds": 5,
                "failureThreshold": 6,
            ],
            startupProbe: [
                "exec": ["command": ["consul", "info"]],
                "periodSeconds": 5,
                "timeoutSeconds": 5,
                "failureThreshold": 60,
            ],
            preStop: ["consul", "leave"],
            terminationGracePeriodSeconds: 60,
            podManagementPolicy: "Parallel",
            publishNotReadyAddresses: true,
            podSecurityContext: [
                "runAsNonRoot": true,
                "runAsUser": 100,
                "runAsGroup": 1000,
                "fsGroup": 1000,
                "seccompProfile": ["type": "RuntimeDefault"],
            ],
            extraVolumes: [["name": "gossip", "emptyDir": ["medium": "Memory"]]],
            extraVolumeMounts: [["name": "gossip", "mountPath": .string(consulGossipPath), "readOnly": true]],
            initContainers: [consulGossipInitContainer(identity, image: image)],
            backup: BackupCommand(
                image: image,
                script: consulBackupScript,
                environment: [["name": "CONSUL_HTTP_ADDR", "value": .string(clientAddress)]]
            ),
            connection: ConnectionTemplate(
                username: nil,
                hasPassword: false,
                port: consulHTTPPort,
                database: nil,
                uriTemplate: clientAddress
            ),
            memberSecrets: [GeneratedKey(key: "gossip-key", recipe: .base64(bytes: 32))]
        )
    }

    /// The HTTP API and UI port, what clients use.
    static let consulHTTPPort: Int32 = 8500
    /// The data directory (the image's own), on the member's volume.
    static let consulDataPath = "/consul/data"

    /// Ready when the local agent knows a leader: `leader_addr` in `consul info` is empty without one.
    static let consulReadinessScript = "consul info | grep -q 'leader_addr = .'"

    /// One Raft snapshot, checked to be readable.
    static let consulBackupScript = """
        set -eu
        consul snapshot save "$BACKUP_DIR/consul.snap"
        consul snapshot inspect "$BACKUP_DIR/consul.snap" >/dev/null
        """

    /// `server.json`: the server agent's configuration, without any secret (the gossip key comes in as `-encrypt`).
    /// Written by hand as JSON (the values are member names and constants, which need no escaping) so the text
    /// is stable from one render to the next.
    static func consulServerConfig(_ identity: DatastoreIdentity) -> String {
        let join = (0..<identity.replicas).map { "\"\(identity.memberHost($0))\"" }.joined(separator: ", ")
        return """
            {
              "server": true,
              "bootstrap_expect": \(identity.replicas),
              "retry_join": [\(join)],
              "data_dir": "\(consulDataPath)",
              "bind_addr": "0.0.0.0",
              "client_addr": "0.0.0.0",
              "ui_config": { "enabled": true },
              "leave_on_terminate": true,
              "rejoin_after_leave": true,
              "disable_update_check": true,
              "autopilot": {
                "cleanup_dead_servers": true,
                "last_contact_threshold": "200ms",
                "server_stabilization_time": "10s"
              },
              "performance": { "raft_multiplier": 1 },
              "telemetry": { "prometheus_retention_time": "60s", "disable_hostname": true }
            }

            """
    }

    /// Where the gossip key file lives: a memory volume shared by the init container and the agent.
    static let consulGossipPath = "/consul/gossip"

    /// Writes `{"encrypt": "<key>"}` with mode 0600 from the environment (a shell builtin, so the key is in no
    /// process's arguments). The key is base64, so it needs no JSON escaping.
    static let consulGossipScript = """
        umask 077
        printf '{"encrypt": "%s"}\\n' "$CONSUL_GOSSIP_KEY" > \(consulGossipPath)/encrypt.json
        """

    private static func consulGossipInitContainer(_ identity: DatastoreIdentity, image: String) -> JSONValue {
        [
            "name": "gossip-key",
            "image": .string(image),
            "imagePullPolicy": "IfNotPresent",
            "command": ["sh", "-c", .string(consulGossipScript)],
            "env": [
                [
                    "name": "CONSUL_GOSSIP_KEY",
                    "valueFrom": [
                        "secretKeyRef": ["name": .string(identity.credentialsSecretName), "key": "gossip-key"]
                    ],
                ]
            ],
            "volumeMounts": [["name": "gossip", "mountPath": .string(consulGossipPath)]],
            "securityContext": ["allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]],
        ]
    }
}
