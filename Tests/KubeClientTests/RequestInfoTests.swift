import KubeClient
import Testing

@Suite("Request path parsing")
struct RequestInfoTests {
    @Test(
        "Paths parse like the API server's RequestInfoFactory",
        arguments: [
            ("/api/v1/namespaces/team/configmaps/a", "configmaps", "team", "a", nil),
            ("/api/v1/namespaces/team/configmaps", "configmaps", "team", nil, nil),
            ("/api/v1/configmaps", "configmaps", nil, nil, nil),
            ("/apis/apps/v1/namespaces/team/deployments/web/status", "deployments.apps", "team", "web", "status"),
            ("/apis/apps/v1/namespaces/team/deployments/web/scale", "deployments.apps", "team", "web", "scale"),
            ("/api/v1/namespaces/team", "namespaces", nil, "team", nil),
            ("/api/v1/namespaces/team/status", "namespaces", nil, "team", "status"),
            ("/api/v1/namespaces", "namespaces", nil, nil, nil),
            ("/apis/agri.example.com/v1alpha1/agriplatforms", "agriplatforms.agri.example.com", nil, nil, nil),
            ("/version", "/version", nil, nil, nil),
            ("/apis", "/apis", nil, nil, nil),
            ("/apis/apps/v1", "/apis/apps/v1", nil, nil, nil),
            ("/api/v1", "/api/v1", nil, nil, nil),
        ] as [(String, String, String?, String?, String?)]
    )
    func parse(path: String, resource: String, namespace: String?, name: String?, subresource: String?) {
        let info = RequestInfo(path: path)
        #expect(info.metricsResource == resource)
        #expect(info.namespace == namespace)
        #expect(info.name == name)
        #expect(info.subresource == subresource)
    }
}
