import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// A RabbitMQ cluster that forms itself through Kubernetes peer discovery, modelled on the RabbitMQ
    /// cluster-operator (`internal/resource/statefulset.go`, `configmap.go`, `role.go`).
    ///
    /// - **Image**: `rabbitmq:<version>-management` (default `3.13`), which has the management UI and API,
    ///   `rabbitmqadmin` and `python3`; the pod runs as the image's `rabbitmq` user (999:999).
    /// - **Node names**: `rabbit@$(POD_NAME).<headless>.$(POD_NAMESPACE)` with `RABBITMQ_USE_LONGNAME=true`, exactly
    ///   as the cluster-operator names them; the pod's DNS search path resolves `<pod>.<headless>.<namespace>`
    ///   through the headless Service, which publishes members before they are ready so peers find each other.
    /// - **Cluster formation**: `rabbit_peer_discovery_k8s` asks the API server for the headless Service's
    ///   Endpoints (hence the ServiceAccount, Role and RoleBinding in ``extraObjects``) and joins the nodes it
    ///   lists; members start in `Parallel`. RabbitMQ 3.x fails to boot (`cannot_acquire_startup_lock`, after its
    ///   lock retries) when the API server cannot be reached, so the RBAC is required, not optional.
    /// - **Secrets**: the Erlang cookie (64 alphanumeric characters, credentials Secret key `erlang-cookie`) reaches
    ///   the server *and* the CLI tools the probes run as `RABBITMQ_ERLANG_COOKIE`; the default user and password
    ///   come from the connection Secret as `RABBITMQ_DEFAULT_USER`/`RABBITMQ_DEFAULT_PASS`, which RabbitMQ reads
    ///   itself (`rabbit_env`) and applies once, when it initialises an empty database. Nothing secret is in the
    ///   ConfigMap. The CLI tools call the cookie variable deprecated (the cluster-operator copies the cookie into
    ///   `$HOME/.erlang.cookie` with an init container instead); it works on 3.10–4.x and keeps the cookie off disk.
    ///   The probes pass `-q`, which silences that warning.
    /// - **Partitions**: `cluster_partition_handling = pause_minority` — members on the minority side of a network
    ///   split pause (stop their listeners, so they also turn not-ready) instead of diverging; hence an odd
    ///   member count.
    /// - **Queues**: quorum queues by default (`default_queue_type = quorum`) from RabbitMQ 3.13.3. Older versions
    ///   do not know the key and refuse to boot with it, so it is left out there and clients must declare
    ///   `x-queue-type: quorum` themselves. Classic mirrored queues are not configured: RabbitMQ 4 removed them.
    /// - **Probes**: see ``rabbitMQProbes(_:)``; **preStop**: see ``rabbitMQPreStop``.
    /// - **Scale-up** adds members that join through discovery; quorum queues do not grow onto new members by
    ///   themselves (`rabbitmq-queues grow` does that; not automated). **Scale-down is refused** by the operator:
    ///   a removed member stays in the cluster's member list (and in every quorum queue's membership) until someone
    ///   runs `rabbitmqctl forget_cluster_node` and shrinks the queues, and removing members can lose quorum. The
    ///   cluster-operator refuses it for the same reason.
    /// - **Backups** export the definitions (users, vhosts, queues, exchanges, bindings, policies) through the
    ///   management API; messages are not backed up.
    static func rabbitMQ(_ identity: DatastoreIdentity) -> EngineProfile {
        let image = identity.datastore.image ?? "rabbitmq:\(identity.version)-management"
        let configPath = "/etc/agri-operator"
        return EngineProfile(
            containerName: "rabbitmq",
            image: image,
            ports: [
                EnginePort(name: "amqp", port: RabbitMQPorts.amqp, clients: true),
                EnginePort(name: "management", port: RabbitMQPorts.management, clients: true),
                EnginePort(name: "prometheus", port: RabbitMQPorts.prometheus, clients: false),
                EnginePort(name: "epmd", port: RabbitMQPorts.epmd, clients: false),
                EnginePort(name: "erlang-dist", port: RabbitMQPorts.distribution, clients: false),
            ],
            configFiles: rabbitMQConfigFiles(identity, configPath: configPath),
            configPath: configPath,
            dataPath: "/var/lib/rabbitmq",
            command: nil,
            args: nil,
            environment: rabbitMQEnvironment(identity, configPath: configPath),
            readinessProbe: rabbitMQProbes(configPath).readiness,
            livenessProbe: rabbitMQProbes(configPath).liveness,
            startupProbe: rabbitMQProbes(configPath).startup,
            preStop: ["/bin/sh", "-c", rabbitMQPreStop],
            terminationGracePeriodSeconds: rabbitMQTerminationGracePeriodSeconds,
            podManagementPolicy: "Parallel",
            publishNotReadyAddresses: true,
            podSecurityContext: [
                "runAsNonRoot": true,
                "runAsUser": 999,
                "runAsGroup": 999,
                "fsGroup": 999,
                "fsGroupChangePolicy": "OnRootMismatch",
            ],
            serviceAccountName: identity.fullName,
            backup: rabbitMQBackup(identity, image: image),
            connection: ConnectionTemplate(
                username: rabbitMQUsername,
                hasPassword: true,
                port: RabbitMQPorts.amqp,
                database: "/",
                uriTemplate: "amqp://$(USERNAME):$(PASSWORD)@\(identity.clientHost):\(RabbitMQPorts.amqp)/%2F"
            ),
            memberSecrets: [GeneratedKey(key: rabbitMQCookieKey, recipe: .alphanumeric(length: 64))],
            extraObjects: rabbitMQPeerDiscoveryRBAC(identity)
        )
    }

    /// The default user services connect as; it is an administrator (RabbitMQ gives the default user the
    /// `administrator` tag) of the default virtual host `/`.
    static let rabbitMQUsername = "app"

    /// The credentials Secret's key holding the Erlang cookie.
    static let rabbitMQCookieKey = "erlang-cookie"

    /// One hour. The preStop drain waits for quorum queues to keep a majority without this member
    /// (`await_online_quorum_plus_one`) and then moves their leaders away (`drain`); with large backlogs that can
    /// take minutes. The cluster-operator waits up to a week (604 800 s), which also holds a pod in `Terminating`
    /// for a week when the whole cluster is deleted at once (no member can then satisfy "quorum plus one"); an
    /// hour bounds that case and stays within the 3 600 s the API allows for services.
    static let rabbitMQTerminationGracePeriodSeconds: Int64 = 3600

    /// The cluster-operator's drain, with its timeouts set to the grace period: wait until every quorum queue
    /// (and classic mirrored queue, on versions that still have them) would keep a quorum without this node, then
    /// put the node into maintenance mode, which transfers queue leaders to other nodes and closes client
    /// connections so they reconnect elsewhere. A failing wait (e.g. a version without mirrored queues) does not
    /// skip the drain.
    static let rabbitMQPreStop =
        "rabbitmq-upgrade await_online_quorum_plus_one -t \(rabbitMQTerminationGracePeriodSeconds)"
        + " && rabbitmq-upgrade await_online_synchronized_mirror -t \(rabbitMQTerminationGracePeriodSeconds)"
        + " || true; rabbitmq-upgrade drain -t \(rabbitMQTerminationGracePeriodSeconds)"

    /// The main container's environment, after the common `POD_NAME` and `POD_NAMESPACE`.
    static func rabbitMQEnvironment(_ identity: DatastoreIdentity, configPath: String) -> [JSONValue] {
        [
            rabbitMQSecretEnv("RABBITMQ_ERLANG_COOKIE", secret: identity.credentialsSecretName, key: rabbitMQCookieKey),
            rabbitMQSecretEnv("RABBITMQ_DEFAULT_USER", secret: identity.connectionSecretName, key: "USERNAME"),
            rabbitMQSecretEnv("RABBITMQ_DEFAULT_PASS", secret: identity.connectionSecretName, key: "PASSWORD"),
            ["name": "RABBITMQ_USE_LONGNAME", "value": "true"],
            [
                "name": "RABBITMQ_NODENAME",
                "value": .string("rabbit@$(POD_NAME).\(identity.headlessServiceName).$(POD_NAMESPACE)"),
            ],
            ["name": "RABBITMQ_CONFIG_FILE", "value": .string("\(configPath)/rabbitmq.conf")],
            ["name": "RABBITMQ_ENABLED_PLUGINS_FILE", "value": .string("\(configPath)/enabled_plugins")],
        ]
    }

    private static func rabbitMQSecretEnv(_ name: String, secret: String, key: String) -> JSONValue {
        [
            "name": .string(name),
            "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]],
        ]
    }

    /// The probes, all real checks through the CLI tools (which find the node by `RABBITMQ_NODENAME` and
    /// authenticate with the cookie from the environment):
    ///
    /// - **startup** runs `cluster-size-check.sh`: the node is running and sees a *majority* of
    ///   `cluster_formation.target_cluster_size_hint` running members (read from the mounted ConfigMap, so scaling
    ///   does not change the pod template). Requiring all members would never finish while any other member is down
    ///   and restart this one in a loop; a majority is exactly what `pause_minority` needs to serve anyway. Since two
    ///   disjoint majorities cannot exist, *all pods ready* means one cluster of the target size — which is how the
    ///   operator reports "formed". With `Parallel` all members start at once and the headless Service publishes
    ///   them unready, so the check cannot wait on a peer that waits on it. It allows 10 minutes: a restarted node
    ///   waits up to 5 minutes (10 × 30 s) for the peers it last saw before giving up.
    /// - **readiness** runs `rabbitmq-diagnostics -q check_port_connectivity`: the AMQP (and management,
    ///   Prometheus) listeners accept connections, which stops being true while the node is paused by
    ///   `pause_minority` or under maintenance. The cluster-operator uses a TCP check on `amqp` because each CLI call
    ///   starts an Erlang VM (≈0.5 s CPU) and slow calls hit probe timeouts (cluster-operator#409); a 15 s period and
    ///   20 s timeout keep that cheap and safe, and the check connects the way clients do.
    /// - **liveness** runs `rabbitmq-diagnostics -q ping` (the Erlang VM answers), so a paused or draining node is
    ///   not restarted, only a hung one (6 × 30 s).
    static func rabbitMQProbes(_ configPath: String) -> (startup: JSONValue, readiness: JSONValue, liveness: JSONValue)
    {
        func exec(_ command: [String]) -> JSONValue { ["exec": ["command": .array(command.map { .string($0) })]] }
        var startup = exec(["/bin/sh", "\(configPath)/cluster-size-check.sh"])
        startup["periodSeconds"] = 10
        startup["timeoutSeconds"] = 20
        startup["failureThreshold"] = 60
        var readiness = exec(["rabbitmq-diagnostics", "-q", "check_port_connectivity"])
        readiness["periodSeconds"] = 15
        readiness["timeoutSeconds"] = 20
        readiness["failureThreshold"] = 3
        var liveness = exec(["rabbitmq-diagnostics", "-q", "ping"])
        liveness["periodSeconds"] = 30
        liveness["timeoutSeconds"] = 20
        liveness["failureThreshold"] = 6
        return (startup, readiness, liveness)
    }

    /// The ServiceAccount `<fullName>` the members run as, and the Role and RoleBinding `<fullName>-peer-discovery`
    /// the cluster-operator grants: `get` on `endpoints` (peer discovery reads the headless Service's Endpoints)
    /// and `create` on `events` (the plugin records node events). The pods need the account's token mounted.
    static func rabbitMQPeerDiscoveryRBAC(_ identity: DatastoreIdentity) -> [JSONValue] {
        let scope = identity.scope
        let roleName = "\(identity.fullName)-peer-discovery"
        var account = scope.object(
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: scope.metadata(name: identity.fullName, labels: identity.labelsJSON),
            spec: nil
        )
        account["automountServiceAccountToken"] = true
        var role = scope.object(
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: scope.metadata(name: roleName, labels: identity.labelsJSON),
            spec: nil
        )
        role["rules"] = [
            ["apiGroups": [""], "resources": ["endpoints"], "verbs": ["get"]],
            ["apiGroups": [""], "resources": ["events"], "verbs": ["create"]],
        ]
        var binding = scope.object(
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
            metadata: scope.metadata(name: roleName, labels: identity.labelsJSON),
            spec: nil
        )
        binding["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(roleName)]
        binding["subjects"] = [
            ["kind": "ServiceAccount", "name": .string(identity.fullName), "namespace": .string(identity.namespace)]
        ]
        return [account, role, binding]
    }
}

/// RabbitMQ's well-known ports.
enum RabbitMQPorts {
    /// AMQP 0-9-1 and 1.0, what services connect to.
    static let amqp: Int32 = 5672
    /// The management UI and HTTP API (backups use it).
    static let management: Int32 = 15672
    /// `rabbitmq_prometheus`' `/metrics`; the NetworkPolicy admits the monitoring namespaces to it.
    static let prometheus: Int32 = 15692
    /// The Erlang port mapper, through which nodes and CLI tools find each other's distribution port.
    static let epmd: Int32 = 4369
    /// Erlang distribution (inter-node and CLI traffic): 20 000 + the AMQP port.
    static let distribution: Int32 = 25672
}
