import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Conformance: create, read, update, delete", .timeLimit(.minutes(1)))
struct CRUDTests {
    @Test("create, get, update and delete a ConfigMap; resourceVersion moves, uid stays")
    func configMapLifecycle() async throws {
        try await Conformance.run { env in
            let created = try await env.client.create(env.configMap("settings", data: ["mode": "a"]))
            let uid = try #require(created.metadata.uid)
            let firstVersion = try #require(created.metadata.resourceVersion)
            #expect(created.metadata.creationTimestamp != nil)
            #expect(created.data == ["mode": "a"])

            var fetched = try await env.client.get(ConfigMap.self, name: "settings", namespace: env.namespace)
            #expect(fetched.metadata.uid == uid)
            fetched.data = ["mode": "b"]
            let updated = try await env.client.update(fetched)
            #expect(updated.metadata.uid == uid)
            #expect(updated.metadata.resourceVersion != firstVersion)
            #expect(updated.data == ["mode": "b"])

            let result = try await env.client.delete(ConfigMap.self, name: "settings", namespace: env.namespace)
            _ = result
            let code = await env.errorCode {
                _ = try await env.client.get(ConfigMap.self, name: "settings", namespace: env.namespace)
            }
            #expect(code == .notFound)
        }
    }

    @Test("creating an existing name fails with AlreadyExists; reading a missing one with NotFound and its details")
    func alreadyExistsAndNotFound() async throws {
        try await Conformance.run { env in
            _ = try await env.client.create(env.configMap("once"))
            let duplicate = await env.errorCode { _ = try await env.client.create(env.configMap("once")) }
            #expect(duplicate == .alreadyExists)

            do {
                _ = try await env.client.get(ConfigMap.self, name: "missing", namespace: env.namespace)
                Issue.record("get of a missing ConfigMap succeeded")
            } catch let error as KubeError {
                #expect(error.code == .notFound)
                #expect(error.httpCode == 404)
                #expect(error.status?.reason == "NotFound")
                #expect(error.status?.details?.name == "missing")
                #expect(error.status?.details?.kind == "configmaps")
                #expect(error.message.contains("\"missing\" not found"))
            }
        }
    }

    @Test("an update with a stale resourceVersion fails with Conflict; without one it is unconditional")
    func optimisticConcurrency() async throws {
        try await Conformance.run { env in
            let original = try await env.client.create(env.configMap("contended", data: ["v": "1"]))
            var first = original
            first.data = ["v": "2"]
            _ = try await env.client.update(first)

            var stale = original
            stale.data = ["v": "3"]
            let code = await env.errorCode { _ = try await env.client.update(stale) }
            #expect(code == .conflict)

            var unconditional = original
            unconditional.metadata.resourceVersion = nil
            unconditional.data = ["v": "4"]
            let forced = try await env.client.update(unconditional)
            #expect(forced.data == ["v": "4"])
        }
    }

    @Test("generation moves on spec changes only, and the main endpoint ignores status")
    func generationAndStatusSubresource() async throws {
        try await Conformance.run { env in
            let created = try await env.client.create(Self.deployment(namespace: env.namespace))
            #expect(created.metadata.generation == 1)

            var labelled = created
            labelled.metadata.labels = ["tier": "web"]
            let afterLabel = try await env.client.update(labelled)
            #expect(afterLabel.metadata.generation == 1, "a metadata change does not bump generation")

            var scaled = afterLabel
            scaled.spec?.replicas = 3
            scaled.status = DeploymentStatus(replicas: 99)
            let afterScale = try await env.client.update(scaled)
            #expect(afterScale.metadata.generation == 2)
            #expect(afterScale.status?.replicas != 99, "status sent to the main endpoint is ignored")

            var withStatus = afterScale
            withStatus.status = DeploymentStatus(observedGeneration: 2, replicas: 3, readyReplicas: 3)
            withStatus.spec?.replicas = 7
            let afterStatus = try await env.client.updateStatus(withStatus)
            #expect(afterStatus.status?.readyReplicas == 3)
            #expect(afterStatus.spec?.replicas == 3, "spec sent to the status subresource is ignored")
            #expect(afterStatus.metadata.generation == 2)
        }
    }

    @Test("label and field selectors filter a list")
    func selectors() async throws {
        try await Conformance.run { env in
            _ = try await env.client.create(env.configMap("a", labels: ["app": "web", "tier": "front"]))
            _ = try await env.client.create(env.configMap("b", labels: ["app": "web", "tier": "back"]))
            _ = try await env.client.create(env.configMap("c", labels: ["app": "db"]))

            func names(_ options: ListOptions) async throws -> [String] {
                let list = try await env.client.list(ConfigMap.self, namespace: env.namespace, options: options)
                return list.items.map(\.name).filter { $0.count == 1 }.sorted()
            }
            #expect(try await names(ListOptions(labelSelector: "app=web")) == ["a", "b"])
            #expect(try await names(ListOptions(labelSelector: "app=web,tier!=front")) == ["b"])
            #expect(try await names(ListOptions(labelSelector: "tier in (front,back)")) == ["a", "b"])
            #expect(try await names(ListOptions(labelSelector: "app,!tier")) == ["c"])
            #expect(try await names(ListOptions(fieldSelector: "metadata.name=b")) == ["b"])
            #expect(try await names(ListOptions(labelSelector: "app=web", fieldSelector: "metadata.name!=a")) == ["b"])
        }
    }

    @Test("a list pages with limit and continue, and listAll follows the pages")
    func paging() async throws {
        try await Conformance.run { env in
            for index in 0..<7 {
                _ = try await env.client.create(env.configMap("page-\(index)", labels: ["paged": "yes"]))
            }
            var options = ListOptions(labelSelector: "paged=yes", limit: 3)
            var names: [String] = []
            var pages = 0
            repeat {
                let page = try await env.client.list(ConfigMap.self, namespace: env.namespace, options: options)
                #expect(page.items.count <= 3)
                names += page.items.map(\.name)
                pages += 1
                options.continue = page.metadata.continue
            } while options.continue?.isEmpty == false && pages < 10
            #expect(pages == 3)
            #expect(names.sorted() == (0..<7).map { "page-\($0)" })

            let all = try await env.client.listAll(
                ConfigMap.self,
                namespace: env.namespace,
                options: ListOptions(labelSelector: "paged=yes", limit: 2)
            )
            #expect(all.items.count == 7)
        }
    }

    @Test("dry-run create validates and returns the object but persists nothing")
    func dryRun() async throws {
        try await Conformance.run { env in
            let answer = try await env.client.create(
                env.configMap("dry", data: ["k": "v"]),
                options: WriteOptions(dryRun: true)
            )
            #expect(answer.data == ["k": "v"])
            let code = await env.errorCode {
                _ = try await env.client.get(ConfigMap.self, name: "dry", namespace: env.namespace)
            }
            #expect(code == .notFound)
        }
    }

    @Test("merge patch and JSON patch change an object")
    func patches() async throws {
        try await Conformance.run { env in
            _ = try await env.client.create(env.configMap("patched", data: ["a": "1", "b": "2"]))
            let merged = try await env.client.patch(
                ConfigMap.self,
                name: "patched",
                namespace: env.namespace,
                patch: .merge(["data": ["a": nil, "c": "3"], "metadata": ["labels": ["x": "y"]]])
            )
            #expect(merged.data == ["b": "2", "c": "3"])
            #expect(merged.metadata.labels == ["x": "y"])

            let jsonPatched = try await env.client.patch(
                ConfigMap.self,
                name: "patched",
                namespace: env.namespace,
                patch: .json([
                    JSONPatchOperation(op: .test, path: "/data/b", value: "2"),
                    JSONPatchOperation(op: .replace, path: "/data/b", value: "20"),
                    JSONPatchOperation(op: .add, path: "/metadata/labels/z", value: "w"),
                ])
            )
            #expect(jsonPatched.data?["b"] == "20")
            #expect(jsonPatched.metadata.labels?["z"] == "w")

            let failedTest = await env.errorCode {
                _ = try await env.client.patch(
                    ConfigMap.self,
                    name: "patched",
                    namespace: env.namespace,
                    patch: .json([JSONPatchOperation(op: .test, path: "/data/b", value: "wrong")])
                )
            }
            // The API server answers a failed `test` operation with 422 (reason Invalid).
            #expect(failedTest == .invalid)
        }
    }

    @Test("a delete with a wrong uid precondition fails with Conflict and deletes nothing")
    func deletePreconditions() async throws {
        try await Conformance.run { env in
            _ = try await env.client.create(env.configMap("guarded"))
            let code = await env.errorCode {
                _ = try await env.client.delete(
                    ConfigMap.self,
                    name: "guarded",
                    namespace: env.namespace,
                    options: DeleteOptions(preconditions: .init(uid: "00000000-0000-0000-0000-000000000000"))
                )
            }
            #expect(code == .conflict)
            _ = try await env.client.get(ConfigMap.self, name: "guarded", namespace: env.namespace)
        }
    }

    static func deployment(namespace: String, name: String = "web", replicas: Int32 = 1) -> Deployment {
        Deployment(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: DeploymentSpec(
                replicas: replicas,
                selector: LabelSelector(matchLabels: ["app": name]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": name]),
                    spec: PodSpec(containers: [Container(name: name, image: "nginx:1.27")])
                )
            )
        )
    }
}
