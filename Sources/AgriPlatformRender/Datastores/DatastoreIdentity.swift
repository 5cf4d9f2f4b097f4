import AgriPlatformAPI
import KubeCore

/// The names, hosts and counts of one operated datastore, resolved once from the spec and its defaults and shared by
/// the common renderer (``DatastoreRender``) and the engine profiles (``EngineProfile``).
///
/// | Object | Name |
/// |---|---|
/// | StatefulSet, client Service, PodDisruptionBudget, NetworkPolicy | `<platform>-<datastore>` |
/// | headless Service (peer discovery, stable pod DNS) | `<platform>-<datastore>-headless` |
/// | ConfigMap with the engine's configuration files | `<platform>-<datastore>-config` |
/// | Secret services read (HOST, PORT, USERNAME, PASSWORD, DATABASE, URI) | `<platform>-<datastore>-connection` |
/// | Secret only members read (keyfile, Erlang cookie, gossip key) | `<platform>-<datastore>-credentials` |
/// | backup CronJob and its PersistentVolumeClaim | `<platform>-<datastore>-backup` |
struct DatastoreIdentity {
    let scope: PlatformScope
    let datastore: Datastore
    /// The objects' names.
    let names: DatastoreNames
    /// Members the spec asks for (or the engine's default).
    let replicas: Int32
    /// The engine version (or the engine's default).
    let version: String
    /// The labels of the datastore's objects and pods.
    let labels: [String: String]
    /// ``labels`` as JSON, built once for the many objects that carry them.
    let labelsJSON: JSONValue

    init(scope: PlatformScope, datastore: Datastore) {
        self.scope = scope
        self.datastore = datastore
        self.names = DatastoreNames(platform: scope.name, datastore: datastore.name)
        self.replicas = datastore.replicas ?? Defaults.Datastore.replicas(datastore.engine)
        self.version = datastore.version ?? Defaults.Datastore.version(datastore.engine) ?? ""
        self.labels = scope.labels(name: datastore.name, component: PlatformLabels.Component.datastore)
        self.labelsJSON = .strings(labels)
    }

    /// `<platform>-<datastore>`.
    var fullName: String { names.fullName }
    var namespace: String { scope.namespace }
    var headlessServiceName: String { names.headlessService }
    /// The client Service: what services connect to.
    var clientServiceName: String { names.clientService }
    var configMapName: String { names.configMap }
    var connectionSecretName: String { names.connectionSecret }
    var credentialsSecretName: String { names.credentialsSecret }
    var backupName: String { names.backup }

    /// The client Service's in-cluster host name, `<platform>-<datastore>.<namespace>.svc`.
    var clientHost: String { "\(clientServiceName).\(namespace).svc" }

    /// Member `ordinal`'s pod name, `<platform>-<datastore>-<ordinal>`.
    func podName(_ ordinal: Int32) -> String { "\(fullName)-\(ordinal)" }

    /// Member `ordinal`'s stable host name through the headless Service,
    /// `<platform>-<datastore>-<ordinal>.<platform>-<datastore>-headless.<namespace>.svc.cluster.local`.
    func memberHost(_ ordinal: Int32) -> String {
        "\(podName(ordinal)).\(headlessServiceName).\(namespace).svc.\(Self.clusterDomain)"
    }

    /// The cluster DNS domain member host names end with: Kubernetes' default.
    static let clusterDomain = "cluster.local"

    /// The pods' selector: name and instance, which never change.
    var selector: [String: String] { scope.selector(name: datastore.name) }
}
