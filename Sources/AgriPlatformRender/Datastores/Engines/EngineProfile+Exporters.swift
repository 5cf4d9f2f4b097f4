import AgriPlatformAPI
import KubeCore

/// The Prometheus exporter sidecars of the engines without a built-in metrics endpoint, rendered into the
/// StatefulSet's pods only when the platform's monitoring is (``RenderContext/prometheusOperatorAvailable`` and
/// `spec.observability.enabled` not `false`), so a cluster without the Prometheus Operator runs exactly the pods
/// it ran before:
///
/// | Engine | Image | Port `metrics` | Reads |
/// |---|---|---|---|
/// | PostgreSQL | `prometheuscommunity/postgres-exporter` | 9187 | `127.0.0.1:5432/postgres` as the superuser of the connection Secret |
/// | MongoDB | `percona/mongodb_exporter` (`--collect-all --compatible-mode`) | 9216 | `127.0.0.1:27017`, `directConnection`, as root |
/// | Redis | `oliver006/redis_exporter` | 9121 | `redis://127.0.0.1:6379` with the Secret's password |
///
/// RabbitMQ (`rabbitmq_prometheus`, port `prometheus`) and Consul (`/v1/agent/metrics` on `http`) serve their own
/// metrics. Turning monitoring on or off changes the pod template, so the members restart one at a time.
extension EngineProfile {
    /// The port every exporter sidecar listens on, by engine (``DatastoreConnection``'s `metricsPort`, which the
    /// datastore NetworkPolicy opens to the monitoring namespaces).
    static func exporterPort(_ engine: DatastoreEngine) -> Int32? {
        switch engine {
        case .postgreSQL: 9187
        case .mongoDB: 9216
        case .redis: 9121
        default: nil
        }
    }

    /// The exporter sidecar container of `identity`'s members, or `nil` when none is rendered.
    static func exporter(for identity: DatastoreIdentity) -> JSONValue? {
        let scope = identity.scope
        guard scope.context.prometheusOperatorAvailable,
            ObservabilitySettings(platform: scope.platform.spec) != nil,
            let port = exporterPort(identity.datastore.engine)
        else { return nil }
        let secret = identity.connectionSecretName
        func fromSecret(_ name: String, _ key: String) -> JSONValue {
            ["name": .string(name), "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]]]
        }
        let image: String
        var args: [String] = []
        let environment: [JSONValue]
        switch identity.datastore.engine {
        case .postgreSQL:
            image = "prometheuscommunity/postgres-exporter:v0.15.0"
            args = ["--web.listen-address=:\(port)"]
            environment = [
                ["name": "DATA_SOURCE_URI", "value": "127.0.0.1:5432/postgres?sslmode=disable"],
                fromSecret("DATA_SOURCE_USER", "USERNAME"),
                fromSecret("DATA_SOURCE_PASS", "PASSWORD"),
            ]
        case .mongoDB:
            image = "percona/mongodb_exporter:0.40.0"
            args = [
                "--mongodb.uri=mongodb://127.0.0.1:27017/admin?directConnection=true",
                "--collect-all", "--compatible-mode", "--web.listen-address=:\(port)",
            ]
            environment = [fromSecret("MONGODB_USER", "USERNAME"), fromSecret("MONGODB_PASSWORD", "PASSWORD")]
        default:
            image = "oliver006/redis_exporter:v1.62.0"
            environment = [
                ["name": "REDIS_ADDR", "value": "redis://127.0.0.1:6379"],
                ["name": "REDIS_EXPORTER_WEB_LISTEN_ADDRESS", "value": .string(":\(port)")],
                fromSecret("REDIS_PASSWORD", "PASSWORD"),
            ]
        }
        var container: JSONObject = [
            "name": "metrics-exporter",
            "image": .string(image),
            "env": .array(environment),
            "ports": [["name": "metrics", "containerPort": .int(port), "protocol": "TCP"]],
            "resources": [
                "requests": ["cpu": "10m", "memory": "32Mi"],
                "limits": ["memory": "128Mi"],
            ],
            "securityContext": [
                "allowPrivilegeEscalation": false,
                "readOnlyRootFilesystem": true,
                "capabilities": ["drop": ["ALL"]],
            ],
        ]
        if !args.isEmpty { container["args"] = .array(args.map { .string($0) }) }
        return .object(container)
    }
}
