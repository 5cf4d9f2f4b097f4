import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore

/// `KubeBenchmarks render`: AgriPlatforms rendered per second on one core, for a platform of five services with
/// autoscaling, health checks, Ingresses, datastores and a migration each (issue 5 targets at least 10 000/s).
///
/// It also measures about the floor of any renderer that returns `JSONValue` trees: the same output rebuilt node by
/// node, with nothing computed (see ``rebuilt(_:)``).
enum RenderBenchmark {
    static func platform() -> AgriPlatform {
        let services = (0..<5).map { index in
            var service = PlatformService(
                name: "service-\(index)",
                image: "registry.example.com/service-\(index):1.0.\(index)"
            )
            service.ports = [ServicePortSpec(name: "http", port: 8080), ServicePortSpec(name: "metrics", port: 9464)]
            service.resources = ResourceSpec(cpu: "0.5 vCPU", memory: "1 GB")
            service.env = [
                EnvVariable(name: "LOG_LEVEL", value: "info"),
                EnvVariable(name: "API_KEY", secret: KeyReference(name: "platform-secrets", key: "api-key-\(index)")),
            ]
            var health = HealthCheck(path: "/health")
            health.startupGracePeriodSeconds = 45
            service.healthCheck = health
            var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 10)
            autoscaling.targetCPUUtilization = 60
            autoscaling.targetMemoryUtilization = 70
            autoscaling.requestRate = RequestRateTarget(targetPerPod: 1000, per: "Minute")
            service.autoscaling = autoscaling
            service.verticalAutoscaling = VerticalAutoscaling(mode: "Off")
            var ingress = IngressSpec(host: "service-\(index).example.com")
            ingress.tls = IngressTLS(clusterIssuer: "letsencrypt")
            service.ingress = ingress
            service.uses = ["db", "cache"]
            service.migration = index == 0 ? MigrationJob(command: ["migrate", "up"]) : nil
            return service
        }
        var spec = AgriPlatformSpec(
            services: services,
            datastores: [Datastore(name: "db", engine: .postgreSQL), Datastore(name: "cache", engine: .redis)]
        )
        spec.commonLabels = ["team": "bench"]
        spec.networkPolicy = PlatformNetworkPolicy(
            ingressNamespaces: ["ingress-nginx"],
            monitoringNamespaces: ["monitoring"]
        )
        return AgriPlatform(
            metadata: ObjectMeta(name: "bench", namespace: "bench", uid: "00000000-0000-4000-8000-000000000000"),
            spec: spec
        )
    }

    static func run() throws {
        let platform = platform()
        let renderer = PlatformRenderer(context: RenderContext(verticalPodAutoscalerAvailable: true))
        let iterations = 5_000
        var objects = 0
        let timing = try Meter.time(iterations: 5) {
            for _ in 0..<iterations {
                objects = try renderer.render(platform).count
            }
        }
        KubeBenchmarks.report(
            "render a 5-service platform (\(objects) objects), one core",
            String(
                format: "%.0f platforms/s (median %.0f)",
                Double(iterations) / timing.best,
                Double(iterations) / timing.median
            )
        )

        let output = try renderer.render(platform)
        let shape = output.reduce(into: TreeShape()) { $0.count($1.json) }
        let floor = Meter.time(iterations: 5) {
            for _ in 0..<iterations {
                keep(output.map { DynamicObject(json: rebuilt($0.json)) })
            }
        }
        precondition(output.map { rebuilt($0.json) } == output.map(\.json))
        KubeBenchmarks.report(
            "floor: the same \(output.count) objects rebuilt node by node (\(shape.nodes) nodes, "
                + "\(shape.containers) objects and arrays), one core",
            String(
                format: "%.0f platforms/s (median %.0f)",
                Double(iterations) / floor.best,
                Double(iterations) / floor.median
            )
        )
    }

    /// `value` rebuilt: a new array for every JSON object and array, each made at its final size; strings and scalars
    /// are shared, not copied (most of a render's strings are literals, which cost no allocation). Each object's keys
    /// are checked for order, as `JSONObject`'s dictionary literal checks a render's. The output is freed in the loop
    /// as a render's is. A renderer returning `JSONValue` trees does about this much: it can share subtrees that are
    /// the same in every platform (ours shares security contexts and network peers), but every object holding a name,
    /// a label or a value from the spec is built anew. An estimate of that cost, not a proven bound.
    static func rebuilt(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): .object(JSONObject(object.map { ($0.key, rebuilt($0.value)) }))
        case .array(let elements): .array(elements.map(rebuilt))
        default: value
        }
    }

    /// Takes `objects` out of the optimizer's sight, so the rebuilt trees are really built and freed.
    @inline(never) @_optimize(none)
    static func keep(_ objects: [DynamicObject]) {}

    /// How many nodes a tree has, and how many of them are objects or arrays (one allocation each).
    struct TreeShape {
        var nodes = 0
        var containers = 0

        mutating func count(_ value: JSONValue) {
            nodes += 1
            switch value {
            case .object(let object):
                containers += 1
                for (_, member) in object { count(member) }
            case .array(let elements):
                containers += 1
                for element in elements { count(element) }
            default: break
            }
        }
    }
}
