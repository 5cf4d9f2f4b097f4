import AgriPlatformAPI

extension EngineProfile {
    /// The profile of the datastore's engine, or `nil` for an engine this version does not run.
    static func profile(for identity: DatastoreIdentity) -> EngineProfile? {
        switch identity.datastore.engine {
        case .mongoDB: .mongoDB(identity)
        case .consul: .consul(identity)
        case .postgreSQL: .postgreSQL(identity)
        case .redis: .redis(identity)
        case .rabbitMQ: .rabbitMQ(identity)
        default: nil
        }
    }
}
