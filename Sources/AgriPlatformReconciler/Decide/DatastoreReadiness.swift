import AgriPlatformAPI

/// Whether each datastore can take connections, as far as this version of the operator can tell.
enum DatastoreReadiness {
    /// The keys an external datastore's Secret must hold at least one of to be usable.
    static let connectionKeys: Set<String> = ["HOST", "URI"]

    /// The status of `datastore` given the keys of the Secrets the observation found.
    static func status(of datastore: Datastore, namespace: String, secretKeys: [String: Set<String>]) -> DatastoreStatus
    {
        var status = DatastoreStatus(name: datastore.name)
        status.engine = datastore.engine
        if let external = datastore.external {
            status.connectionSecret = external.secretName
            guard let keys = secretKeys[external.secretName] else {
                status.ready = false
                status.message =
                    "Secret \(external.secretName) not found in namespace \(namespace); create it with "
                    + "the connection keys HOST, PORT, USERNAME, PASSWORD, DATABASE or URI (see docs/api.md)"
                return status
            }
            guard !keys.isDisjoint(with: connectionKeys) else {
                status.ready = false
                status.message =
                    "Secret \(external.secretName) has neither a HOST nor a URI key; add one "
                    + "(keys found: \(keys.sorted().joined(separator: ", ")))"
                return status
            }
            status.ready = true
            return status
        }
        // Operated datastores (StatefulSets, credentials, backups) arrive with the datastores issue; until then
        // the operator says so rather than pretending.
        status.ready = false
        status.replicas = datastore.replicas
        status.message =
            "this operator version does not run \(datastore.engine.rawValue) datastores yet; "
            + "point the platform at an existing one with `external.secretName`"
        return status
    }
}
