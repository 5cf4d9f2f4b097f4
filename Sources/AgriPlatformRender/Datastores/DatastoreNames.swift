/// The names of an operated datastore's objects, for code outside the renderer: the reconciler reads their state
/// (members ready, backups, generated Secrets) by these names.
public struct DatastoreNames: Sendable, Hashable {
    /// `<platform>-<datastore>`: the StatefulSet, client Service, PodDisruptionBudget and NetworkPolicy.
    public let fullName: String

    /// The names of datastore `datastore` of platform `platform`.
    public init(platform: String, datastore: String) {
        self.fullName = "\(platform)-\(datastore)"
    }

    /// The StatefulSet.
    public var statefulSet: String { fullName }
    /// The headless Service that gives members stable DNS names.
    public var headlessService: String { "\(fullName)-headless" }
    /// The client Service.
    public var clientService: String { fullName }
    /// The ConfigMap with the engine's configuration files.
    public var configMap: String { "\(fullName)-config" }
    /// The generated Secret services read.
    public var connectionSecret: String { "\(fullName)-connection" }
    /// The generated Secret only members read.
    public var credentialsSecret: String { "\(fullName)-credentials" }
    /// The backup CronJob and its PersistentVolumeClaim.
    public var backup: String { "\(fullName)-backup" }

    /// The StatefulSet annotation recording the storage size its volume claim templates were created with.
    public static let storageSizeAnnotation = "agriplatform.io/storage-size"
    /// The StatefulSet annotation recording the StorageClass its volume claim templates were created with.
    public static let storageClassAnnotation = "agriplatform.io/storage-class"

    /// MongoDB's membership Job for `replicas` members: it initiates the replica set, or reconfigures it to
    /// exactly members `0..<replicas`. A scale-down's StatefulSet change waits until it has succeeded.
    public func membershipJob(replicas: Int32) -> String { "\(fullName)-members-\(replicas)" }
}
