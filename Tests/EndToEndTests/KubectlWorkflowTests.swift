import Foundation
import KubeTestServer
import Testing

/// Everyday kubectl workflows against the in-process server: generators (which send protobuf), manifests with
/// several documents, `scale`, `delete -f`, CRD removal, and client-certificate authentication.
@Suite("Real kubectl workflows against KubeTestServer", .timeLimit(.minutes(2)))
struct KubectlWorkflowTests {
    static let manifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: demo
          labels:
            app: demo
        data:
          a: b
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """

    @Test("generators, a multi-document manifest, scale, label selectors and delete -f")
    func manifestRoundTrip() async throws {
        try await withKubectl { kubectl, _ in
            try await kubectl.succeed(["create", "namespace", "team"])
            try await kubectl.succeed(["create", "configmap", "settings", "-n", "team", "--from-literal=k=v"])
            #expect(
                try await kubectl.succeed(["get", "cm", "settings", "-n", "team", "-o", "jsonpath={.data.k}"]) == "v"
            )
            try await kubectl.succeed(["create", "secret", "generic", "token", "--from-literal=t=s3cret"])

            try await kubectl.succeed(["apply", "-f", "-"], stdin: Self.manifest)
            #expect(try await kubectl.succeed(["get", "configmaps", "-o", "name"]).contains("configmap/demo"))
            #expect(try await kubectl.succeed(["get", "deploy", "web", "-o", "json"]).contains("\"generation\": 1"))

            try await kubectl.succeed(["scale", "deployment/web", "--replicas=3"])
            #expect(try await kubectl.succeed(["get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"]) == "3")

            try await kubectl.succeed(["label", "configmap", "demo", "tier=x"])
            #expect(try await kubectl.succeed(["get", "cm", "-l", "tier=x", "-o", "name"]).contains("demo"))

            try await kubectl.succeed(["delete", "-f", "-"], stdin: Self.manifest)
            let missing = try await kubectl.run(["get", "cm", "demo"])
            #expect(missing.stderr.contains("NotFound"))
        }
    }

    @Test("a CRD's resource leaves discovery when the CRD is deleted")
    func crdRemoval() async throws {
        try await withKubectl { kubectl, _ in
            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: KubectlTests.widgetDefinition)
            try await kubectl.succeed([
                "wait", "--for=condition=Established", "crd/widgets.conformance.agriplatform.io", "--timeout=20s",
            ])
            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: KubectlTests.widget)
            #expect(try await kubectl.succeed(["get", "wdg", "-o", "name"]).contains("small"))

            try await kubectl.succeed(["delete", "crd", "widgets.conformance.agriplatform.io"])
            let after = try await kubectl.succeed(["api-resources", "--api-group=conformance.agriplatform.io"])
            #expect(!after.contains("widgets"))
        }
    }

    @Test("kubectl authenticates with a client certificate when the server accepts them")
    func clientCertificate() async throws {
        let server = try await KubeTestServer.start(.init(clientCertificateAuth: true))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kubectl-cert-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("kubeconfig").path
        try server.writeKubeconfig(to: config, clientCertificate: try server.makeClientCertificate())
        let kubectl = try Kubectl(kubeconfig: config)
        let namespaces = try await kubectl.succeed(["get", "namespaces", "-o", "name"])
        #expect(namespaces.contains("namespace/kube-system"))
        #expect(!server.requestLog.entries.contains { $0.code == 401 })
        try await server.shutdown()
    }
}

/// Starts a server, writes its kubeconfig, runs `body` with kubectl pointed at it, and cleans up.
func withKubectl(_ body: (Kubectl, KubeTestServer) async throws -> Void) async throws {
    let server = try await KubeTestServer.start()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let kubeconfig = directory.appendingPathComponent("kubeconfig").path
    do {
        try server.writeKubeconfig(to: kubeconfig)
        try await body(try Kubectl(kubeconfig: kubeconfig), server)
    } catch {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
        throw error
    }
    try await server.shutdown()
    try? FileManager.default.removeItem(at: directory)
}
