import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// The ConfigMap's files: `rabbitmq.conf`, `enabled_plugins` and the start-up check script. None of them holds
    /// a secret.
    static func rabbitMQConfigFiles(_ identity: DatastoreIdentity, configPath: String) -> [String: String] {
        [
            "rabbitmq.conf": rabbitMQConf(identity),
            "enabled_plugins": "[rabbitmq_management,rabbitmq_peer_discovery_k8s,rabbitmq_prometheus].\n",
            "cluster-size-check.sh": rabbitMQClusterSizeCheck(configPath: configPath),
        ]
    }

    /// `rabbitmq.conf`, following the cluster-operator's `operatorDefaults.conf`:
    ///
    /// - `cluster_formation.*`: Kubernetes peer discovery of the headless Service's Endpoints through
    ///   `kubernetes.default.svc`, with host names (`<pod>` + `hostname_suffix` `.<headless>.<namespace>`) that match
    ///   the node names; `target_cluster_size_hint` is the member count (the start-up check reads it too).
    /// - `cluster_partition_handling = pause_minority`.
    /// - `queue_leader_locator = balanced` (RabbitMQ ≥ 3.10; `queue_master_locator = min-masters`, the
    ///   cluster-operator's setting, before) spreads queue leaders over the members.
    /// - `default_queue_type = quorum` from RabbitMQ 3.13.3 (rabbitmq-server#11163; 3.10.8 was measured to refuse to
    ///   boot with it: "You've tried to set default_queue_type, but there is no setting with that name").
    /// - `disk_free_limit.absolute = 2GB` (the cluster-operator's value: publishers are blocked below it, so storage
    ///   should be well above 2 GB) and `vm_memory_high_watermark.relative = 0.4` (RabbitMQ's default, stated). The
    ///   watermark is relative to the memory RabbitMQ detects; the cluster-operator also sets
    ///   `total_memory_available_override_value` from the container's memory limit, which is not done here.
    /// - The listeners on their standard ports.
    static func rabbitMQConf(_ identity: DatastoreIdentity) -> String {
        let version = RabbitMQVersion(identity.version)
        var lines = [
            "# Rendered by agri-operator for \(identity.namespace)/\(identity.fullName); edits are overwritten.",
            "cluster_name = \(identity.fullName)",
            "cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s",
            "cluster_formation.k8s.host = kubernetes.default.svc",
            "cluster_formation.k8s.address_type = hostname",
            "cluster_formation.k8s.service_name = \(identity.headlessServiceName)",
            "cluster_formation.k8s.hostname_suffix = .\(identity.headlessServiceName).\(identity.namespace)",
            "cluster_formation.target_cluster_size_hint = \(identity.replicas)",
            "cluster_partition_handling = pause_minority",
        ]
        lines.append(
            version.isAtLeast(3, 10) ? "queue_leader_locator = balanced" : "queue_master_locator = min-masters"
        )
        if version.isAtLeast(3, 13, 3) { lines.append("default_queue_type = quorum") }
        lines += [
            "disk_free_limit.absolute = 2GB",
            "vm_memory_high_watermark.relative = 0.4",
            "listeners.tcp.default = \(RabbitMQPorts.amqp)",
            "management.tcp.port = \(RabbitMQPorts.management)",
            "prometheus.tcp.port = \(RabbitMQPorts.prometheus)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The start-up probe's script (see ``rabbitMQProbes(_:)``): succeeds when the local node runs and
    /// `cluster_status` lists at least a majority of `target_cluster_size_hint` running nodes. It reads the target
    /// from the mounted `rabbitmq.conf`, so scaling changes the ConfigMap, not the pod template.
    static func rabbitMQClusterSizeCheck(configPath: String) -> String {
        """
        #!/bin/sh
        # Start-up check rendered by agri-operator: this node runs and sees a majority of the target members.
        set -eu
        target=`sed -n 's/^cluster_formation.target_cluster_size_hint = //p' '\(configPath)/rabbitmq.conf'`
        status=`rabbitmq-diagnostics -q cluster_status --formatter json`
        running=`printf '%s' "$status" | sed -n 's/.*"running_nodes":\\[\\([^]]*\\)\\].*/\\1/p' | tr ',' '\\n' \\
            | grep -c '@' || true`
        needed=$(( ${target:-1} / 2 + 1 ))
        if [ "$running" -lt "$needed" ]; then
            echo "$running of ${target:-1} members running; waiting for $needed" >&2
            exit 1
        fi

        """
    }

    /// One backup: the definitions (users with their password hashes, virtual hosts, permissions, queues,
    /// exchanges, bindings, policies, parameters) from the management API `GET /api/definitions` of the client
    /// Service, written to `$BACKUP_DIR/definitions.json` and checked to be JSON. Messages are **not** backed up:
    /// they are transient by design and a consistent copy would need every member's disk; restore the definitions
    /// with `rabbitmqctl import_definitions` or `POST /api/definitions`. The script uses the image's `python3`, so
    /// the password stays in the environment and never appears in a process's arguments.
    static func rabbitMQBackup(_ identity: DatastoreIdentity, image: String) -> BackupCommand {
        let url = "http://\(identity.clientHost):\(RabbitMQPorts.management)/api/definitions"
        let script = """
            set -eu
            python3 - <<'EOF'
            import base64, json, os, urllib.request
            credentials = "%s:%s" % (os.environ["RABBITMQ_USERNAME"], os.environ["RABBITMQ_PASSWORD"])
            request = urllib.request.Request(os.environ["RABBITMQ_DEFINITIONS_URL"])
            request.add_header("Authorization", "Basic " + base64.b64encode(credentials.encode()).decode())
            with urllib.request.urlopen(request, timeout=120) as response:
                body = response.read()
            definitions = json.loads(body)
            with open(os.path.join(os.environ["BACKUP_DIR"], "definitions.json"), "wb") as target:
                target.write(body)
            print("exported %d queues, %d exchanges, %d users" % (
                len(definitions.get("queues", [])), len(definitions.get("exchanges", [])),
                len(definitions.get("users", []))))
            EOF

            """
        return BackupCommand(
            image: image,
            script: script,
            environment: [
                ["name": "RABBITMQ_DEFINITIONS_URL", "value": .string(url)],
                [
                    "name": "RABBITMQ_USERNAME",
                    "valueFrom": [
                        "secretKeyRef": ["name": .string(identity.connectionSecretName), "key": "USERNAME"]
                    ],
                ],
                [
                    "name": "RABBITMQ_PASSWORD",
                    "valueFrom": [
                        "secretKeyRef": ["name": .string(identity.connectionSecretName), "key": "PASSWORD"]
                    ],
                ],
            ]
        )
    }
}

/// A RabbitMQ version as far as the configuration depends on it: `3.13`, `3.10.8`, `4.1`. A version that does not
/// start with numbers (a custom tag) is taken as the newest; missing parts (`3`, `3.13`) as their newest release,
/// which is what the image tag `rabbitmq:3.13-management` pulls.
struct RabbitMQVersion {
    let major: Int
    let minor: Int
    let patch: Int

    init(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 3).prefix(3).map { Int($0.prefix { $0.isNumber }) }
        guard let first = parts.first, let major = first else {
            (self.major, self.minor, self.patch) = (Int.max, 0, 0)
            return
        }
        self.major = major
        self.minor = parts.count > 1 ? parts[1] ?? Int.max : Int.max
        self.patch = parts.count > 2 ? parts[2] ?? Int.max : Int.max
    }

    func isAtLeast(_ major: Int, _ minor: Int, _ patch: Int = 0) -> Bool {
        (self.major, self.minor, self.patch) >= (major, minor, patch)
    }
}
