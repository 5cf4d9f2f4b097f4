import AgriPlatformAPI
import AgriPlatformReconciler
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// What the operator asks of the API server, read from the test server's request log while it runs a real platform
/// through creation, a release and a pruning change: every request is one the RBAC we ship grants
/// (``OperatorPermissions``), and no request writes an AgriPlatform's spec or metadata — only its status — so a GitOps
/// tool (Argo CD, Flux) that owns the AgriPlatform sees no drift.
@Suite("The operator's requests", .serialized, .timeLimit(.minutes(5)))
struct OperatorRequestsTests {
    /// `group|resource[/subresource]|verb` for every grant of `rules`.
    static func grants(_ rules: [PolicyRule]) -> Set<String> {
        var grants: Set<String> = []
        for rule in rules {
            for group in rule.apiGroups ?? [] {
                for resource in rule.resources ?? [] {
                    for verb in rule.verbs { grants.insert("\(group)|\(resource)|\(verb)") }
                }
            }
        }
        return grants
    }

    @Test("Creating, releasing and pruning a platform needs only the declared permissions and never writes its spec")
    func requestsStayWithinTheDeclaredPermissions() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator(listPageSize: 7, leaseName: "agri-operator.agriplatform.io")
            var example = try OperatorHarness.example("agrimaan")
            example.metadata.labels = ["argocd.argoproj.io/instance": "agrimaan"]
            example.metadata.annotations = ["team": "agrimaan"]
            let created = try await harness.create(example)
            try await harness.waitUntilReady("agrimaan", timeout: .seconds(90))

            // A rolling release (a new image), then a spec that drops a service (its objects are pruned).
            let index = try #require(created.spec.services.firstIndex { $0.rollout?.strategy == .rolling })
            let service = created.spec.services[index].name
            let image = created.spec.services[index].image + "-next"
            try await harness.update("agrimaan") { platform in platform.spec.services[index].image = image }
            try await poll("the release of \(service) completes", timeout: .seconds(90)) {
                let deployment = try await harness.deployment("agrimaan-\(service)")
                let platform = try await harness.platform("agrimaan")
                return deployment?.spec?.template?.spec?.containers.first?.image == image
                    && platform.status?.conditions?[type: "Ready"]?.status == "True"
            }
            let dropped = try #require(created.spec.services.first { $0.name != service }?.name)
            try await harness.update("agrimaan") { platform in platform.spec.services.removeAll { $0.name == dropped } }
            try await harness.waitUntilReady("agrimaan", timeout: .seconds(90))
            try await poll("the dropped service's Deployment is pruned", timeout: .seconds(30)) {
                try await !harness.exists(Deployment.resource, "agrimaan-\(dropped)")
            }
            await running.stop()

            let requests = harness.server.requestLog.entries.filter {
                $0.userAgent?.hasPrefix(OperatorHarness.operatorAgent) == true && $0.resource != nil
            }
            let used = Set(
                requests.map { entry in
                    let resource = entry.resource! + (entry.subresource.map { "/\($0)" } ?? "")
                    return "\(entry.group ?? "")|\(resource)|\(entry.verb)"
                }
            )
            let declared = Self.grants(
                OperatorPermissions.watchedNamespaceRules + OperatorPermissions.leaderElectionRules
            )
            #expect(used.subtracting(declared).isEmpty, "requests outside the RBAC: \(used.subtracting(declared))")
            // The scenario exercised the main paths, so the check above means something.
            for expected in [
                "apps|deployments|patch", "apps|deployments|delete", "apps|statefulsets|watch",
                "agriplatform.io|agriplatforms/status|patch", "agriplatform.io|agriplatforms|watch",
                "coordination.k8s.io|leases|update", "events.k8s.io|events|create", "|secrets|create",
                "rbac.authorization.k8s.io|roles|patch",
            ] {
                #expect(used.contains(expected), "the scenario never sent \(expected)")
            }

            // GitOps: the operator wrote only the status subresource of its AgriPlatform.
            let platformWrites = requests.filter { $0.resource == "agriplatforms" && $0.isWrite }
            #expect(!platformWrites.isEmpty)
            #expect(platformWrites.allSatisfy { $0.subresource == "status" }, "\(platformWrites.map(\.path))")
            let stored = try await harness.platform("agrimaan")
            #expect(stored.metadata.labels == ["argocd.argoproj.io/instance": "agrimaan"])
            #expect(stored.metadata.annotations == ["team": "agrimaan"])
            #expect(stored.metadata.finalizers == nil)
            #expect(stored.metadata.generation == 3, "two spec changes by the test, none by the operator")
            #expect(stored.spec.services.map(\.name).contains(service))

            // Every cache lists in pages of the configured size (AgriPlatformReconciler.Configuration.listPageSize;
            // 7 here, which neither the reconciler's default nor KubeRuntime's is).
            let watched = Set(requests.filter { $0.verb == "watch" }.compactMap(\.resource))
            let lists = requests.filter { $0.verb == "list" && watched.contains($0.resource ?? "") }
            #expect(watched.count >= 10 && Set(lists.compactMap(\.resource)) == watched, "a list per watched kind")
            #expect(lists.allSatisfy { $0.query["limit"] == "7" }, "\(lists.map { "\($0.path) \($0.query)" })")
        }
    }
}
