import AgriPlatformImport
import ArgumentParser
import Foundation
import KubeCore
import KubeTestServer
import TestSupport
import Testing

@testable import agri_operator

/// `agri-operator import ecs --kubeconfig …` run in-process against a KubeTestServer that has, or has not, the
/// External Secrets Operator's CRDs: the version written, the error, the hint, and no write to the cluster.
@Suite("agri-operator import detects the External Secrets Operator", .timeLimit(.minutes(2)))
struct ImportDiscoveryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AgriPlatformImportTests/Fixtures/farmers-module")

    /// A CRD of the `external-secrets.io` group serving `versions` (the first is the storage version).
    static func crd(plural: String, kind: String, versions: [String]) -> JSONValue {
        let served: [JSONValue] = versions.enumerated().map { index, version in
            [
                "name": .string(version), "served": true, "storage": .bool(index == 0),
                "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
            ]
        }
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).external-secrets.io")],
            "spec": [
                "group": "external-secrets.io", "scope": "Namespaced",
                "names": [
                    "plural": .string(plural), "singular": .string(kind.lowercased()), "kind": .string(kind),
                ],
                "versions": .array(served),
            ],
        ]
    }

    /// The External Secrets Operator's two CRDs in `versions`, and the SecretStore `aws` in `farm` when
    /// `withStore`.
    static func operatorObjects(versions: [String], withStore: Bool) -> [JSONValue] {
        var objects: [JSONValue] = [
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "farm"]],
            crd(plural: "externalsecrets", kind: "ExternalSecret", versions: versions),
            crd(plural: "secretstores", kind: "SecretStore", versions: versions),
        ]
        if withStore, let version = versions.first {
            objects.append([
                "apiVersion": .string("external-secrets.io/\(version)"), "kind": "SecretStore",
                "metadata": ["name": "aws", "namespace": "farm"],
                "spec": ["provider": ["aws": ["service": "SecretsManager", "region": "eu-central-1"]]],
            ])
        }
        return objects
    }

    /// Parses `import ecs` for seed 001's documents with `arguments` added, and runs its import.
    static func runImport(_ arguments: [String]) async throws -> ImportResult {
        let files = [
            "--task-definition", fixtures.appendingPathComponent("task-definition.json").path,
            "--service", fixtures.appendingPathComponent("services.json").path,
        ]
        let command = try ImportECS.parse(files + arguments)
        return try await command.importResult()
    }

    /// Starts a server with `objects`, writes its kubeconfig, and runs `body` with the kubeconfig's path.
    static func withCluster(
        _ objects: [JSONValue],
        _ body: @Sendable (TestCluster, String) async throws -> Void
    ) async throws {
        try await TestCluster.with { cluster in
            try await cluster.server.seed(objects)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            try cluster.server.writeKubeconfig(to: kubeconfig)
            let writesBefore = cluster.server.requestLog.writeCount
            try await body(cluster, kubeconfig)
            #expect(cluster.server.requestLog.writeCount == writesBefore, "the import never writes to the cluster")
        }
    }

    @Test("v1 and v1beta1 served and the store present: ExternalSecrets are written as v1")
    func bothVersionsServed() async throws {
        try await Self.withCluster(Self.operatorObjects(versions: ["v1", "v1beta1"], withStore: true)) { _, path in
            let result = try await Self.runImport([
                "--kubeconfig", path, "--namespace", "farm", "--external-secrets-store", "aws",
            ])
            try #require(!result.extraObjects.isEmpty)
            #expect(result.extraObjects.allSatisfy { $0["apiVersion"] == "external-secrets.io/v1" })
            #expect(result.notes.contains { $0.awsPath == "discovery" && $0.message.contains("in v1, v1beta1") })
            #expect(!result.summary().contains("does not exist"))
        }
    }

    @Test("v1beta1 only and no store yet: v1beta1, and the summary says the store is missing")
    func olderOperatorWithoutStore() async throws {
        try await Self.withCluster(Self.operatorObjects(versions: ["v1beta1"], withStore: false)) { _, path in
            let result = try await Self.runImport([
                "--kubeconfig", path, "--namespace", "farm", "--external-secrets-store", "aws",
            ])
            try #require(!result.extraObjects.isEmpty)
            #expect(result.extraObjects.allSatisfy { $0["apiVersion"] == "external-secrets.io/v1beta1" })
            #expect(result.summary().contains("the SecretStore aws in namespace farm does not exist yet"))
        }
    }

    @Test("The store is looked up in the kubeconfig context's namespace when --namespace is not given")
    func storeInContextNamespace() async throws {
        try await Self.withCluster(Self.operatorObjects(versions: ["v1"], withStore: true)) { _, path in
            let result = try await Self.runImport(["--kubeconfig", path, "--external-secrets-store", "aws"])
            #expect(result.summary().contains("the SecretStore aws in namespace default does not exist yet"))
        }
    }

    @Test("Opted in but the operator is not installed: the import fails naming the CRD")
    func operatorMissing() async throws {
        try await Self.withCluster([]) { _, path in
            let error = await #expect(throws: ImportError.self) {
                try await Self.runImport(["--kubeconfig", path, "--external-secrets-store", "aws"])
            }
            #expect(error?.path == "externalsecrets.external-secrets.io")
            #expect(error?.description.contains("does not serve its CRD externalsecrets.external-secrets.io") == true)
        }
    }

    @Test("Not opted in: the summary suggests --external-secrets-store only when the cluster serves ExternalSecrets")
    func suggestion() async throws {
        try await Self.withCluster(Self.operatorObjects(versions: ["v1"], withStore: false)) { _, path in
            let result = try await Self.runImport(["--kubeconfig", path])
            #expect(result.extraObjects.isEmpty)
            #expect(result.summary().contains("pass --external-secrets-store NAME"))
        }
        try await Self.withCluster([]) { _, path in
            let result = try await Self.runImport(["--kubeconfig", path])
            #expect(!result.summary().contains("pass --external-secrets-store NAME"))
        }
    }

    @Test("Without --kubeconfig or --detect no cluster is asked and v1beta1 is assumed, said in the summary")
    func offline() async throws {
        let result = try await Self.runImport(["--external-secrets-store", "aws"])
        #expect(result.extraObjects.allSatisfy { $0["apiVersion"] == "external-secrets.io/v1beta1" })
        #expect(result.summary().contains("assumed, no cluster was asked"))
    }

    @Test("A kubeconfig that cannot be read is a cluster failure (exit status 2), not an import error")
    func unreadableKubeconfig() async throws {
        await #expect(throws: ImportDiscovery.Failure.self) {
            try await Self.runImport(["--kubeconfig", "/nonexistent/kubeconfig", "--external-secrets-store", "aws"])
        }
    }

    @Test(
        "Options that only make sense with a cluster or a store are rejected without them",
        arguments: [["--context", "x"], ["--external-secrets-api-version", "v1"]]
    )
    func rejectedCombinations(_ arguments: [String]) throws {
        #expect(throws: (any Error).self) {
            _ = try ImportECS.parse(["--task-definition", "t.json", "--service", "s.json"] + arguments)
        }
    }
}
