package import KubeCore

/// OpenAPI documents that kubectl reads for validation and `explain` (`/openapi/v3`, `/openapi/v2`).
///
/// Placeholder: the implementation lands in this file.
package enum OpenAPIDocuments {
    /// One served resource: its address and, for custom resources, its schema.
    package struct Resource: Sendable {
        package var descriptor: ResourceDescriptor
        package var schema: JSONValue?
        package var subresources: [String]
        package init(descriptor: ResourceDescriptor, schema: JSONValue?, subresources: [String]) {
            self.descriptor = descriptor
            self.schema = schema
            self.subresources = subresources
        }
    }

    /// The `/openapi/v3` index: one `serverRelativeURL` per group-version.
    package static func v3Index(resources: [Resource]) -> JSONValue { ["paths": [:]] }

    /// The document for one group-version path such as `apis/apps/v1` or `api/v1`, or `nil` when unknown.
    package static func v3Document(groupVersionPath: String, resources: [Resource]) -> JSONValue? { nil }

    /// The `/openapi/v2` (Swagger 2.0) document for every resource.
    package static func v2Document(resources: [Resource]) -> JSONValue {
        ["swagger": "2.0", "info": ["title": "Kubernetes", "version": "v1.33.0"], "paths": [:], "definitions": [:]]
    }
}
