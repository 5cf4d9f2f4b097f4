import Foundation
import KubeTestServer
import Testing

/// kubectl from the repository's `.tools` (where the environment installs it), if present.
let kubectlPath =
    FileManager.default.isExecutableFile(atPath: "/work/main/.tools/bin/kubectl")
    ? "/work/main/.tools/bin/kubectl" : "/work/bin/kubectl"

/// Real kubectl against the server. Generators (`kubectl create configmap`) send protobuf, which the server decodes
/// only for Namespace, ConfigMap, Secret and ServiceAccount; manifests (`create -f`, `apply -f`) are sent as JSON.
/// Client-side validation (`--validate`) needs the OpenAPI v3 documents, so these tests pass `--validate=false`.
@Suite("Real kubectl against KubeTestServer", .enabled(if: FileManager.default.isExecutableFile(atPath: kubectlPath)))
struct KubectlSmokeTests {
    static let kubectl = kubectlPath

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

    func kubectl(_ arguments: String..., config: String) async throws -> ProcessRunner.Output {
        let output = try await ProcessRunner.runAsync(
            Self.kubectl,
            arguments,
            environment: ["KUBECONFIG": config, "HOME": NSTemporaryDirectory()]
        )
        print("kubectl \(arguments.joined(separator: " ")) →", output.status, output.stdout, output.stderr)
        return output
    }

    @Test("kubectl applies, lists, scales and deletes manifests over TLS with a bearer token")
    func manifestRoundTrip() async throws {
        let server = try await KubeTestServer.start()
        let directory = NSTemporaryDirectory() + "kts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = directory + "/kubeconfig"
        let file = directory + "/manifest.yaml"
        try server.writeKubeconfig(to: config)
        try Self.manifest.write(toFile: file, atomically: true, encoding: .utf8)

        #expect(try await kubectl("create", "namespace", "team", config: config).status == 0)
        #expect(
            try await kubectl("create", "configmap", "settings", "-n", "team", "--from-literal=k=v", config: config)
                .status == 0
        )
        #expect(
            try await kubectl("get", "configmap", "settings", "-n", "team", "-o", "jsonpath={.data.k}", config: config)
                .stdout == "v"
        )
        #expect(
            try await kubectl("create", "secret", "generic", "token", "--from-literal=t=s3cret", config: config).status
                == 0
        )
        #expect(try await kubectl("apply", "--validate=false", "-f", file, config: config).status == 0)
        #expect(try await kubectl("get", "configmaps", "-o", "name", config: config).stdout.contains("configmap/demo"))
        #expect(
            try await kubectl("get", "deploy", "web", "-o", "json", config: config).stdout.contains("\"generation\": 1")
        )
        #expect(try await kubectl("scale", "deployment/web", "--replicas=3", config: config).status == 0)
        #expect(
            try await kubectl("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}", config: config).stdout
                == "3"
        )
        #expect(try await kubectl("apply", "--server-side", "--validate=false", "-f", file, config: config).status == 0)
        #expect(try await kubectl("label", "configmap", "demo", "tier=x", config: config).status == 0)
        #expect(try await kubectl("get", "cm", "-l", "tier=x", "-o", "name", config: config).stdout.contains("demo"))
        #expect(try await kubectl("delete", "-f", file, config: config).status == 0)
        #expect(try await kubectl("get", "cm", "demo", config: config).stderr.contains("NotFound"))
        try await server.shutdown()
    }

    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wd]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true

        """

    static let widget = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: gear
        spec:
          size: 3

        """

    @Test("kubectl sees a CRD's resource in discovery as soon as the CRD exists, and loses it on delete")
    func customResources() async throws {
        let server = try await KubeTestServer.start()
        let directory = NSTemporaryDirectory() + "kts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = directory + "/kubeconfig"
        let file = directory + "/crd.yaml"
        let widgetFile = directory + "/widget.yaml"
        try server.writeKubeconfig(to: config)
        try Self.crd.write(toFile: file, atomically: true, encoding: .utf8)
        try Self.widget.write(toFile: widgetFile, atomically: true, encoding: .utf8)
        #expect(try await kubectl("apply", "--validate=false", "-f", file, config: config).status == 0)
        #expect(try await kubectl("apply", "--validate=false", "-f", widgetFile, config: config).status == 0)
        #expect(
            try await kubectl("api-resources", "--api-group=example.com", config: config).stdout.contains("widgets")
        )
        #expect(try await kubectl("get", "wd", "-o", "name", config: config).stdout.contains("widget.example.com/gear"))
        #expect(try await kubectl("delete", "crd", "widgets.example.com", config: config).status == 0)
        #expect(
            try await kubectl("api-resources", "--api-group=example.com", config: config).stdout.contains("widgets")
                == false
        )
        try await server.shutdown()
    }

    @Test("kubectl authenticates with a client certificate when the server accepts them")
    func clientCertificate() async throws {
        let server = try await KubeTestServer.start(.init(clientCertificateAuth: true))
        let directory = NSTemporaryDirectory() + "kts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = directory + "/kubeconfig"
        try server.writeKubeconfig(to: config, clientCertificate: try server.makeClientCertificate())
        let namespaces = try await kubectl("get", "namespaces", "-o", "name", config: config)
        #expect(namespaces.stdout.contains("namespace/kube-system"))
        #expect(server.requestLog.entries.contains { $0.code == 401 } == false)
        try await server.shutdown()
    }
}
