import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import PropertyBased
import Testing

/// Random platforms whose optional fields are independently absent or set, with values inside the ranges the API
/// documents (and a few outside, which must end in a RenderError rather than a trap).
private enum PlatformGen {
    static let cpu = Gen.int(in: 0...5).map { ["250m", "0.5 vCPU", "1", "2 vCPU", "100m", "1.5 cores"][$0] }
    static let memory = Gen.int(in: 0...4).map { ["512Mi", "1 GB", "0.5 GB", "2Gi", "1024 MB"][$0] }

    static let healthCheck = zip(
        Gen.int(in: 0...3),
        Gen.int32(in: 1...300).optional,
        Gen.int32(in: 1...10).optional,
        Gen.int32(in: 1...10).optional,
        Gen.int32(in: 0...3600).optional,
        Gen.bool.optional
    ).map { kind, interval, healthy, unhealthy, grace, liveness -> HealthCheck in
        var check =
            kind == 0 ? HealthCheck(type: "TCP") : kind == 1 ? HealthCheck(type: "GRPC") : HealthCheck(path: "/health")
        check.intervalSeconds = interval
        check.timeoutSeconds = interval.map { max(1, $0 - 1) }
        check.healthyThreshold = healthy
        check.unhealthyThreshold = unhealthy
        check.startupGracePeriodSeconds = grace
        check.liveness = liveness
        return check
    }

    static let autoscaling = zip(
        Gen.int32(in: 1...5),
        Gen.int32(in: 0...20),
        Gen.int32(in: 1...100).optional,
        Gen.int32(in: 1...100).optional,
        Gen.int32(in: 1...5000).optional,
        Gen.bool,
        Gen.int32(in: 1...500).optional
    ).map { minimum, extra, cpu, memory, rate, perMinute, concurrency -> Autoscaling in
        var autoscaling = Autoscaling(minReplicas: minimum, maxReplicas: minimum + extra)
        autoscaling.targetCPUUtilization = cpu
        autoscaling.targetMemoryUtilization = memory
        autoscaling.requestRate = rate.map { RequestRateTarget(targetPerPod: $0, per: perMinute ? "Minute" : nil) }
        autoscaling.concurrentRequests = concurrency.map { MetricTarget(targetPerPod: $0) }
        return autoscaling
    }

    static let service = zip(
        zip(cpu.optional, memory.optional),
        healthCheck.optional,
        autoscaling.optional,
        Gen.int32(in: 0...5).optional,
        Gen.int(in: 0...3),
        Gen.bool,
        Gen.bool
    ).map { resources, health, autoscaling, replicas, usesMask, exposed, migrates -> PlatformService in
        var service = PlatformService(name: "placeholder", image: "ghcr.io/example/app:1")
        if resources.0 != nil || resources.1 != nil {
            service.resources = ResourceSpec(cpu: resources.0, memory: resources.1)
        }
        service.healthCheck = health
        service.autoscaling = autoscaling
        service.replicas = replicas
        service.uses = [(usesMask & 1) != 0 ? "db" : nil, (usesMask & 2) != 0 ? "cache" : nil].compactMap { $0 }
        service.ingress = exposed ? IngressSpec(host: "app.example.com") : nil
        service.migration = migrates ? MigrationJob(command: ["migrate"]) : nil
        service.verticalAutoscaling = migrates ? VerticalAutoscaling(mode: "Initial") : nil
        return service
    }

    static let platform = zip(
        service.array(of: 1...5),
        Gen.bool,
        Gen.bool,
        Gen.lowercaseLetter.string(of: 1...10)
    ).map { services, externalCache, hasUID, name -> AgriPlatform in
        let named = services.enumerated().map { index, service in
            var service = service
            service.name = "svc\(index)"
            return service
        }
        var cache = Datastore(name: "cache", engine: .redis)
        if externalCache { cache.external = ExternalDatastore(secretName: "elasticache") }
        return AgriPlatform(
            metadata: ObjectMeta(name: name, namespace: "ns-\(name)", uid: hasUID ? "uid-\(name)" : nil),
            spec: AgriPlatformSpec(services: named, datastores: [Datastore(name: "db", engine: .postgreSQL), cache])
        )
    }
}

@Suite("Render properties")
struct RenderPropertyTests {
    @Test("Rendering any valid-shaped platform twice gives byte-identical YAML")
    func deterministic() async {
        await propertyCheck(count: 60, input: PlatformGen.platform) { platform in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            let renderer = PlatformRenderer(context: RenderContext(verticalPodAutoscalerAvailable: true))
            let first = try renderer.render(platform).map(\.json)
            let second = try renderer.render(platform).map(\.json)
            #expect(JSONValue.yamlStream(first) == JSONValue.yamlStream(second))
        }
    }

    @Test(
        "Every rendered object is named, namespaced like the platform, labelled as managed and owned iff it has a UID"
    )
    func invariants() async {
        await propertyCheck(count: 60, input: PlatformGen.platform) { platform in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            let objects = try PlatformRenderer().render(platform)
            #expect(!objects.isEmpty)
            for object in objects {
                #expect(object.apiVersion != nil && object.kind != nil && object.name != nil)
                #expect(object.namespace == platform.metadata.namespace)
                #expect(object.metadata.labels?[PlatformLabels.managedBy] == PlatformLabels.manager)
                #expect(object.metadata.labels?[PlatformLabels.instance] == platform.metadata.name)
                #expect((object.metadata.ownerReferences != nil) == (platform.metadata.uid != nil))
            }
            for (index, service) in platform.spec.services.enumerated() {
                let deployment = objects.first {
                    $0.kind == "Deployment" && $0.name == "\(platform.metadata.name!)-svc\(index)"
                }
                #expect((deployment?.json[path: ["spec", "replicas"]] == nil) == (service.autoscaling != nil))
            }
        }
    }

    @Test("Arbitrary resource text never traps: it renders or ends in a RenderError")
    func arbitraryUnits() async {
        let text = Gen.character(in: " "..."~").string(of: 0...8)
        await propertyCheck(count: 300, input: zip(text, text)) { cpu, memory in
            await Task.yield()  // let the other tests (and their servers) share the cooperative pool
            var service = PlatformService(name: "api", image: "app:1")
            service.resources = ResourceSpec(cpu: cpu, memory: memory)
            let platform = AgriPlatform(metadata: ObjectMeta(name: "p"), spec: AgriPlatformSpec(services: [service]))
            do {
                _ = try PlatformRenderer().render(platform)
            } catch let error as RenderError {
                #expect(error.path.hasPrefix("spec.services[0].resources."))
            }
        }
    }
}
