import KubeTestServer
import Testing

@testable import KubeTestServer

@Suite("Request routing")
struct RequestRouteTests {
    static let cases: [(String, RequestRoute)] = [
        ("/version", .version),
        ("/api", .coreAPIVersions),
        ("/apis", .apiGroupList),
        ("/apis/apps", .apiGroup("apps")),
        ("/api/v1", .apiResourceList(group: "", version: "v1")),
        ("/apis/apps/v1", .apiResourceList(group: "apps", version: "v1")),
        ("/openapi/v2", .openAPIV2),
        ("/openapi/v3", .openAPIV3Index),
        ("/openapi/v3/apis/apps/v1", .openAPIV3Document("apis/apps/v1")),
        ("/api/v1/namespaces", .resource(ResourceRoute(group: "", version: "v1", resource: "namespaces"))),
        (
            "/api/v1/namespaces/default",
            .resource(ResourceRoute(group: "", version: "v1", resource: "namespaces", name: "default"))
        ),
        (
            "/api/v1/namespaces/default/status",
            .resource(
                ResourceRoute(group: "", version: "v1", resource: "namespaces", name: "default", subresource: "status")
            )
        ),
        (
            "/api/v1/namespaces/default/pods",
            .resource(ResourceRoute(group: "", version: "v1", namespace: "default", resource: "pods"))
        ),
        (
            "/apis/apps/v1/namespaces/ns1/deployments/web/scale",
            .resource(
                ResourceRoute(
                    group: "apps",
                    version: "v1",
                    namespace: "ns1",
                    resource: "deployments",
                    name: "web",
                    subresource: "scale"
                )
            )
        ),
        ("/apis/apps/v1/deployments", .resource(ResourceRoute(group: "apps", version: "v1", resource: "deployments"))),
        ("/apis/apps/v1/namespaces/a/deployments/b/c/d", .unknown),
        ("/nothing", .unknown),
    ]

    @Test("A path splits into group, version, namespace, resource, name and subresource", arguments: cases)
    func parse(path: String, expected: RequestRoute) {
        #expect(RequestRoute(path: path) == expected)
    }

    @Test(
        "The verb follows the method, the name and the watch parameter",
        arguments: [
            ("GET", nil, false, "list"), ("GET", "web", false, "get"), ("GET", nil, true, "watch"),
            ("POST", nil, false, "create"), ("PUT", "web", false, "update"), ("PATCH", "web", false, "patch"),
            ("DELETE", "web", false, "delete"), ("DELETE", nil, false, "deletecollection"),
        ] as [(String, String?, Bool, String)]
    )
    func verb(method: String, name: String?, watch: Bool, expected: String) {
        let route = ResourceRoute(
            group: "apps",
            version: "v1",
            namespace: "default",
            resource: "deployments",
            name: name
        )
        #expect(APIServer.verb(method: method, route: route, query: watch ? ["watch": "true"] : [:]) == expected)
    }

    @Test(
        "Label selectors match like the API server",
        arguments: [
            ("app=web", ["app": "web"], true), ("app==web", ["app": "db"], false), ("app!=web", [:], true),
            ("tier in (a, b)", ["tier": "b"], true), ("tier notin (a,b)", ["tier": "a"], false),
            ("app", ["app": ""], true), ("!app", ["app": "x"], false), ("app=web,tier in (a)", ["app": "web"], false),
            ("", ["x": "y"], true),
        ] as [(String, [String: String], Bool)]
    )
    func labelSelector(text: String, labels: [String: String], expected: Bool) throws {
        #expect(try SelectorQuery(labelSelector: text).matches(labels: labels) == expected)
    }

    @Test("A continue token round-trips its resourceVersion and last key")
    func continueToken() throws {
        let token = ContinueToken(resourceVersion: 42, lastKey: "default/web")
        #expect(ContinueToken(encoded: token.encoded) == token)
        #expect(ContinueToken(encoded: "%%%") == nil)
    }

    @Test(
        "Names are validated as DNS-1123 subdomains",
        arguments: [("web", true), ("web.example.com", true), ("Web", false), ("-web", false), ("", false)]
    )
    func subdomain(name: String, valid: Bool) {
        #expect(ObjectValidation.isDNS1123Subdomain(name) == valid)
    }
}
