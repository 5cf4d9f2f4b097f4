import Foundation
import KubeCore
import KubeTestServer
import Testing

/// Requests over real TLS with curl (trusting the server's generated CA).
@Suite("HTTP over TLS", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct HTTPServerTests {
    struct Reply {
        var code: Int
        var headers: String
        var body: JSONValue?
        var text: String
    }

    static func curl(
        _ server: KubeTestServer,
        _ method: String,
        _ path: String,
        body: String? = nil,
        contentType: String = "application/json",
        token: String? = nil,
        useToken: Bool = true
    ) async throws -> Reply {
        let directory = NSTemporaryDirectory()
        let ca = directory + "ca-\(UUID().uuidString).pem"
        try server.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
        let headerFile = directory + "headers-\(UUID().uuidString)"
        var arguments = ["-sS", "--cacert", ca, "-X", method, "-D", headerFile, "-o", "-", "-w", "\n%{http_code}"]
        if useToken, let bearer = token ?? server.configuration.bearerToken {
            arguments += ["-H", "Authorization: Bearer \(bearer)"]
        }
        if let body { arguments += ["-H", "Content-Type: \(contentType)", "--data-binary", body] }
        arguments.append(server.url + path)
        let output = try await ProcessRunner.runAsync("/usr/bin/curl", arguments)
        var lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let code = Int(lines.popLast() ?? "") ?? 0
        let text = lines.joined(separator: "\n")
        let headers = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        return Reply(code: code, headers: headers, body: try? JSONValue(parsing: Data(text.utf8)), text: text)
    }

    @Test("Requests without the bearer token get a 401 Status; /version is public")
    func authentication() async throws {
        let server = try await KubeTestServer.start()
        let denied = try await Self.curl(server, "GET", "/api/v1/namespaces", useToken: false)
        #expect(denied.code == 401)
        #expect(denied.body?["reason"] == "Unauthorized")
        let wrong = try await Self.curl(server, "GET", "/api/v1/namespaces", token: "wrong")
        #expect(wrong.code == 401)
        let version = try await Self.curl(server, "GET", "/version", useToken: false)
        #expect(version.body?["gitVersion"] == "v1.33.0")
        let namespaces = try await Self.curl(server, "GET", "/api/v1/namespaces")
        #expect(namespaces.body?["items"]?.arrayValue?.count == 4)
        try await server.shutdown()
    }

    @Test("NotFound, AlreadyExists and Invalid answers are Status bodies with the API server's messages")
    func errors() async throws {
        let server = try await KubeTestServer.start()
        let missing = try await Self.curl(server, "GET", "/apis/apps/v1/namespaces/default/deployments/web")
        #expect(missing.code == 404)
        #expect(missing.body?["message"] == "deployments.apps \"web\" not found")
        #expect(missing.body?[path: ["details", "kind"]] == "deployments")
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}"#
        #expect(try await Self.curl(server, "POST", "/api/v1/namespaces/default/configmaps", body: body).code == 201)
        let again = try await Self.curl(server, "POST", "/api/v1/namespaces/default/configmaps", body: body)
        #expect(again.code == 409)
        #expect(again.body?["reason"] == "AlreadyExists")
        let invalid = try await Self.curl(
            server,
            "POST",
            "/apis/apps/v1/namespaces/default/deployments",
            body: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"Bad_Name"},"spec":{}}"#
        )
        #expect(invalid.code == 422)
        #expect(invalid.body?["reason"] == "Invalid")
        let fields = invalid.body?[path: ["details", "causes"]]?.arrayValue?.compactMap { $0["field"]?.stringValue }
        #expect(fields?.contains("metadata.name") == true)
        #expect(fields?.contains("spec.selector") == true)
        try await server.shutdown()
    }

    @Test("An injected 429 carries Retry-After and details.retryAfterSeconds, then requests succeed")
    func injectedFault() async throws {
        let server = try await KubeTestServer.start()
        server.faults.inject(.tooManyRequests(retryAfterSeconds: 7), count: 1, verb: "list", resource: "configmaps")
        let limited = try await Self.curl(server, "GET", "/api/v1/namespaces/default/configmaps")
        #expect(limited.code == 429)
        #expect(limited.headers.lowercased().contains("retry-after: 7"))
        #expect(limited.body?[path: ["details", "retryAfterSeconds"]] == 7)
        #expect(try await Self.curl(server, "GET", "/api/v1/namespaces/default/configmaps").code == 200)
        #expect(server.requestLog.count(verb: "list", resource: "configmaps") == 2)
        #expect(server.requestLog.writeCount == 0)
        try await server.shutdown()
    }

    @Test("A watch with timeoutSeconds streams initial ADDED events and a final BOOKMARK, then ends")
    func watchStream() async throws {
        let server = try await KubeTestServer.start()
        try await server.seed([["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]]])
        let reply = try await Self.curl(
            server,
            "GET",
            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&timeoutSeconds=1&allowWatchBookmarks=true"
        )
        let events = reply.text.split(separator: "\n").compactMap { try? JSONValue(parsing: Data($0.utf8)) }
        #expect(events.first?["type"] == "ADDED")
        #expect(events.first?[path: ["object", "metadata", "name"]] == "a")
        #expect(events.last?["type"] == "BOOKMARK")
        try await server.shutdown()
    }

    @Test("A forced expiry answers the watch with an ERROR event carrying 410 Expired")
    func expiredWatch() async throws {
        let server = try await KubeTestServer.start()
        server.faults.expireNextWatch()
        let reply = try await Self.curl(
            server,
            "GET",
            "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=5"
        )
        let event = try JSONValue(
            parsing: Data(reply.text.split(separator: "\n").first.map(String.init)?.utf8 ?? "".utf8)
        )
        #expect(event["type"] == "ERROR")
        #expect(event[path: ["object", "code"]] == 410)
        #expect(event[path: ["object", "reason"]] == "Expired")
        try await server.shutdown()
    }

    @Test("Merge patch, stale-resourceVersion update and dry run behave like the API server")
    func writes() async throws {
        let server = try await KubeTestServer.start()
        let path = "/api/v1/namespaces/default/configmaps"
        let created = try await Self.curl(
            server,
            "POST",
            path,
            body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"1"}}"#
        )
        let version = try #require(created.body?[path: ["metadata", "resourceVersion"]]?.stringValue)
        let patched = try await Self.curl(
            server,
            "PATCH",
            path + "/a",
            body: #"{"data":{"k":"2"}}"#,
            contentType: "application/merge-patch+json"
        )
        #expect(patched.body?[path: ["data", "k"]] == "2")
        let stale = try await Self.curl(
            server,
            "PUT",
            path + "/a",
            body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"\#(version)"}}"#
        )
        #expect(stale.code == 409)
        #expect(stale.body?["reason"] == "Conflict")
        let dryRun = try await Self.curl(
            server,
            "POST",
            path + "?dryRun=All",
            body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}"#
        )
        #expect(dryRun.code == 201)
        #expect(try await Self.curl(server, "GET", path + "/b").code == 404)
        try await server.shutdown()
    }

    @Test("Clients offering h2 through ALPN are served over HTTP/2, watches included")
    func http2() async throws {
        let server = try await KubeTestServer.start()
        let ca = NSTemporaryDirectory() + "ca-\(UUID().uuidString).pem"
        try server.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
        let token = try #require(server.configuration.bearerToken)
        let output = try await ProcessRunner.runAsync(
            "/usr/bin/curl",
            [
                "-sS", "--http2", "--cacert", ca, "-H", "Authorization: Bearer \(token)", "-w", "\n%{http_version}",
                server.url + "/api/v1/namespaces?watch=true&timeoutSeconds=1",
            ]
        )
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.last == "2")
        #expect(lines.filter { $0.contains("\"ADDED\"") }.count == 4)
        try await server.shutdown()
    }

    @Test("Status and scale subresources and strategic merge on custom resources behave like the API server")
    func subresources() async throws {
        let server = try await KubeTestServer.start()
        let deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,
            "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """
        let path = "/apis/apps/v1/namespaces/default/deployments"
        #expect(try await Self.curl(server, "POST", path, body: deployment).code == 201)
        let status = try await Self.curl(
            server,
            "PATCH",
            path + "/web/status",
            body: #"{"status":{"readyReplicas":2},"spec":{"replicas":9}}"#,
            contentType: "application/merge-patch+json"
        )
        #expect(status.body?[path: ["status", "readyReplicas"]] == 2)
        #expect(status.body?[path: ["spec", "replicas"]] == 2)
        let scale = try await Self.curl(server, "GET", path + "/web/scale")
        #expect(scale.body?["kind"] == "Scale")
        #expect(scale.body?[path: ["spec", "replicas"]] == 2)
        #expect(scale.body?[path: ["status", "selector"]] == "app=web")
        let scaled = try await Self.curl(
            server,
            "PATCH",
            path + "/web/scale",
            body: #"{"spec":{"replicas":5}}"#,
            contentType: "application/merge-patch+json"
        )
        #expect(scaled.body?[path: ["spec", "replicas"]] == 5)
        let generation = try await Self.curl(server, "GET", path + "/web")
        #expect(generation.body?[path: ["metadata", "generation"]] == 2)

        let crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
            "metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced",
            "names":{"plural":"widgets","kind":"Widget"},"versions":[{"name":"v1","served":true,"storage":true,
            "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """
        #expect(
            try await Self.curl(server, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd)
                .code == 201
        )
        let widgets = "/apis/example.com/v1/namespaces/default/widgets"
        #expect(
            try await Self.curl(
                server,
                "POST",
                widgets,
                body: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}"#
            ).code == 201
        )
        let strategic = try await Self.curl(
            server,
            "PATCH",
            widgets + "/w",
            body: #"{"spec":{"a":1}}"#,
            contentType: "application/strategic-merge-patch+json"
        )
        #expect(strategic.code == 415)
        #expect(strategic.body?["reason"] == "UnsupportedMediaType")
        let unknown = try await Self.curl(server, "GET", "/apis/example.com/v1/namespaces/default/gadgets")
        #expect(unknown.code == 404)
        try await server.shutdown()
    }
}
