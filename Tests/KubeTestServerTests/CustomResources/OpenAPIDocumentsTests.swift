import KubeCore
import Testing

@testable import KubeTestServer

private let platform = OpenAPIDocuments.Resource(
    descriptor: ResourceDescriptor(
        group: "agri.example.com",
        version: "v1",
        kind: "Platform",
        plural: "platforms",
        namespaced: true
    ),
    schema: [
        "type": "object", "properties": ["spec": ["type": "object", "properties": ["replicas": ["type": "integer"]]]],
    ],
    subresources: ["status", "scale"]
)

private let deployment = OpenAPIDocuments.Resource(
    descriptor: ResourceDescriptor(
        group: "apps",
        version: "v1",
        kind: "Deployment",
        plural: "deployments",
        namespaced: true
    ),
    schema: nil,
    subresources: ["status"]
)

private let namespace = OpenAPIDocuments.Resource(
    descriptor: ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        namespaced: false
    ),
    schema: nil,
    subresources: []
)

private let resources = [platform, deployment, namespace]

/// What kubectl's `QueryParamVerifierV3` does: find the patch operation tagged with the kind and look for the
/// query parameter among its parameters.
private func patchSupports(_ document: JSONValue, group: String, version: String, kind: String, _ name: String) -> Bool
{
    for (_, item) in document["paths"]?.objectValue ?? [:] {
        guard let patch = item["patch"],
            patch["x-kubernetes-group-version-kind"] == [
                "group": .string(group), "version": .string(version),
                "kind": .string(kind),
            ]
        else { continue }
        return (patch["parameters"]?.arrayValue ?? []).contains {
            $0["name"]?.stringValue == name && $0["in"] == "query"
        }
    }
    return false
}

@Suite("OpenAPI documents for kubectl")
struct OpenAPIDocumentsTests {
    @Test("The v3 index lists every group-version with a hashed server-relative URL")
    func index() throws {
        let paths = try #require(OpenAPIDocuments.v3Index(resources: resources)["paths"]?.objectValue)
        #expect(Set(paths.keys) == ["apis/agri.example.com/v1", "apis/apps/v1", "api/v1"])
        let url = try #require(paths["apis/apps/v1"]?["serverRelativeURL"]?.stringValue)
        #expect(url.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        #expect(url.count > "/openapi/v3/apis/apps/v1?hash=".count)
    }

    @Test("The index hash changes when the document changes")
    func hashChanges() {
        var changed = platform
        changed.schema?[path: ["properties", "spec", "properties", "paused"]] = ["type": "boolean"]
        let before = OpenAPIDocuments.v3Index(resources: [platform])
        let after = OpenAPIDocuments.v3Index(resources: [changed])
        #expect(before != after)
    }

    @Test("Unknown group-versions have no document")
    func unknown() {
        #expect(OpenAPIDocuments.v3Document(groupVersionPath: "apis/batch/v1", resources: resources) == nil)
    }

    @Test("Patch operations of every kind list fieldValidation, dryRun, fieldManager and force", arguments: resources)
    func fieldValidation(resource: OpenAPIDocuments.Resource) throws {
        let key = String(resource.descriptor.groupVersionPath.dropFirst())
        let document = try #require(OpenAPIDocuments.v3Document(groupVersionPath: "/" + key, resources: resources))
        #expect(document["openapi"] == "3.0.0")
        let descriptor = resource.descriptor
        for parameter in ["fieldValidation", "dryRun", "fieldManager", "force"] {
            #expect(
                patchSupports(
                    document,
                    group: descriptor.group,
                    version: descriptor.version,
                    kind: descriptor.kind,
                    parameter
                )
            )
        }
    }

    @Test("A custom resource's document has paths, the GVK extension and its schema with a metadata reference")
    func customResourceDocument() throws {
        let document = try #require(
            OpenAPIDocuments.v3Document(groupVersionPath: "apis/agri.example.com/v1", resources: resources)
        )
        let paths = try #require(document["paths"]?.objectValue)
        let collection = "/apis/agri.example.com/v1/namespaces/{namespace}/platforms"
        #expect(
            Set(paths.keys) == [
                collection, "\(collection)/{name}", "\(collection)/{name}/status", "\(collection)/{name}/scale",
                "/apis/agri.example.com/v1/platforms",
            ]
        )
        #expect(paths[collection]?["post"]?["x-kubernetes-action"] == "post")
        #expect(paths["\(collection)/{name}/scale"]?["patch"]?["x-kubernetes-group-version-kind"]?["kind"] == "Scale")
        let patchTypes = paths["\(collection)/{name}"]?[path: ["patch", "requestBody", "content"]]?.objectValue?.keys
        #expect(
            patchTypes.map(Set.init) == [
                "application/apply-patch+yaml", "application/json-patch+json",
                "application/merge-patch+json",
            ]
        )
        let schemas = try #require(document[path: ["components", "schemas"]]?.objectValue)
        let schema = try #require(schemas["com.example.agri.v1.Platform"])
        #expect(
            schema["x-kubernetes-group-version-kind"]
                == [["group": "agri.example.com", "version": "v1", "kind": "Platform"]]
        )
        #expect(schema[path: ["properties", "spec", "properties", "replicas", "type"]] == "integer")
        #expect(
            schema[path: ["properties", "metadata", "allOf"]]
                == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]]
        )
        #expect(
            schemas["com.example.agri.v1.PlatformList"]?["x-kubernetes-group-version-kind"]?.arrayValue?.first?["kind"]
                == "PlatformList"
        )
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] != nil)
        #expect(schemas["io.k8s.api.autoscaling.v1.Scale"] != nil)
    }

    @Test("Built-in kinds get a permissive schema and cluster-scoped kinds no namespace in paths")
    func builtInDocument() throws {
        let core = try #require(OpenAPIDocuments.v3Document(groupVersionPath: "api/v1", resources: resources))
        let paths = try #require(core["paths"]?.objectValue)
        #expect(Set(paths.keys) == ["/api/v1/namespaces", "/api/v1/namespaces/{name}"])
        let schema = try #require(core[path: ["components", "schemas", "io.k8s.api.core.v1.Namespace"]])
        #expect(schema["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(schema["x-kubernetes-group-version-kind"] == [["group": "", "version": "v1", "kind": "Namespace"]])
        let apps = try #require(OpenAPIDocuments.v3Document(groupVersionPath: "apis/apps/v1", resources: resources))
        #expect(apps[path: ["components", "schemas", "io.k8s.api.apps.v1.Deployment"]] != nil)
    }

    @Test("The v2 document uses definitions, body parameters and definition references")
    func v2() throws {
        let document = OpenAPIDocuments.v2Document(resources: resources)
        #expect(document["swagger"] == "2.0")
        let definitions = try #require(document["definitions"]?.objectValue)
        let platformDefinition = try #require(definitions["com.example.agri.v1.Platform"])
        #expect(platformDefinition["x-kubernetes-group-version-kind"]?.arrayValue?.first?["kind"] == "Platform")
        #expect(
            platformDefinition[path: ["properties", "metadata", "allOf"]]
                == [["$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]]
        )
        let patch = try #require(
            document["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"]
        )
        let parameters = try #require(patch["parameters"]?.arrayValue)
        #expect(parameters.first?["in"] == "body")
        #expect(parameters.contains { $0["name"] == "fieldValidation" && $0["type"] == "string" })
        #expect(patch["x-kubernetes-group-version-kind"]?["kind"] == "Deployment")
        #expect(patch[path: ["responses", "200", "schema", "$ref"]] == "#/definitions/io.k8s.api.apps.v1.Deployment")
    }

    @Test("The protobuf v2 document encodes swagger and info as gnostic's Document fields 1 and 2")
    func v2Protobuf() {
        let bytes = OpenAPIDocuments.v2DocumentProtobuf()
        let info: [UInt8] = [0x0A, 10] + Array("Kubernetes".utf8) + [0x12, 7] + Array("v1.33.0".utf8)
        #expect(bytes == [0x0A, 3] + Array("2.0".utf8) + [0x12, UInt8(info.count)] + info)
        #expect(OpenAPIDocuments.v2ProtobufContentType == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
    }
}
