public import KubeCore

/// A type whose JSON form is described by an OpenAPI v3 schema, for the CRD's structural schema.
///
/// Every spec and status type of the AgriPlatform API conforms; the CRD (``AgriPlatformCRD``) is assembled from
/// these schemas, and tests check that each schema declares exactly the fields its type encodes.
public protocol SchemaDescribing {
    /// The structural schema of the type's JSON encoding: types, descriptions, bounds, enums, patterns and CEL rules.
    static var openAPISchema: JSONSchemaProps { get }
}
