import Foundation
import KubeTestServer
import Testing

/// Real `kubectl` (v1.33, installed by `scripts/install-tools`) against the in-process API server.
///
/// These tests pin down that `KubeTestServer` speaks the API closely enough for the tool our users run: discovery,
/// OpenAPI-backed validation, server-side apply, tables with printer columns, watches and patches.
@Suite("Real kubectl against KubeTestServer", .timeLimit(.minutes(2)))
struct KubectlTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels:
            app: web
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
                ports:
                - containerPort: 80
        """

    static let widgetDefinition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.conformance.agriplatform.io
        spec:
          group: conformance.agriplatform.io
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wdg]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: integer
              jsonPath: .spec.size
            - name: Color
              type: string
              jsonPath: .spec.color
            schema:
              openAPIV3Schema:
                type: object
                description: A Widget is a test resource.
                properties:
                  spec:
                    type: object
                    description: The desired widget.
                    required: [size]
                    properties:
                      size:
                        type: integer
                        minimum: 1
                        maximum: 10
                        description: How big the widget is.
                      color:
                        type: string
                        default: green
                        enum: [green, red]
                  status:
                    type: object
                    properties:
                      ready:
                        type: boolean
        """

    static let widget = """
        apiVersion: conformance.agriplatform.io/v1
        kind: Widget
        metadata:
          name: small
          namespace: default
        spec:
          size: 3
        """

    @Test("kubectl version reads the server version")
    func version() async throws {
        try await withKubectl { kubectl in
            let output = try await kubectl.succeed(["version", "-o", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let server = try #require(json?["serverVersion"] as? [String: Any], "no serverVersion in \(output)")
            #expect((server["gitVersion"] as? String)?.hasPrefix("v1.") == true)
        }
    }

    @Test("kubectl api-resources lists built-in kinds, and a CRD's kind once it is established")
    func apiResources() async throws {
        try await withKubectl { kubectl in
            let before = try await kubectl.succeed(["api-resources", "--no-headers"])
            #expect(before.contains("deployments"))
            #expect(before.contains("apps/v1"))
            #expect(before.contains("configmaps"))
            #expect(!before.contains("widgets"))

            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.widgetDefinition)
            try await kubectl.succeed([
                "wait", "--for=condition=Established", "crd/widgets.conformance.agriplatform.io", "--timeout=20s",
            ])
            let after = try await kubectl.succeed(["api-resources", "--api-group=conformance.agriplatform.io"])
            #expect(after.contains("widgets"))
            #expect(after.contains("wdg"))
        }
    }

    @Test("kubectl apply --server-side creates a Deployment owned by kubectl, and get -o yaml shows it")
    func serverSideApplyDeployment() async throws {
        try await withKubectl { kubectl in
            let applied = try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.deployment)
            #expect(applied.contains("deployment.apps/web serverside-applied"))

            let yaml = try await kubectl.succeed(["get", "deployment", "web", "-n", "default", "-o", "yaml"])
            #expect(yaml.contains("image: nginx:1.27"))
            #expect(yaml.contains("resourceVersion:"))
            let manager = try await kubectl.succeed([
                "get", "deployment", "web", "-n", "default", "-o", "jsonpath={.metadata.managedFields[0].manager}",
            ])
            #expect(manager == "kubectl")

            // Applying the same manifest again changes nothing.
            let rv1 = try await kubectl.succeed(["get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}"])
            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.deployment)
            let rv2 = try await kubectl.succeed(["get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}"])
            #expect(rv1 == rv2)
        }
    }

    @Test("kubectl applies a CRD and a custom resource, prints its columns, and shows schema errors")
    func customResource() async throws {
        try await withKubectl { kubectl in
            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.widgetDefinition)
            try await kubectl.succeed([
                "wait", "--for=condition=Established", "crd/widgets.conformance.agriplatform.io", "--timeout=20s",
            ])
            let applied = try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.widget)
            #expect(applied.contains("widget.conformance.agriplatform.io/small serverside-applied"))

            let table = try await kubectl.succeed(["get", "widgets", "-n", "default"])
            let lines = table.split(separator: "\n").map(String.init)
            let header = try #require(lines.first)
            #expect(header.contains("NAME") && header.contains("SIZE") && header.contains("COLOR"))
            let row = try #require(lines.dropFirst().first)
            #expect(row.contains("small") && row.contains("3") && row.contains("green"), "defaulted color: \(row)")

            let invalid = Self.widget.replacingOccurrences(of: "size: 3", with: "size: 30")
            let rejected = try await kubectl.run(["apply", "--server-side", "-f", "-"], stdin: invalid)
            #expect(rejected.status != 0)
            #expect(rejected.stderr.contains("spec.size"), "error names the field: \(rejected.stderr)")

            let explained = try await kubectl.succeed(["explain", "widgets.spec.size"])
            #expect(explained.contains("How big the widget is."))
        }
    }

    @Test("kubectl get -w sees a change made by another kubectl")
    func watch() async throws {
        try await withKubectl { kubectl in
            // `kubectl create configmap` would send protobuf, which the test server does not speak (docs/test-server.md).
            try await kubectl.succeed(
                ["apply", "--server-side", "-f", "-"],
                stdin:
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata: {a: '1'}\n"
            )
            let (process, lines) = try kubectl.stream(["get", "configmaps", "-n", "default", "-w"])
            defer { process.terminate() }
            var iterator = lines.makeAsyncIterator()
            var seen: [String] = []
            while let line = await iterator.next() {
                seen.append(line)
                if line.contains("settings") { break }
            }
            #expect(seen.contains { $0.contains("settings") }, "initial listing: \(seen)")

            try await kubectl.succeed(["label", "configmap", "settings", "-n", "default", "tier=gold"])
            var sawChange = false
            while let line = await iterator.next() {
                if line.contains("settings") {
                    sawChange = true
                    break
                }
            }
            #expect(sawChange, "kubectl get -w printed the modified ConfigMap")
        }
    }

    @Test("kubectl label, patch --type merge, patch --type json and delete change what get shows")
    func labelPatchDelete() async throws {
        try await withKubectl { kubectl in
            try await kubectl.succeed(["apply", "--server-side", "-f", "-"], stdin: Self.deployment)

            try await kubectl.succeed(["label", "deployment", "web", "tier=frontend"])
            let label = try await kubectl.succeed(["get", "deploy", "web", "-o", "jsonpath={.metadata.labels.tier}"])
            #expect(label == "frontend")

            try await kubectl.succeed([
                "patch", "deployment", "web", "--type", "merge", "-p", #"{"spec":{"replicas":5}}"#,
            ])
            let replicas = try await kubectl.succeed(["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])
            #expect(replicas == "5")

            try await kubectl.succeed([
                "patch", "deployment", "web", "--type", "json",
                "-p", #"[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]"#,
            ])
            let image = try await kubectl.succeed([
                "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
            ])
            #expect(image == "nginx:1.28")

            let deleted = try await kubectl.succeed(["delete", "deployment", "web"])
            #expect(deleted.contains("deployment.apps \"web\" deleted"))
            let missing = try await kubectl.run(["get", "deployment", "web"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("NotFound") || missing.stderr.contains("not found"))
        }
    }

    private func withKubectl(_ body: (Kubectl) async throws -> Void) async throws {
        try await EndToEndTests.withKubectl { kubectl, _ in try await body(kubectl) }
    }
}
