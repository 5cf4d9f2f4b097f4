import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore

/// `KubeBenchmarks render`: AgriPlatforms rendered per second on one core, for a platform of five services with
/// autoscaling, health checks, Ingresses, datastores and a migration each (issue 5 targets at least 10 000/s).
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
    }
}
