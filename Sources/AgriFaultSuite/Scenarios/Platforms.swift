import AgriPlatformAPI
import KubeCore

/// The platforms the scenarios create: small, but covering services, an operated datastore and each rollout
/// strategy.
enum Platforms {
    static let oldImage = "ghcr.io/example/api:1.0.0"
    static let newImage = "ghcr.io/example/api:2.0.0"

    static func platform(_ name: String, services: [PlatformService], datastores: [Datastore]? = nil) -> AgriPlatform {
        AgriPlatform(
            metadata: ObjectMeta(name: name, namespace: FaultWorld.namespace),
            spec: AgriPlatformSpec(services: services, datastores: datastores)
        )
    }

    static func service(_ name: String = "api", rollout: Rollout? = nil, replicas: Int32 = 2) -> PlatformService {
        var service = PlatformService(name: name, image: oldImage)
        service.replicas = replicas
        service.rollout = rollout
        return service
    }

    /// Two rolling services.
    static func web() -> AgriPlatform {
        platform("web", services: [service("api"), service("worker", replicas: 1)])
    }

    /// A service using an operated Redis.
    static func data() -> AgriPlatform {
        var api = service("api")
        api.uses = ["cache"]
        return platform("data", services: [api], datastores: [Datastore(name: "cache", engine: .redis)])
    }

    /// A canary with the given steps.
    static func canary(_ name: String, steps: [CanaryStep]) -> AgriPlatform {
        var rollout = Rollout(strategy: .canary)
        rollout.canary = CanaryStrategy(steps: steps)
        return platform(name, services: [service(rollout: rollout)])
    }

    /// A rolling release with a migration Job before the Deployment changes.
    static func rollingWithMigration(_ name: String) -> AgriPlatform {
        var api = service()
        api.rollout = Rollout(strategy: .rolling)
        api.migration = MigrationJob(command: ["migrate"])
        return platform(name, services: [api])
    }

    /// Blue-green: a preview, promoted automatically one second after it is ready.
    static func blueGreen(_ name: String) -> AgriPlatform {
        var rollout = Rollout(strategy: .blueGreen)
        rollout.blueGreen = BlueGreenStrategy(autoPromotionSeconds: 1, scaleDownDelaySeconds: 1)
        return platform(name, services: [service(rollout: rollout)])
    }

    /// A service using an operated PostgreSQL and Redis: two StatefulSets, their PVCs and generated Secrets.
    static func datastores(_ name: String) -> AgriPlatform {
        var database = Datastore(name: "db", engine: .postgreSQL)
        database.postgres = PostgresSettings(postGIS: false, database: "farm")
        var api = service()
        api.uses = ["db", "cache"]
        return platform(name, services: [api], datastores: [database, Datastore(name: "cache", engine: .redis)])
    }

    /// Starts a release of every service of `name`: the new image.
    static func release(_ world: FaultWorld, _ name: String) async throws {
        try await world.update(name) { platform in
            for index in platform.spec.services.indices { platform.spec.services[index].image = newImage }
        }
    }
}
