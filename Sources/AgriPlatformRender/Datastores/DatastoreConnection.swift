import AgriPlatformAPI

/// How services reach a datastore: the Secret with its connection settings, the environment prefix, and the ports
/// network policy opens.
///
/// A service that lists a datastore in `uses` gets the whole connection Secret through `envFrom` with the prefix
/// `<DATASTORE_NAME_IN_UPPER_SNAKE>_`. The Secret's keys are upper case, so a datastore `orders-db` yields:
///
/// | Key | Variable | Meaning |
/// |---|---|---|
/// | `HOST` | `ORDERS_DB_HOST` | the host name (the datastore's Service, or the managed endpoint) |
/// | `PORT` | `ORDERS_DB_PORT` | the port |
/// | `USERNAME` | `ORDERS_DB_USERNAME` | the user |
/// | `PASSWORD` | `ORDERS_DB_PASSWORD` | the password |
/// | `DATABASE` | `ORDERS_DB_DATABASE` | the database, virtual host or index, where the engine has one |
/// | `URI` | `ORDERS_DB_URI` | all of the above as one URI (`postgresql://…`, `mongodb://…`, `redis://…`) |
///
/// Services also get the variable client libraries conventionally read (see ``conventionalVariable(_:)``), from the
/// same Secret's `URI`.
///
/// Operated datastores get the Secret `<platform>-<datastore>-connection`, generated once by the operator (see
/// ``GeneratedSecrets``); external ones name theirs in `external.secretName` and must use these keys.
struct DatastoreConnection {
    let datastore: Datastore
    let platformName: String

    var isExternal: Bool { datastore.external != nil }

    /// The Secret services read the connection settings from.
    var secretName: String {
        datastore.external?.secretName ?? "\(platformName)-\(datastore.name)-connection"
    }

    /// The environment prefix, e.g. `ORDERS_DB_` for `orders-db`.
    var environmentPrefix: String {
        Self.environmentPrefix(for: datastore.name)
    }

    static func environmentPrefix(for name: String) -> String {
        var prefix = ""
        for character in name {
            if character == "-" || character == "." {
                prefix.append("_")
            } else {
                prefix += character.uppercased()
            }
        }
        return prefix + "_"
    }

    /// The variable client libraries of `engine` read their connection from by convention.
    static func conventionalVariable(_ engine: DatastoreEngine) -> String? {
        switch engine {
        case .postgreSQL: "DATABASE_URL"
        case .mongoDB: "MONGODB_URI"
        case .rabbitMQ: "AMQP_URL"
        case .redis: "REDIS_URL"
        case .consul: "CONSUL_HTTP_ADDR"
        default: nil
        }
    }

    /// The ports clients connect to, by engine; empty (every port) for an engine this version does not know.
    var clientPorts: [(port: Int32, protocol: String)] {
        switch datastore.engine {
        case .postgreSQL: [(5432, "TCP")]
        case .mongoDB: [(27017, "TCP")]
        case .rabbitMQ: [(5672, "TCP")]
        case .redis: [(6379, "TCP")]
        case .consul: [(8500, "TCP"), (8600, "TCP"), (8600, "UDP")]
        default: []
        }
    }

    /// The port Prometheus scrapes, by engine: the exporters' and plugins' usual ports, which the datastore
    /// renderer must use.
    var metricsPort: Int32? {
        switch datastore.engine {
        case .postgreSQL: 9187
        case .mongoDB: 9216
        case .rabbitMQ: 15692
        case .redis: 9121
        case .consul: 8500
        default: nil
        }
    }
}
