import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport
import Testing

@testable import AgriPlatformRender

@Suite("RabbitMQ profile")
struct RabbitMQProfileTests {
    static func platform(version: String? = nil, replicas: Int32? = nil) -> AgriPlatform {
        var datastore = Datastore(name: "mq", engine: .rabbitMQ)
        datastore.version = version
        datastore.replicas = replicas
        return RenderFixtures.platform([RenderFixtures.service("api") { $0.uses = ["mq"] }], datastores: [datastore])
    }

    static func identity(_ platform: AgriPlatform) throws -> DatastoreIdentity {
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        return DatastoreIdentity(scope: scope, datastore: try #require(platform.spec.datastores?.first))
    }

    static func profile(version: String? = nil, replicas: Int32? = nil) throws -> EngineProfile {
        try #require(EngineProfile.profile(for: identity(platform(version: version, replicas: replicas))))
    }

    static func env(_ profile: EngineProfile, _ name: String) -> JSONValue? {
        profile.environment.first { $0["name"]?.stringValue == name }
    }

    static func confLines(_ profile: EngineProfile) -> [String] {
        (profile.configFiles["rabbitmq.conf"] ?? "").split(separator: "\n").map(String.init)
    }

    @Test("The default image is the management image of RabbitMQ 3.13, and datastore.image overrides it")
    func image() throws {
        #expect(try Self.profile().image == "rabbitmq:3.13-management")
        var platform = Self.platform()
        platform.spec.datastores?[0].image = "mirror.example.com/rabbitmq:3.13.7-management"
        let profile = try #require(EngineProfile.profile(for: Self.identity(platform)))
        #expect(profile.image == "mirror.example.com/rabbitmq:3.13.7-management")
        #expect(profile.backup?.image == profile.image)
    }

    @Test("Node names are long names through the headless Service, as peer discovery reports them")
    func nodeNames() throws {
        let profile = try Self.profile()
        #expect(Self.env(profile, "RABBITMQ_USE_LONGNAME")?["value"] == "true")
        #expect(
            Self.env(profile, "RABBITMQ_NODENAME")?["value"] == "rabbit@$(POD_NAME).farm-mq-headless.$(POD_NAMESPACE)"
        )
        let lines = Self.confLines(profile)
        #expect(lines.contains("cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s"))
        #expect(lines.contains("cluster_formation.k8s.address_type = hostname"))
        #expect(lines.contains("cluster_formation.k8s.service_name = farm-mq-headless"))
        #expect(lines.contains("cluster_formation.k8s.hostname_suffix = .farm-mq-headless.prod"))
        #expect(profile.podManagementPolicy == "Parallel")
        #expect(profile.publishNotReadyAddresses)
    }

    @Test("Secrets reach the container only by secretKeyRef to the right Secret and key")
    func secretReferences() throws {
        let profile = try Self.profile()
        let expected: [(String, String, String)] = [
            ("RABBITMQ_ERLANG_COOKIE", "farm-mq-credentials", "erlang-cookie"),
            ("RABBITMQ_DEFAULT_USER", "farm-mq-connection", "USERNAME"),
            ("RABBITMQ_DEFAULT_PASS", "farm-mq-connection", "PASSWORD"),
        ]
        for (name, secret, key) in expected {
            let reference = try #require(Self.env(profile, name)?[path: ["valueFrom", "secretKeyRef"]])
            #expect(reference["name"]?.stringValue == secret, "\(name)")
            #expect(reference["key"]?.stringValue == key, "\(name)")
            #expect(Self.env(profile, name)?["value"] == nil, "\(name)")
        }
        #expect(profile.memberSecrets == [GeneratedKey(key: "erlang-cookie", recipe: .alphanumeric(length: 64))])
    }

    @Test("No generated secret appears anywhere in the profile, its config files or its extra objects")
    func noSecretLiterals() throws {
        let platform = Self.platform()
        var generator = SeededGenerator(seed: 7)
        let secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
        let values = secrets.flatMap { secret in
            (secret.json["stringData"]?.objectValue ?? [:]).filter { $0.key == "PASSWORD" || $0.key == "erlang-cookie" }
                .compactMap { $0.value.stringValue }
        }
        #expect(values.count == 2)
        let profile = try #require(EngineProfile.profile(for: Self.identity(platform)))
        var texts = profile.configFiles.values.map { $0 }
        texts.append(profile.backup?.script ?? "")
        texts.append((profile.preStop ?? []).joined(separator: " "))
        for json in profile.environment + profile.extraObjects + (profile.backup?.environment ?? [])
            + [profile.readinessProbe, profile.startupProbe ?? nil, profile.livenessProbe ?? nil]
        {
            texts.append(String(decoding: try json.serialized(), as: UTF8.self))
        }
        for value in values {
            #expect(!texts.contains { $0.contains(value) })
        }
    }

    @Test("Partitions pause the minority, and queues are quorum queues where the version supports the setting")
    func queueAndPartitionSettings() throws {
        let current = Self.confLines(try Self.profile())
        #expect(current.contains("cluster_partition_handling = pause_minority"))
        #expect(current.contains("default_queue_type = quorum"))
        #expect(current.contains("queue_leader_locator = balanced"))
        #expect(current.contains("disk_free_limit.absolute = 2GB"))
        let old = Self.confLines(try Self.profile(version: "3.10"))
        #expect(old.contains("cluster_partition_handling = pause_minority"))
        #expect(!old.contains { $0.hasPrefix("default_queue_type") })
        #expect(old.contains("queue_leader_locator = balanced"))
        let older = Self.confLines(try Self.profile(version: "3.9"))
        #expect(older.contains("queue_master_locator = min-masters"))
    }

    @Test(
        "Version gates read major and minor numbers",
        arguments: [
            ("3.13", true), ("3.13.7", true), ("3.13.3", true), ("3.13.1", false), ("4.1", true), ("4", true),
            ("3.12", false), ("3.10.8", false), ("3", true), ("latest", true),
        ]
    )
    func versions(version: String, hasQuorumDefault: Bool) {
        #expect(RabbitMQVersion(version).isAtLeast(3, 13, 3) == hasQuorumDefault)
    }

    @Test("The target size is the member count, and the start-up check needs a majority of it")
    func clusterSize() throws {
        let profile = try Self.profile(replicas: 5)
        #expect(Self.confLines(profile).contains("cluster_formation.target_cluster_size_hint = 5"))
        let script = try #require(profile.configFiles["cluster-size-check.sh"])
        #expect(script.contains("/ 2 + 1"))
        #expect(script.contains("/etc/agri-operator/rabbitmq.conf"))
        #expect(
            profile.startupProbe?[path: ["exec", "command"]]
                == ["/bin/sh", "/etc/agri-operator/cluster-size-check.sh"]
        )
        #expect(profile.startupProbe?["failureThreshold"]?.integerValue == 60)
    }

    @Test("Readiness and liveness run real checks through the CLI tools")
    func probes() throws {
        let profile = try Self.profile()
        #expect(
            profile.readinessProbe[path: ["exec", "command"]]
                == ["rabbitmq-diagnostics", "-q", "check_port_connectivity"]
        )
        #expect(profile.livenessProbe?[path: ["exec", "command"]] == ["rabbitmq-diagnostics", "-q", "ping"])
    }

    @Test("preStop drains the node like the cluster-operator, within the grace period")
    func preStop() throws {
        let profile = try Self.profile()
        let command = try #require(profile.preStop)
        #expect(command.prefix(2) == ["/bin/sh", "-c"])
        #expect(
            command.last
                == "rabbitmq-upgrade await_online_quorum_plus_one -t 3600"
                + " && rabbitmq-upgrade await_online_synchronized_mirror -t 3600 || true; rabbitmq-upgrade drain -t 3600"
        )
        #expect(profile.terminationGracePeriodSeconds == 3600)
    }

    @Test("Clients get AMQP and management; Erlang ports stay among peers")
    func ports() throws {
        let ports = try Self.profile().ports
        #expect(ports.filter(\.clients).map(\.port) == [5672, 15672])
        #expect(Set(ports.filter { !$0.clients }.map(\.port)) == [15692, 4369, 25672])
        #expect(ports.allSatisfy { $0.name.count <= 15 })
    }

    @Test("The connection is the app user on the default virtual host")
    func connection() throws {
        let connection = try Self.profile().connection
        #expect(connection.username == "app")
        #expect(connection.database == "/")
        #expect(connection.port == 5672)
        #expect(connection.uriTemplate == "amqp://$(USERNAME):$(PASSWORD)@farm-mq.prod.svc:5672/%2F")
    }

    @Test("Peer discovery runs as its own ServiceAccount with the cluster-operator's Role")
    func rbac() throws {
        let profile = try Self.profile()
        #expect(profile.serviceAccountName == "farm-mq")
        let kinds = profile.extraObjects.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["ServiceAccount", "Role", "RoleBinding"])
        let role = profile.extraObjects[1]
        #expect(role[path: ["metadata", "name"]] == "farm-mq-peer-discovery")
        #expect(
            role["rules"]
                == [
                    ["apiGroups": [""], "resources": ["endpoints"], "verbs": ["get"]],
                    ["apiGroups": [""], "resources": ["events"], "verbs": ["create"]],
                ]
        )
        let binding = profile.extraObjects[2]
        #expect(binding[path: ["roleRef", "name"]] == "farm-mq-peer-discovery")
        #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": "farm-mq", "namespace": "prod"]])
        #expect(profile.extraObjects.allSatisfy { $0[path: ["metadata", "namespace"]] == "prod" })
    }

    @Test("Backups export the definitions through the management API with credentials from the connection Secret")
    func backup() throws {
        let backup = try #require(try Self.profile().backup)
        #expect(backup.script.contains("definitions.json"))
        #expect(!backup.script.contains("set -x"))
        let url = backup.environment.first { $0["name"] == "RABBITMQ_DEFINITIONS_URL" }
        #expect(url?["value"] == "http://farm-mq.prod.svc:15672/api/definitions")
        let password = backup.environment.first { $0["name"] == "RABBITMQ_PASSWORD" }
        #expect(password?[path: ["valueFrom", "secretKeyRef", "name"]] == "farm-mq-connection")
        #expect(password?[path: ["valueFrom", "secretKeyRef", "key"]] == "PASSWORD")
    }
}
