import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

@Suite("Release rendering: candidates, Services, Ingresses and HTTPRoutes")
struct ReleaseRenderTests {
    typealias F = RenderFixtures
    typealias R = ReleaseFixtures

    static let canary = ReleaseShape.Candidate(role: .canary, replicas: 3)
    static let preview = ReleaseShape.Candidate(role: .preview, replicas: 2)

    @Test("Every service pod carries its revision as a label and the stable Deployment as an annotation")
    func revisionLabel() throws {
        let objects = try F.render(F.platform([F.service("api"), F.service("web")]))
        for name in ["farm-api", "farm-web"] {
            let deployment = try #require(F.object(objects, kind: "Deployment", name: name))
            let template = try #require(deployment[path: ["spec", "template", "metadata"]])
            let revision = try #require(template[path: ["annotations", PodTemplateRevision.annotation]]?.stringValue)
            #expect(revision.count == 16)
            #expect(template[path: ["labels", ReleaseLabels.revision]] == .string(revision))
            #expect(deployment[path: ["metadata", "annotations", PodTemplateRevision.annotation]] == .string(revision))
            #expect(deployment[path: ["spec", "selector", "matchLabels", ReleaseLabels.revision]] == nil)
        }
    }

    @Test("The revision label does not change the revision")
    func revisionIgnoresLabel() throws {
        let objects = try F.render(F.platform([F.service()]))
        let deployment = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        var template = try #require(deployment[path: ["spec", "template"]])
        let revision = template[path: ["metadata", "labels", ReleaseLabels.revision]]
        template[path: ["metadata", "labels", ReleaseLabels.revision]] = nil
        var annotations = template[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[PodTemplateRevision.annotation] = nil
        template[path: ["metadata", "annotations"]] = annotations.isEmpty ? nil : .object(annotations)
        #expect(revision == .string(PodTemplateRevision.of(template)))
    }

    @Test(
        "A candidate Deployment is the stable one with the track label and its own replicas",
        arguments: [
            (R.Kind.canaryReplicaRatio, canary),
            (R.Kind.blueGreen, preview),
        ]
    )
    func candidateDeployment(kind: R.Kind, candidate: ReleaseShape.Candidate) throws {
        let objects = try R.render(kind, shape: ReleaseShape(appliesStable: false, candidate: candidate)) {
            $0.autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 6)
            $0.autoscaling?.targetCPUUtilization = 70
        }
        let name = "farm-api-\(candidate.role.rawValue)"
        let stable = try #require(F.object(objects, kind: "Deployment", name: "farm-api"))
        let deployment = try #require(F.object(objects, kind: "Deployment", name: name))
        let track = JSONValue.string(candidate.role.rawValue)
        #expect(deployment[path: ["metadata", "labels", ReleaseLabels.track]] == track)
        #expect(deployment[path: ["spec", "selector", "matchLabels", ReleaseLabels.track]] == track)
        #expect(deployment[path: ["spec", "template", "metadata", "labels", ReleaseLabels.track]] == track)
        #expect(deployment[path: ["spec", "replicas"]] == .integer(Int64(candidate.replicas)))
        #expect(stable[path: ["spec", "replicas"]] == nil)
        #expect(deployment[path: ["spec", "strategy"]] == stable[path: ["spec", "strategy"]])
        #expect(
            deployment[path: ["metadata", "annotations"]] == stable[path: ["metadata", "annotations"]]
        )
        var template = try #require(deployment[path: ["spec", "template"]])
        template[path: ["metadata", "labels", ReleaseLabels.track]] = nil
        #expect(template == stable[path: ["spec", "template"]])
        let autoscaler = try #require(F.object(objects, kind: "HorizontalPodAutoscaler", name: "farm-api"))
        #expect(autoscaler[path: ["spec", "scaleTargetRef", "name"]] == "farm-api")
        #expect(F.object(objects, kind: "HorizontalPodAutoscaler", name: name) == nil)
    }

    @Test(
        "Canary and preview Services select their track",
        arguments: [
            (R.Kind.canaryIngress, canary),
            (R.Kind.canaryGatewayAPI, canary),
            (R.Kind.blueGreen, preview),
        ]
    )
    func candidateService(kind: R.Kind, candidate: ReleaseShape.Candidate) throws {
        let objects = try R.render(kind, shape: ReleaseShape(appliesStable: false, candidate: candidate))
        let name = "farm-api-\(candidate.role.rawValue)"
        let service = try #require(F.object(objects, kind: "Service", name: name))
        let stable = try #require(F.object(objects, kind: "Service", name: "farm-api"))
        #expect(
            service[path: ["spec", "selector"]] == [
                "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "farm",
                "agriplatform.io/track": .string(candidate.role.rawValue),
            ]
        )
        #expect(service[path: ["spec", "ports"]] == stable[path: ["spec", "ports"]])
    }

    @Test("A canary split by replica ratio has no Service of its own")
    func replicaRatioNoService() throws {
        let objects = try R.render(
            .canaryReplicaRatio,
            shape: ReleaseShape(appliesStable: false, candidate: Self.canary)
        )
        #expect(F.object(objects, kind: "Service", name: "farm-api-canary") == nil)
    }

    @Test("The NGINX canary Ingress sends the canary weight to the canary Service", arguments: [0, 20, 100] as [Int32])
    func nginxCanary(weight: Int32) throws {
        let shape = ReleaseShape(
            appliesStable: false,
            candidate: Self.canary,
            activeRevision: R.revisionOfStable,
            canaryWeight: weight
        )
        let objects = try R.render(.canaryIngress, shape: shape)
        let main = try #require(F.object(objects, kind: "Ingress", name: "farm-api"))
        let canary = try #require(F.object(objects, kind: "Ingress", name: "farm-api-canary"))
        let annotations = try #require(canary[path: ["metadata", "annotations"]])
        #expect(annotations["nginx.ingress.kubernetes.io/canary"] == "true")
        #expect(annotations["nginx.ingress.kubernetes.io/canary-weight"] == .string(String(weight)))
        #expect(annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "8m")
        #expect(annotations["cert-manager.io/cluster-issuer"] == nil)
        #expect(main[path: ["metadata", "annotations", "cert-manager.io/cluster-issuer"]] == "letsencrypt")
        let rule = try #require(canary[path: ["spec", "rules"]]?.arrayValue?.first)
        #expect(rule["host"] == "api.example.com")
        let backend = rule[path: ["http", "paths"]]?.arrayValue?.first?[path: ["backend", "service", "name"]]
        #expect(backend == "farm-api-canary")
        #expect(canary[path: ["spec", "tls"]] == main[path: ["spec", "tls"]])
        let mainBackend = main[path: ["spec", "rules"]]?.arrayValue?.first?[path: ["http", "paths"]]?.arrayValue?
            .first?[path: ["backend", "service", "name"]]
        #expect(mainBackend == "farm-api")
    }

    @Test(
        "The HTTPRoute weighs the stable and canary Services",
        arguments: [
            (ReleaseShape.steady, [("farm-api", Int64(100))]),
            (
                ReleaseShape(appliesStable: false, candidate: canary, activeRevision: "0123", canaryWeight: 30),
                [("farm-api", 70), ("farm-api-canary", 30)]
            ),
            (
                ReleaseShape(appliesStable: true, candidate: canary, canaryWeight: 100),
                [("farm-api", 0), ("farm-api-canary", 100)]
            ),
            (
                ReleaseShape(appliesStable: false, candidate: canary, canaryWeight: 250),
                [("farm-api", 0), ("farm-api-canary", 100)]
            ),
        ]
    )
    func httpRoute(shape: ReleaseShape, backends: [(String, Int64)]) throws {
        let objects = try R.render(.canaryGatewayAPI, shape: shape)
        let route = try #require(F.object(objects, kind: "HTTPRoute", name: "farm-api"))
        #expect(route["apiVersion"] == "gateway.networking.k8s.io/v1")
        #expect(
            route[path: ["spec", "parentRefs"]] == [
                ["name": "public", "namespace": "gateways", "sectionName": "https"]
            ]
        )
        #expect(route[path: ["spec", "hostnames"]] == ["api.example.com"])
        let rules = try #require(route[path: ["spec", "rules"]]?.arrayValue)
        #expect(rules.count == 1)
        let expected: [JSONValue] = backends.map { ["name": .string($0.0), "port": 8080, "weight": .integer($0.1)] }
        #expect(rules[0]["backendRefs"] == .array(expected))
        let decoded = try route.decode(as: HTTPRoute.self)
        #expect(decoded.spec?.rules?.first?.backendRefs?.count == backends.count)
    }

    @Test("A preview host is on the Ingress only while a preview runs")
    func previewHost() throws {
        let steady = try R.render(.blueGreen, shape: .steady)
        let steadyIngress = try #require(F.object(steady, kind: "Ingress", name: "farm-api"))
        #expect(steadyIngress[path: ["spec", "rules"]]?.arrayValue?.count == 1)
        let shape = ReleaseShape(appliesStable: false, candidate: Self.preview, activeRevision: R.revisionOfStable)
        let objects = try R.render(.blueGreen, shape: shape)
        let ingress = try #require(F.object(objects, kind: "Ingress", name: "farm-api"))
        let rules = try #require(ingress[path: ["spec", "rules"]]?.arrayValue)
        #expect(rules.count == 2)
        #expect(rules[0] == steadyIngress[path: ["spec", "rules"]]?.arrayValue?.first)
        #expect(rules[1]["host"] == "preview.api.example.com")
        let backend = rules[1][path: ["http", "paths"]]?.arrayValue?.first?[path: ["backend", "service", "name"]]
        #expect(backend == "farm-api-preview")
        let tls = try #require(ingress[path: ["spec", "tls"]]?.arrayValue)
        #expect(tls.count == 2)
        #expect(tls[1] == ["hosts": ["preview.api.example.com"], "secretName": "farm-api-preview-tls"])
    }

    @Test("A shape without runsMigration renders no migration Job")
    func noMigration() throws {
        let with = try R.render(.rolling, shape: ReleaseShape(appliesStable: false))
        let without = try R.render(.rolling, shape: ReleaseShape(appliesStable: false, runsMigration: false))
        #expect(with.contains { $0.kind == "Job" })
        #expect(!without.contains { $0.kind == "Job" })
    }

    @Test("A candidate name over 63 characters is a render error", arguments: [R.Kind.canaryReplicaRatio, .blueGreen])
    func nameTooLong(kind: R.Kind) throws {
        let name = String(repeating: "a", count: 63 - "farm-".count - "-canary".count + 1)
        let platform = F.platform([
            R.service(kind) {
                $0.name = name
                $0.migration = nil
            }
        ])
        #expect(throws: RenderError.self) { try PlatformRenderer().render(platform) }
        let rolling = F.platform([
            R.service(.rolling) {
                $0.name = name
                $0.migration = nil
            }
        ])
        #expect(throws: Never.self) { try PlatformRenderer().render(rolling) }
    }

    @Test("Gateway API routing without gatewayAPI is a render error")
    func gatewayWithoutParents() throws {
        let platform = F.platform([R.service(.canaryGatewayAPI) { $0.rollout?.canary?.gatewayAPI = nil }])
        #expect(throws: RenderError.self) { try PlatformRenderer().render(platform) }
    }
}
