import AgriPlatformAPI
import KubeCore
import Testing

/// The schema and the Swift types describe the same fields: a field added to a type without a schema property,
/// or a property without a field, fails here.
@Suite("Schema and types agree")
struct SchemaConsistencyTests {
    static let schema = AgriPlatform.openAPISchema

    @Test("Every field the fully populated sample encodes is declared in the schema")
    func encodedFieldsAreDeclared() throws {
        let encoded = try JSONValue(encoding: AgriPlatformSamples.fullyPopulated)
        var undeclared: [String] = []
        Self.collectUndeclared(encoded, schema: Self.schema, path: "", into: &undeclared)
        #expect(undeclared == [])
    }

    @Test("Every property the schema declares is produced by the fully populated sample")
    func declaredFieldsAreEncoded() throws {
        let encoded = try JSONValue(encoding: AgriPlatformSamples.fullyPopulated)
        var produced: Set<String> = []
        Self.collectPaths(encoded, schema: Self.schema, path: "", into: &produced)
        var declared: Set<String> = []
        Self.collectDeclared(Self.schema, path: "", into: &declared)
        #expect(declared.subtracting(produced).sorted() == [])
        #expect(declared.count > 150)
    }

    @Test("Required properties are the non-optional fields")
    func requiredAreNonOptional() throws {
        // Decoding `{}` for a type names its first missing non-optional field; every required property must be one.
        let spec = try #require(Self.schema.properties?["spec"])
        #expect(spec.required == ["services"])
        let service = try #require(spec.properties?["services"]?.items)
        #expect(service.required == ["name", "image"])
        #expect(throws: (any Error).self) { try JSONValue.object(["name": "a"]).decode(as: PlatformService.self) }
        #expect(throws: Never.self) {
            try JSONValue.object(["name": "a", "image": "b"]).decode(as: PlatformService.self)
        }
    }

    static func collectUndeclared(_ value: JSONValue, schema: JSONSchemaProps, path: String, into out: inout [String]) {
        switch value {
        case .object(let members):
            guard let properties = schema.properties else { return }
            for (key, member) in members {
                guard let property = properties[key] else {
                    out.append("\(path).\(key)")
                    continue
                }
                collectUndeclared(member, schema: property, path: "\(path).\(key)", into: &out)
            }
        case .array(let elements):
            guard let items = schema.items else { return }
            for element in elements { collectUndeclared(element, schema: items, path: "\(path)[]", into: &out) }
        default:
            break
        }
    }

    static func collectPaths(_ value: JSONValue, schema: JSONSchemaProps, path: String, into out: inout Set<String>) {
        switch value {
        case .object(let members):
            guard let properties = schema.properties else { return }
            for (key, member) in members {
                out.insert("\(path).\(key)")
                if let property = properties[key] {
                    collectPaths(member, schema: property, path: "\(path).\(key)", into: &out)
                }
            }
        case .array(let elements):
            guard let items = schema.items else { return }
            for element in elements { collectPaths(element, schema: items, path: "\(path)[]", into: &out) }
        default:
            break
        }
    }

    static func collectDeclared(_ schema: JSONSchemaProps, path: String, into out: inout Set<String>) {
        for (key, property) in schema.properties ?? [:] {
            out.insert("\(path).\(key)")
            collectDeclared(property, path: "\(path).\(key)", into: &out)
        }
        if let items = schema.items { collectDeclared(items, path: "\(path)[]", into: &out) }
    }
}
