import AgriPlatformAPI
import AgriPlatformRender
import KubeCore

/// Small platforms for the rule tests.
enum RenderFixtures {
    static func platform(
        _ services: [PlatformService],
        datastores: [Datastore]? = nil,
        uid: String? = nil
    ) -> AgriPlatform {
        AgriPlatform(
            metadata: ObjectMeta(name: "farm", namespace: "prod", uid: uid),
            spec: AgriPlatformSpec(services: services, datastores: datastores)
        )
    }

    static func service(
        _ name: String = "api",
        configure: (inout PlatformService) -> Void = { _ in }
    ) -> PlatformService {
        var service = PlatformService(name: name, image: "ghcr.io/example/\(name):1.0.0")
        configure(&service)
        return service
    }

    static func render(
        _ platform: AgriPlatform,
        context: RenderContext = RenderContext()
    ) throws -> [DynamicObject] {
        try PlatformRenderer(context: context).render(platform)
    }

    static func object(_ objects: [DynamicObject], kind: String, name: String) -> JSONValue? {
        objects.first { $0.kind == kind && $0.name == name }?.json
    }
}
