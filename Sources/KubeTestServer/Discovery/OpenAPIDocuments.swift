import Crypto
import Foundation
package import KubeCore

/// OpenAPI documents that kubectl reads for validation, patch computation and `explain` (`/openapi/v3`,
/// `/openapi/v2`).
///
/// What kubectl 1.33 does with them:
/// - Before create, apply, edit, replace and patch, kubectl's `QueryParamVerifierV3` fetches the `/openapi/v3` index,
///   then the group-version document, and looks for a `patch` operation whose `x-kubernetes-group-version-kind`
///   names the kind and whose parameters include the `fieldValidation` query parameter. If found, it sends
///   `fieldValidation=Strict` and leaves validation to the server; otherwise it validates on the client or fails.
/// - `kubectl explain` (default output) takes the GVK from an operation on the resource's collection or item path,
///   then the schema in `components.schemas` whose `x-kubernetes-group-version-kind` lists it, and follows `$ref`s
///   and single-element `allOf`s.
/// - Client-side `kubectl apply` builds a strategic merge patch from the v3 schema only when the kind's `patch`
///   operation accepts `application/strategic-merge-patch+json`.
///
/// Checked by hand with kubectl v1.33 (create, apply, apply --server-side, edit, explain) against a stub server
/// serving these documents: every write carried `fieldValidation=Strict`, and none needed `--validate=false`.
///
/// Simplified compared with the real server:
/// - Built-in kinds get a permissive object schema (`x-kubernetes-preserve-unknown-fields`) with real `metadata`.
///   Their `patch` operations therefore do *not* advertise `application/strategic-merge-patch+json`: kubectl then
///   falls back to the patch metadata compiled into it (Go struct tags), which is correct, instead of deriving
///   merge keys from a schema that has none.
/// - No `watch` paths, `proxy` or `connect` operations, and no per-verb response headers.
/// - `/openapi/v2`: kubectl asks for protobuf (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`) when
///   client-side `kubectl apply` patches an existing built-in object; the HTTP layer should answer that `Accept`
///   with ``v2DocumentProtobuf()`` (only `swagger` and `info`: no kind is described in v2) and other clients with
///   the JSON ``v2Document(resources:)``.
/// - The index `hash` is a SHA-256 of the document (the real server uses SHA-512); it only has to change with it.
package enum OpenAPIDocuments {
    /// One served resource: its address and, for custom resources, its schema.
    package struct Resource: Sendable {
        package var descriptor: ResourceDescriptor
        /// The CRD version's `openAPIV3Schema`, or `nil` for a built-in kind.
        package var schema: JSONValue?
        /// Subresource names such as `status` and `scale`.
        package var subresources: [String]

        package init(descriptor: ResourceDescriptor, schema: JSONValue?, subresources: [String]) {
            self.descriptor = descriptor
            self.schema = schema
            self.subresources = subresources
        }
    }

    /// The `/openapi/v3` index: one `serverRelativeURL` per group-version, keyed `api/v1` or `apis/<group>/<version>`.
    package static func v3Index(resources: [Resource]) -> JSONValue {
        var paths: JSONObject = [:]
        for key in Set(resources.map { groupVersionKey($0.descriptor) }) {
            guard let document = v3Document(groupVersionPath: key, resources: resources) else { continue }
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash(of: document))")]
        }
        return ["paths": .object(paths)]
    }

    /// The document for one group-version path such as `apis/apps/v1` or `api/v1` (a leading `/` or `openapi/v3/`
    /// is ignored), or `nil` when no resource is served there.
    package static func v3Document(groupVersionPath: String, resources: [Resource]) -> JSONValue? {
        var key = Substring(groupVersionPath)
        while key.hasPrefix("/") { key = key.dropFirst() }
        if key.hasPrefix("openapi/v3/") { key = key.dropFirst("openapi/v3/".count) }
        let served = resources.filter { groupVersionKey($0.descriptor) == key }
        guard !served.isEmpty else { return nil }
        var paths: JSONObject = [:]
        var schemas = OpenAPISchemas.metaSchemas
        for resource in served.sorted(by: { $0.descriptor.plural < $1.descriptor.plural }) {
            paths.merge(OpenAPIPaths.paths(for: resource), uniquingKeysWith: { _, new in new })
            schemas[schemaName(resource.descriptor)] = OpenAPISchemas.kindSchema(for: resource)
            schemas[schemaName(resource.descriptor) + "List"] = OpenAPISchemas.listSchema(for: resource.descriptor)
            if resource.subresources.contains("scale") { schemas[OpenAPISchemas.scaleName] = OpenAPISchemas.scale }
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": "v1.33.0"],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "BearerToken": [
                        "type": "apiKey", "description": "Bearer Token authentication",
                        "name": "authorization", "in": "header",
                    ]
                ],
            ],
            "security": [["BearerToken": []]],
        ]
    }

    /// The `/openapi/v2` (Swagger 2.0) document for every resource: the v3 documents' paths and schemas rewritten
    /// to Swagger 2.0 (`definitions`, `body` parameters, `#/definitions/` references, no `nullable`).
    package static func v2Document(resources: [Resource]) -> JSONValue {
        var paths: JSONObject = [:]
        var definitions: JSONObject = [:]
        for key in Set(resources.map { groupVersionKey($0.descriptor) }).sorted() {
            guard let document = v3Document(groupVersionPath: key, resources: resources) else { continue }
            for (path, item) in document["paths"]?.objectValue ?? [:] {
                paths[path] = OpenAPIV2Conversion.pathItem(item)
            }
            for (name, schema) in document[path: ["components", "schemas"]]?.objectValue ?? [:] {
                definitions[name] = OpenAPIV2Conversion.schema(schema)
            }
        }
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": "v1.33.0"],
            "paths": .object(paths),
            "definitions": .object(definitions),
            "securityDefinitions": [
                "BearerToken": [
                    "type": "apiKey", "description": "Bearer Token authentication",
                    "name": "authorization", "in": "header",
                ]
            ],
            "security": [["BearerToken": []]],
        ]
    }

    /// The content type of ``v2DocumentProtobuf()``, to send when a client asks for
    /// `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl always does).
    package static let v2ProtobufContentType = OpenAPIV2Protobuf.contentType

    /// `/openapi/v2` as protobuf, which client-side `kubectl apply` downloads; see ``OpenAPIV2Protobuf`` for why it
    /// holds only `swagger` and `info`.
    package static func v2DocumentProtobuf() -> [UInt8] {
        OpenAPIV2Protobuf.document(title: "Kubernetes", version: "v1.33.0")
    }

    /// `api/v1` for the core group, `apis/<group>/<version>` otherwise: the index key and document path.
    static func groupVersionKey(_ descriptor: ResourceDescriptor) -> String {
        String(descriptor.groupVersionPath.dropFirst())
    }

    /// The component name of a kind: `io.k8s.api.apps.v1.Deployment` for built-ins, the reversed group for custom
    /// resources (`com.example.agri.v1.AgriPlatform`), as the real server names them.
    static func schemaName(_ descriptor: ResourceDescriptor) -> String {
        let group = descriptor.group
        let prefix: String
        if group.isEmpty {
            prefix = "io.k8s.api.core"
        } else if group.hasSuffix(".k8s.io") || !group.contains(".") {
            prefix = "io.k8s.api." + (group.split(separator: ".").first.map(String.init) ?? group)
        } else {
            prefix = group.split(separator: ".").reversed().joined(separator: ".")
        }
        return "\(prefix).\(descriptor.version).\(descriptor.kind)"
    }

    /// The single-object form operations carry; schemas carry a one-element array of the same.
    static func groupVersionKind(_ descriptor: ResourceDescriptor, kind: String? = nil) -> JSONValue {
        [
            "group": .string(descriptor.group),
            "version": .string(descriptor.version),
            "kind": .string(kind ?? descriptor.kind),
        ]
    }

    private static func hash(of document: JSONValue) -> String {
        let data = (try? document.serialized()) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02X", $0) }.joined()
    }
}
