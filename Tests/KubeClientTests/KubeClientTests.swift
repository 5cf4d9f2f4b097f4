import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("KubeClient requests")
struct KubeClientTests {
    static let configMapJSON = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"team"}}"#

    @Test("Requests carry the path, query, User-Agent, bearer token and content type")
    func requestShape() async throws {
        let transport = ScriptedTransport([.json(201, Self.configMapJSON)])
        let client = makeClient(transport)
        _ = try await client.create(
            ConfigMap(metadata: ObjectMeta(name: "a"), data: ["k": "v"]),
            options: WriteOptions(dryRun: true, fieldManager: "agri-operator")
        )
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "/api/v1/namespaces/team/configmaps?dryRun=All&fieldManager=agri-operator")
        #expect(
            request.header("User-Agent") == "agri-operator/\(ClientConfiguration.clientVersion) (linux) kube-client"
        )
        #expect(request.header("Authorization") == "Bearer secret-token")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.timeout == .seconds(300))
        let body = try JSONValue(parsing: try #require(request.body))
        #expect(body[path: ["data", "k"]] == "v")
    }

    @Test("Basic authentication is encoded; no authentication sends no header")
    func basicAndNone() async throws {
        let transport = ScriptedTransport([], fallback: .json(200, "{}"))
        _ = try await makeClient(transport, authentication: .basic(username: "admin", password: "pw")).send(
            .raw("/api")
        )
        _ = try await makeClient(transport, authentication: .none).send(.raw("/api"))
        #expect(transport.requests.map { $0.header("Authorization") } == ["Basic YWRtaW46cHc=", nil])
    }

    @Test("Object verbs default the namespace; cluster-scoped and list-all calls do not")
    func namespaces() async throws {
        let transport = ScriptedTransport([], fallback: .json(200, Self.configMapJSON))
        let client = makeClient(transport)
        _ = try await client.get(ConfigMap.self, name: "a")
        _ = try await client.get(ConfigMap.self, name: "a", namespace: "other")
        let namespaces = ResourceDescriptor(
            group: "",
            version: "v1",
            kind: "Namespace",
            plural: "namespaces",
            namespaced: false
        )
        _ = try await client.get(namespaces, name: "team", namespace: "ignored")
        let listTransport = ScriptedTransport([], fallback: .json(200, #"{"items":[]}"#))
        _ = try await makeClient(listTransport).list(ConfigMap.self)
        #expect(
            transport.requests.map(\.url) == [
                "/api/v1/namespaces/team/configmaps/a", "/api/v1/namespaces/other/configmaps/a",
                "/api/v1/namespaces/team",
            ]
        )
        #expect(listTransport.requests.map(\.url) == ["/api/v1/configmaps"])
    }

    @Test("A failed response becomes a KubeError with the request's context")
    func errorContext() async throws {
        let transport = ScriptedTransport([.json(404, notFoundStatus)])
        let client = makeClient(transport)
        let error = try await #require(throws: KubeError.self) { _ = try await client.get(ConfigMap.self, name: "a") }
        #expect(error.code == .notFound)
        #expect(error.verb == "get")
        #expect(error.resource == "configmaps")
        #expect(error.namespace == "team")
        #expect(error.name == "a")
        #expect(error.httpCode == 404)
        #expect(error.status?.details?.name == "a")
    }

    @Test("response(to:) returns any status without throwing")
    func rawResponse() async throws {
        let transport = ScriptedTransport([.json(404, notFoundStatus, headers: [.init("X-Test", "1")])])
        let response = try await makeClient(transport).response(to: .raw("/api/v1/namespaces/team/configmaps/a"))
        #expect(response.statusCode == 404)
        #expect(response.header("x-test") == "1")
        #expect(!response.isSuccess)
    }

    @Test("Reads are retried on 503 and connection loss with backoff, then succeed")
    func readRetries() async throws {
        let transport = ScriptedTransport([
            .json(503, "{}"), .connectionRefused, .json(429, "{}", headers: [.init("Retry-After", "2")]),
            .json(200, Self.configMapJSON),
        ])
        let sleeper = SleepRecorder()
        let object = try await makeClient(transport, sleeper: sleeper).get(ConfigMap.self, name: "a")
        #expect(object.name == "a")
        #expect(transport.requests.count == 4)
        #expect(sleeper.recorded == [.milliseconds(100), .milliseconds(200), .seconds(2)])
    }

    @Test("A read gives up after five attempts with a transport error")
    func readGivesUp() async throws {
        let transport = ScriptedTransport([], fallback: .connectionRefused)
        let sleeper = SleepRecorder()
        let error = try await #require(throws: KubeError.self) {
            _ = try await makeClient(transport, sleeper: sleeper).list(ConfigMap.self, namespace: "team")
        }
        #expect(error.code == .transport)
        #expect(error.verb == "list")
        #expect(transport.requests.count == 5)
        #expect(sleeper.recorded.count == 4)
    }

    @Test("Writes are not retried on 500 or connection loss")
    func writesNotRetried() async throws {
        for reply in [ScriptedTransport.Reply.json(500, "{}"), .connectionRefused] {
            let transport = ScriptedTransport([reply], fallback: .json(201, Self.configMapJSON))
            await #expect(throws: KubeError.self) {
                _ = try await makeClient(transport).create(ConfigMap(metadata: ObjectMeta(name: "a")))
            }
            #expect(transport.requests.count == 1)
        }
    }

    @Test("A write is retried after 429 with Retry-After, which the server sends before processing")
    func writeRetriedOn429() async throws {
        let status = #"{"kind":"Status","reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}"#
        let transport = ScriptedTransport([.json(429, status), .json(201, Self.configMapJSON)])
        let sleeper = SleepRecorder()
        _ = try await makeClient(transport, sleeper: sleeper).create(ConfigMap(metadata: ObjectMeta(name: "a")))
        #expect(transport.requests.count == 2)
        #expect(sleeper.recorded == [.seconds(1)])
    }

    @Test("listAll follows continue tokens and drops resourceVersion on later pages")
    func listAllPages() async throws {
        let transport = ScriptedTransport([
            .json(200, #"{"metadata":{"resourceVersion":"10","continue":"c1"},"items":[{"metadata":{"name":"a"}}]}"#),
            .json(200, #"{"metadata":{"continue":"c2"},"items":[{"metadata":{"name":"b"}}]}"#),
            .json(200, #"{"metadata":{},"items":[{"metadata":{"name":"c"}}]}"#),
        ])
        let list = try await makeClient(transport).listAll(
            ConfigMap.self,
            namespace: "team",
            options: ListOptions(limit: 1, resourceVersion: "0")
        )
        #expect(list.items.map(\.name) == ["a", "b", "c"])
        #expect(list.metadata.resourceVersion == "10")
        #expect(list.metadata.continue == nil)
        #expect(
            transport.requests.map(\.url) == [
                "/api/v1/namespaces/team/configmaps?limit=1&resourceVersion=0",
                "/api/v1/namespaces/team/configmaps?limit=1&continue=c1",
                "/api/v1/namespaces/team/configmaps?limit=1&continue=c2",
            ]
        )
    }

    @Test("listAll falls back to a full list when the continue token expires")
    func listAllExpired() async throws {
        let expired = #"{"kind":"Status","reason":"Expired","code":410}"#
        let transport = ScriptedTransport([
            .json(200, #"{"metadata":{"continue":"c1"},"items":[{"metadata":{"name":"a"}}]}"#),
            .json(410, expired),
            .json(
                200,
                #"{"metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#
            ),
        ])
        let list = try await makeClient(transport).listAll(ConfigMap.self, namespace: "team")
        #expect(list.items.map(\.name) == ["a", "b"])
        #expect(transport.requests.last?.url == "/api/v1/namespaces/team/configmaps")
    }

    @Test("apply sends an apply patch with apiVersion, kind, field manager and force, without managedFields")
    func apply() async throws {
        let transport = ScriptedTransport([], fallback: .json(200, Self.configMapJSON))
        let client = makeClient(transport)
        var object = ConfigMap(metadata: ObjectMeta(name: "a", namespace: "team"), data: ["k": "v"])
        object.apiVersion = nil
        object.kind = nil
        object.metadata.managedFields = [ManagedFieldsEntry(manager: "someone")]
        _ = try await client.apply(object, fieldManager: "agri-operator", force: true)
        _ = try await client.applyStatus(object, fieldManager: "agri-operator")
        let requests = transport.requests
        #expect(requests[0].method == .patch)
        #expect(requests[0].url == "/api/v1/namespaces/team/configmaps/a?fieldManager=agri-operator&force=true")
        #expect(requests[0].header("Content-Type") == "application/apply-patch+yaml")
        #expect(requests[1].url == "/api/v1/namespaces/team/configmaps/a/status?fieldManager=agri-operator")
        let body = try JSONValue(parsing: try #require(requests[0].body))
        #expect(body["apiVersion"] == "v1")
        #expect(body["kind"] == "ConfigMap")
        #expect(body[path: ["metadata", "managedFields"]] == nil)
        #expect(body[path: ["data", "k"]] == "v")
    }

    @Test(
        "patch sends each patch kind with its content type",
        arguments: [
            (Patch.merge(["data": ["k": "v"]]), "application/merge-patch+json"),
            (.json([JSONPatchOperation(op: .add, path: "/data/k", value: "v")]), "application/json-patch+json"),
            (.strategicMerge(["data": ["k": "v"]]), "application/strategic-merge-patch+json"),
            (
                .apply(["apiVersion": "v1", "kind": "ConfigMap"], fieldManager: "m", force: false),
                "application/apply-patch+yaml"
            ),
        ] as [(Patch, String)]
    )
    func patchKinds(patch: Patch, contentType: String) async throws {
        let transport = ScriptedTransport([], fallback: .json(200, Self.configMapJSON))
        _ = try await makeClient(transport).patch(ConfigMap.self, name: "a", patch: patch, subresource: "status")
        #expect(transport.requests.first?.header("Content-Type") == contentType)
        #expect(transport.requests.first?.url.hasPrefix("/api/v1/namespaces/team/configmaps/a/status") == true)
    }

    @Test("delete returns the object or the Status the server sent")
    func deleteResults() async throws {
        let transport = ScriptedTransport([
            .json(200, Self.configMapJSON),
            .json(200, #"{"kind":"Status","apiVersion":"v1","status":"Success","details":{"name":"a"}}"#),
        ])
        let client = makeClient(transport)
        let first = try await client.delete(ConfigMap.self, name: "a")
        #expect(first.object?.name == "a")
        let second = try await client.delete(
            ConfigMap.self,
            name: "a",
            options: DeleteOptions(propagationPolicy: .foreground)
        )
        guard case .status(let status) = second else {
            Issue.record("expected a Status")
            return
        }
        #expect(status.status == "Success")
        let body = try JSONValue(parsing: try #require(transport.requests[1].body))
        #expect(body["propagationPolicy"] == "Foreground")
    }

    @Test("An oversized body fails at once instead of being fetched again")
    func oversizedBody() async throws {
        let transport = ScriptedTransport([], fallback: .json(200, String(repeating: " ", count: 2048)))
        var configuration = ClientConfiguration(server: URL(string: "https://kube.example")!)
        configuration.maxResponseBodySize = 1024
        let client = KubeClient(configuration: configuration, transport: transport, sleep: SleepRecorder().function)
        let error = try await #require(throws: KubeError.self) { _ = try await client.send(.raw("/apis")) }
        #expect(error.code == .transport)
        #expect(transport.requests.count == 1)
    }

    @Test("A body announced beyond the limit is refused before it is read; an announced length never changes the bytes")
    func announcedLength() async throws {
        let body = ResponseBody(chunks: [Data("ab".utf8), Data("cd".utf8)])
        // The chunks are 4 bytes: only the announced 2 048 can have refused them.
        let refused = await #expect(throws: ResponseBody.BodyTooLarge.self) {
            try await body.collect(upTo: 1024, expectedCount: 2048)
        }
        #expect(refused?.limit == 1024)
        for announced in [nil, 0, 3, 4, 100] {
            let read = try await ResponseBody(chunks: [Data("ab".utf8), Data("cd".utf8)])
                .collect(upTo: 1024, expectedCount: announced)
            #expect(read == Data("abcd".utf8), "announced \(announced.map(String.init) ?? "nothing")")
        }

        let transport = ScriptedTransport(
            [],
            fallback: .json(200, "{}", headers: [KubeRequest.Header("Content-Length", "4096")])
        )
        var configuration = ClientConfiguration(server: URL(string: "https://kube.example")!)
        configuration.maxResponseBodySize = 1024
        let client = KubeClient(configuration: configuration, transport: transport, sleep: SleepRecorder().function)
        let error = try await #require(throws: KubeError.self) { _ = try await client.send(.raw("/apis")) }
        #expect(error.code == .transport)
        #expect(error.message.contains("maxResponseBodySize"), "\(error)")
    }

    @Test("An undecodable success body is a decoding error")
    func decodingError() async throws {
        let transport = ScriptedTransport([.json(200, "[1,2]")])
        let error = try await #require(throws: KubeError.self) {
            _ = try await makeClient(transport).get(ConfigMap.self, name: "a")
        }
        #expect(error.code == .decoding)
    }

    @Test("Discovery reads versions, groups and resources; a missing group-version means no resource")
    func discovery() async throws {
        let transport = ScriptedTransport([
            .json(200, #"{"major":"1","minor":"31","gitVersion":"v1.31.2","platform":"linux/amd64"}"#),
            .json(200, #"{"kind":"APIVersions","versions":["v1"]}"#),
            .json(
                200,
                #"{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}"#
            ),
            .json(
                200,
                #"{"groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get"]},{"name":"deployments/status","namespaced":true,"kind":"Deployment","verbs":["get"]}]}"#
            ),
            .json(404, #"{"kind":"Status","reason":"NotFound","code":404}"#),
            .json(
                200,
                #"{"groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get"]}]}"#
            ),
        ])
        let client = makeClient(transport)
        #expect(try await client.serverVersion().gitVersion == "v1.31.2")
        #expect(try await client.apiGroups().map(\.name) == ["", "apps"])
        #expect(try await client.hasResource(group: "apps", version: "v1", plural: "deployments"))
        #expect(
            try await !client.hasResource(group: "autoscaling.k8s.io", version: "v1", plural: "verticalpodautoscalers")
        )
        #expect(try await !client.hasResource(group: "apps", version: "v1", plural: "statefulsets"))
        #expect(
            transport.requests.map(\.url) == [
                "/version", "/api", "/apis", "/apis/apps/v1", "/apis/autoscaling.k8s.io/v1", "/apis/apps/v1",
            ]
        )
    }
}

@Suite("Watch streams")
struct WatchStreamTests {
    static func event(_ type: String, _ name: String, rv: String) -> String {
        #"{"type":"\#(type)","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","resourceVersion":"\#(rv)"}}}"#
            + "\n"
    }

    @Test("Events split across chunks and packed into one chunk are decoded in order, until the server closes")
    func decodesEvents() async throws {
        let added = Self.event("ADDED", "a", rv: "1")
        let modified = Self.event("MODIFIED", "a", rv: "2")
        let deleted = Self.event("DELETED", "a", rv: "3")
        let chunks = [
            String(added.prefix(10)), String(added.dropFirst(10)) + String(modified.prefix(5)),
            String(modified.dropFirst(5)) + deleted,
        ]
        let transport = ScriptedTransport([ScriptedTransport.Reply(statusCode: 200, chunks: chunks)])
        let stream = try await makeClient(transport).watch(
            ConfigMap.self,
            namespace: "team",
            options: WatchOptions(resourceVersion: "1", timeoutSeconds: 290)
        )
        var seen: [String] = []
        for try await event in stream {
            seen.append("\(event.type.rawValue) \(event.object.metadata.resourceVersion ?? "")")
        }
        #expect(seen == ["ADDED 1", "MODIFIED 2", "DELETED 3"])
        let request = try #require(transport.requests.first)
        #expect(
            request.url
                == "/api/v1/namespaces/team/configmaps?watch=true&resourceVersion=1&timeoutSeconds=290&allowWatchBookmarks=true"
        )
        #expect(request.timeout == .seconds(350))
    }

    @Test("A watch without timeoutSeconds has no client deadline")
    func noDeadline() async throws {
        let transport = ScriptedTransport([ScriptedTransport.Reply(statusCode: 200)])
        _ = try await makeClient(transport).watch(ConfigMap.self)
        #expect(transport.requests.first?.timeout == nil)
        #expect(transport.requests.first?.url == "/api/v1/configmaps?watch=true&allowWatchBookmarks=true")
    }

    @Test("An ERROR event with 410 is thrown as expired and ends the stream")
    func expiredEvent() async throws {
        let error =
            #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (9)","reason":"Expired","code":410}}"#
        let transport = ScriptedTransport([
            ScriptedTransport.Reply(statusCode: 200, chunks: [Self.event("ADDED", "a", rv: "1") + error + "\n"])
        ])
        let stream = try await makeClient(transport).watch(ConfigMap.self, namespace: "team")
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next()?.type == .added)
        let thrown = try await #require(throws: KubeError.self) { _ = try await iterator.next() }
        #expect(thrown.code == .expired)
        #expect(thrown.message == "too old resource version: 1 (9)")
        #expect(thrown.verb == "watch")
        #expect(try await iterator.next() == nil)
    }

    @Test("A final event without a trailing newline is still delivered")
    func trailingEvent() async throws {
        let last = String(Self.event("ADDED", "z", rv: "5").dropLast())
        let transport = ScriptedTransport([ScriptedTransport.Reply(statusCode: 200, chunks: [last])])
        let stream = try await makeClient(transport).watch(ConfigMap.self)
        var names: [String] = []
        for try await event in stream { names.append(event.object.name) }
        #expect(names == ["z"])
    }

    @Test("Bookmarks that do not decode as the type are skipped; dynamic watches see them")
    func bookmarks() async throws {
        struct Strict: Codable, Sendable {
            var metadata: ObjectMeta
            var spec: [String: String]
        }
        let bookmark =
            #"{"type":"BOOKMARK","object":{"kind":"Thing","apiVersion":"x/v1","metadata":{"resourceVersion":"7"}}}"#
        let added = #"{"type":"ADDED","object":{"metadata":{"name":"a"},"spec":{"k":"v"}}}"#
        let resource = ResourceDescriptor(group: "x", version: "v1", kind: "Thing", plural: "things", namespaced: true)
        let body = bookmark + "\n" + added + "\n"
        let transport = ScriptedTransport([], fallback: ScriptedTransport.Reply(statusCode: 200, chunks: [body]))
        let client = makeClient(transport)
        var strictTypes: [String] = []
        for try await event in try await client.watch(resource, as: Strict.self) {
            strictTypes.append(event.type.rawValue)
        }
        #expect(strictTypes == ["ADDED"])
        var dynamicVersions: [String?] = []
        for try await event in try await client.watch(resource) {
            dynamicVersions.append(event.object.metadata.resourceVersion)
        }
        #expect(dynamicVersions == ["7", nil])
    }

    @Test("A watch refused with 410 at establishment throws expired; 503 is retried first")
    func establishment() async throws {
        let transport = ScriptedTransport([
            .json(503, "{}"), .json(410, #"{"kind":"Status","reason":"Expired","code":410}"#),
        ])
        let error = try await #require(throws: KubeError.self) {
            _ = try await makeClient(transport).watch(ConfigMap.self, options: WatchOptions(resourceVersion: "1"))
        }
        #expect(error.code == .expired)
        #expect(transport.requests.count == 2)
    }

    @Test("A line that is not an event is a decoding error")
    func garbage() async throws {
        let transport = ScriptedTransport([ScriptedTransport.Reply(statusCode: 200, chunks: ["<html>\n"])])
        let stream = try await makeClient(transport).watch(ConfigMap.self)
        var iterator = stream.makeAsyncIterator()
        let error = try await #require(throws: KubeError.self) { _ = try await iterator.next() }
        #expect(error.code == .decoding)
    }
}
