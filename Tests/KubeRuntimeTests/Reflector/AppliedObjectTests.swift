import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing

/// `AppliedObject.wouldApplyChange` against the test server's server-side apply: every prediction is checked by
/// applying for real and seeing whether the server wrote (a new `resourceVersion`) or not.
@Suite("Applied objects", .timeLimit(.minutes(1)))
struct AppliedObjectTests {
    static let manager = "agri-operator"
    static let namespace = ControllerTestServer.namespace

    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    static func deployment(image: String = "web:1", env: Bool = true) throws -> Unstructured<Deployment> {
        let envJSON = env ? #","env":[{"name":"MODE","value":"prod"},{"name":"PORT","value":"8080"}]"# : ""
        return try Unstructured(
            json: json(
                """
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","namespace":"\(namespace)","labels":{"app.kubernetes.io/name":"web"}},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app.kubernetes.io/name":"web"}},
                  "template":{"metadata":{"labels":{"app.kubernetes.io/name":"web"}},
                   "spec":{"containers":[{"name":"app","image":"\(image)","args":["--serve"],
                    "ports":[{"name":"http","containerPort":8080},{"name":"metrics","containerPort":9090}]\(envJSON),
                    "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
                """
            )
        )
    }

    static func service() throws -> Unstructured<Service> {
        try Unstructured(
            json: json(
                """
                {"apiVersion":"v1","kind":"Service",
                 "metadata":{"name":"web","namespace":"\(namespace)","labels":{"app.kubernetes.io/name":"web"}},
                 "spec":{"selector":{"app.kubernetes.io/name":"web"},
                  "ports":[{"name":"http","port":80,"targetPort":"http"},{"name":"dns","port":53,"protocol":"UDP"}]}}
                """
            )
        )
    }

    /// The cached summary of the live object, as a summarising store would hold it.
    static func summary<Kind: KubernetesObject>(
        of object: Unstructured<Kind>,
        _ client: KubeClient
    ) async throws -> AppliedObject<Kind> {
        let live = try await client.get(AppliedObject<Kind>.self, name: object.name, namespace: namespace)
        return live.summarized(fieldManager: manager)
    }

    /// Asks the summary whether applying `desired` changes anything, then applies it and checks the server agrees.
    static func predictThenApply<Kind: KubernetesObject>(
        _ desired: Unstructured<Kind>,
        _ client: KubeClient,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Bool {
        let summary = try await summary(of: desired, client)
        let predicted = summary.wouldApplyChange(try desired.json)
        let applied = try await client.apply(desired, fieldManager: manager, force: true)
        let wrote = applied.metadata.resourceVersion != summary.metadata.resourceVersion
        #expect(
            predicted == wrote,
            "predicted a change: \(predicted), server wrote: \(wrote)",
            sourceLocation: sourceLocation
        )
        return predicted
    }

    @Test("A Deployment just applied needs no apply, and applying it again does not write")
    func freshlyApplied() async throws {
        try await ControllerTestServer.with { fixture in
            let desired = try Self.deployment()
            _ = try await fixture.client.apply(desired, fieldManager: Self.manager, force: true)
            let summary = try await Self.summary(of: desired, fixture.client)
            #expect(summary.isSummarized && summary.appliedFieldsDigest != nil)
            #expect(summary.metadata.managedFields == nil)
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
        }
    }

    @Test("Another manager's annotation, by apply or by merge patch, needs no apply")
    func otherManagersAnnotation() async throws {
        try await ControllerTestServer.with { fixture in
            let desired = try Self.deployment()
            _ = try await fixture.client.apply(desired, fieldManager: Self.manager, force: true)
            let annotation = try Self.json(
                #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"team":"ops"}}}"#
            )
            _ = try await fixture.client.patch(
                Deployment.self,
                name: "web",
                namespace: Self.namespace,
                patch: .apply(annotation, fieldManager: "team-tool", force: false)
            )
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
            _ = try await fixture.client.patch(
                Deployment.self,
                name: "web",
                namespace: Self.namespace,
                patch: .merge(try Self.json(#"{"metadata":{"annotations":{"audit":"seen"},"labels":{"extra":"x"}}}"#)),
                options: WriteOptions(fieldManager: "auditor")
            )
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
        }
    }

    @Test("Another manager changing the image needs an apply, which restores it")
    func otherManagerChangesImage() async throws {
        try await ControllerTestServer.with { fixture in
            let desired = try Self.deployment()
            _ = try await fixture.client.apply(desired, fieldManager: Self.manager, force: true)
            var changed = try await fixture.client.get(
                Unstructured<Deployment>.self,
                name: "web",
                namespace: Self.namespace
            )
            var containers = try #require(changed.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
            containers[0]["image"] = "web:hotfix"
            let patch: JSONValue = ["spec": ["template": ["spec": ["containers": .array(containers)]]]]
            changed = try await fixture.client.patch(
                Unstructured<Deployment>.self,
                name: "web",
                namespace: Self.namespace,
                patch: .merge(patch),
                options: WriteOptions(fieldManager: "hotfixer")
            )
            #expect(
                changed.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
                    == "web:hotfix"
            )
            #expect(try await Self.predictThenApply(desired, fixture.client) == true)
            let restored = try await fixture.client.get(Deployment.self, name: "web", namespace: Self.namespace)
            #expect(restored.spec?.template?.spec?.containers.first?.image == "web:1")
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
        }
    }

    @Test("Changing or dropping a field in the desired object needs an apply")
    func desiredChanges() async throws {
        try await ControllerTestServer.with { fixture in
            _ = try await fixture.client.apply(try Self.deployment(), fieldManager: Self.manager, force: true)
            #expect(try await Self.predictThenApply(try Self.deployment(env: false), fixture.client) == true)
            #expect(try await Self.predictThenApply(try Self.deployment(env: false), fixture.client) == false)
            #expect(try await Self.predictThenApply(try Self.deployment(image: "web:2", env: false), fixture.client))
            #expect(try await Self.predictThenApply(try Self.deployment(image: "web:2"), fixture.client) == true)
        }
    }

    @Test("A Service whose defaulted fields another writer filled in needs no apply")
    func serviceWithDefaults() async throws {
        try await ControllerTestServer.with { fixture in
            let desired = try Self.service()
            _ = try await fixture.client.apply(desired, fieldManager: Self.manager, force: true)
            // What a real API server's defaulting adds (the test server does not default built-in kinds).
            let defaults = try Self.json(
                """
                {"spec":{"type":"ClusterIP","sessionAffinity":"None","ipFamilies":["IPv4"],
                 "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":"http"},
                          {"name":"dns","port":53,"protocol":"UDP","targetPort":53}]}}
                """
            )
            _ = try await fixture.client.patch(
                Service.self,
                name: "web",
                namespace: Self.namespace,
                patch: .merge(defaults),
                options: WriteOptions(fieldManager: "defaulter")
            )
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
        }
    }

    @Test("A Deployment whose defaulted container fields another writer filled in needs no apply")
    func deploymentWithDefaults() async throws {
        try await ControllerTestServer.with { fixture in
            let desired = try Self.deployment()
            _ = try await fixture.client.apply(desired, fieldManager: Self.manager, force: true)
            var live = try await fixture.client.get(
                Unstructured<Deployment>.self,
                name: "web",
                namespace: Self.namespace
            )
            var containers = try #require(live.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
            containers[0]["terminationMessagePath"] = "/dev/termination-log"
            containers[0]["imagePullPolicy"] = "IfNotPresent"
            containers[0]["ports"] = [
                ["name": "http", "containerPort": 8080, "protocol": "TCP"],
                ["name": "metrics", "containerPort": 9090, "protocol": "TCP"],
            ]
            live.body[path: ["spec", "template", "spec", "containers"]] = .array(containers)
            live.body[path: ["spec", "template", "spec", "restartPolicy"]] = "Always"
            live.body[path: ["spec", "revisionHistoryLimit"]] = 10
            _ = try await fixture.client.update(live, options: WriteOptions(fieldManager: "defaulter"))
            #expect(try await Self.predictThenApply(desired, fixture.client) == false)
        }
    }

    static let wire = """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"settings","namespace":"farm","resourceVersion":"5","labels":{"app":"web"},
          "managedFields":[{"manager":"agri-operator","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
            "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},"f:data":{"f:mode":{}}}}]},
         "data":{"mode":"prod","added":"by someone else"},"status":{"observed":true}}
        """

    @Test("A summarising store keeps metadata, status and the digest, and drops the rest")
    func summarisingStore() throws {
        let store = Store<AppliedObject<ConfigMap>>(transform: AppliedObject.summarizing(fieldManager: Self.manager))
        let received = try AppliedObject<ConfigMap>(json: Self.json(Self.wire))
        #expect(!received.isSummarized && received.appliedFieldsDigest == nil)
        store.apply(WatchEvent(type: .added, object: received))
        let cached = try #require(store.get(ObjectKey(namespace: "farm", name: "settings")))
        #expect(cached.isSummarized)
        #expect(cached.metadata.managedFields == nil && cached.metadata.labels == ["app": "web"])
        #expect(try cached.decodeStatus(as: [String: Bool].self) == ["observed": true])
        #expect(try JSONValue(encoding: cached)["data"] == nil)
        #expect(!cached.wouldApplyChange(["metadata": ["labels": ["app": "web"]], "data": ["mode": "prod"]]))
        #expect(cached.wouldApplyChange(["metadata": ["labels": ["app": "web"]], "data": ["mode": "dev"]]))
        #expect(cached.summarized(fieldManager: "someone-else") == cached)
    }

    @Test("A store that does not keep status drops it and keeps the metadata and the digest")
    func summarisingWithoutStatus() throws {
        let store = Store<AppliedObject<ConfigMap>>(
            transform: AppliedObject.summarizing(fieldManager: Self.manager, keepingStatus: false)
        )
        let received = try AppliedObject<ConfigMap>(json: Self.json(Self.wire))
        #expect(received.status == ["observed": true])
        store.apply(WatchEvent(type: .added, object: received))
        let cached = try #require(store.get(ObjectKey(namespace: "farm", name: "settings")))
        #expect(cached.isSummarized && cached.status == nil)
        #expect(cached.metadata.labels == ["app": "web"] && cached.metadata.managedFields == nil)
        #expect(cached.appliedFieldsDigest == received.summarized(fieldManager: Self.manager).appliedFieldsDigest)
        #expect(!cached.wouldApplyChange(["metadata": ["labels": ["app": "web"]], "data": ["mode": "prod"]]))
    }

    @Test("Before summarising, encoding gives back the object as received; the digest is never encoded")
    func encoding() throws {
        let original = try Self.json(Self.wire)
        let received = try AppliedObject<ConfigMap>(json: original)
        #expect(try JSONValue(encoding: received) == original)
        let summary = received.summarized(fieldManager: Self.manager)
        let decoded = try AppliedObject<ConfigMap>(json: JSONValue(encoding: summary))
        #expect(decoded.appliedFieldsDigest == nil && summary.appliedFieldsDigest != nil)
        #expect(decoded.metadata == summary.metadata && decoded.status == summary.status)
        #expect(AppliedObject<ConfigMap>(metadata: ObjectMeta(name: "x")).wouldApplyChange([:]))
    }
}
