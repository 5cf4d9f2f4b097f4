import Foundation
import KubeCore

/// The verbs by ``KubeCore/ResourceDescriptor``, generic over the decoded type: the typed verbs and the dynamic ones
/// share them.
extension KubeClient {
    /// The namespace for an object verb: the explicit one, else the object's, else (for a namespaced resource)
    /// ``ClientConfiguration/namespace``; always `nil` for a cluster-scoped resource.
    func namespace(for resource: ResourceDescriptor, explicit: String?, object: String? = nil) -> String? {
        guard resource.namespaced else { return nil }
        return explicit ?? object ?? configuration.namespace
    }

    /// Decodes a successful response body.
    func decode<Object: Decodable>(
        _ type: Object.Type,
        from response: KubeResponse,
        request: KubeRequest
    ) throws
        -> Object
    {
        do {
            return try KubeJSON.decode(type, from: response.body)
        } catch {
            throw KubeError(
                code: .decoding,
                message: "cannot decode the response as \(Object.self): \(error)",
                httpCode: response.statusCode,
                underlying: error
            ).withContext(of: request)
        }
    }

    func encode(_ value: some Encodable, request verb: String, resource: ResourceDescriptor) throws -> Data {
        do {
            return try KubeJSON.encode(value)
        } catch {
            throw KubeError(
                code: .decoding,
                message: "cannot encode the \(resource.kind) to JSON: \(error)",
                verb: verb,
                resource: resource.description,
                underlying: error
            )
        }
    }

    /// Sends and decodes.
    func perform<Object: Decodable>(_ request: KubeRequest, as type: Object.Type) async throws -> Object {
        let response = try await send(request)
        return try decode(type, from: response, request: request)
    }

    /// A request builder that throws (patch, delete), with errors as ``KubeError``.
    func build(_ verb: String, _ make: () throws -> KubeRequest) throws -> KubeRequest {
        do {
            return try make()
        } catch {
            throw KubeError(code: .decoding, message: "cannot build the \(verb) request: \(error)", underlying: error)
        }
    }

    func getObject<Object: Decodable>(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        subresource: String? = nil,
        as type: Object.Type
    ) async throws -> Object {
        let request = KubeRequest.get(
            resource,
            name: name,
            namespace: self.namespace(for: resource, explicit: namespace),
            subresource: subresource
        )
        return try await perform(request, as: type)
    }

    func listObjects<Item: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: ListOptions,
        as type: Item.Type
    ) async throws -> ObjectList<Item> {
        let request = KubeRequest.list(resource, namespace: resource.namespaced ? namespace : nil, options: options)
        return try await perform(request, as: ObjectList<Item>.self)
    }

    /// Lists page by page following `continue`, as client-go's `ListPager` does: if the continue token expires
    /// (`410`) mid-way, it falls back to one unpaginated list so the result is still a consistent snapshot.
    func listAllObjects<Item: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: ListOptions,
        as type: Item.Type
    ) async throws -> ObjectList<Item> {
        var pageOptions = options
        if pageOptions.limit == nil { pageOptions.limit = 500 }
        var first = try await listObjects(resource, namespace: namespace, options: pageOptions, as: type)
        var items = first.items
        var token = first.metadata.continue
        while let next = token, !next.isEmpty {
            try Task.checkCancellation()
            var nextOptions = pageOptions
            nextOptions.continue = next
            // The continue token encodes the resourceVersion; sending one too is rejected.
            nextOptions.resourceVersion = nil
            nextOptions.resourceVersionMatch = nil
            do {
                let page = try await listObjects(resource, namespace: namespace, options: nextOptions, as: type)
                items += page.items
                token = page.metadata.continue
            } catch let error as KubeError where error.code == .expired {
                var full = options
                full.limit = nil
                full.continue = nil
                return try await listObjects(resource, namespace: namespace, options: full, as: type)
            }
        }
        first.items = items
        first.metadata.continue = nil
        first.metadata.remainingItemCount = nil
        return first
    }

    func createObject<Object: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        _ object: Object,
        namespace: String?,
        options: WriteOptions
    ) async throws -> Object {
        let body = try encode(object, request: "create", resource: resource)
        let request = KubeRequest.create(resource, namespace: namespace, body: body, options: options)
        return try await perform(request, as: Object.self)
    }

    func updateObject<Object: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        _ object: Object,
        name: String,
        namespace: String?,
        subresource: String?,
        options: WriteOptions
    ) async throws -> Object {
        let verb = subresource.map { "update/\($0)" } ?? "update"
        let body = try encode(object, request: verb, resource: resource)
        let request = KubeRequest.update(
            resource,
            name: name,
            namespace: namespace,
            body: body,
            subresource: subresource,
            options: options
        )
        return try await perform(request, as: Object.self)
    }

    func patchObject<Object: Decodable>(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        patch: Patch,
        subresource: String?,
        options: WriteOptions,
        as type: Object.Type
    ) async throws -> Object {
        let namespace = self.namespace(for: resource, explicit: namespace)
        let request = try build("patch") {
            try KubeRequest.patch(
                resource,
                name: name,
                namespace: namespace,
                patch: patch,
                subresource: subresource,
                options: options
            )
        }
        return try await perform(request, as: type)
    }

    func deleteObject<Object: Decodable & Sendable>(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String?,
        options: DeleteOptions,
        as type: Object.Type
    ) async throws -> DeleteResult<Object> {
        let namespace = self.namespace(for: resource, explicit: namespace)
        let request = try build("delete") {
            try KubeRequest.delete(resource, name: name, namespace: namespace, options: options)
        }
        let response = try await send(request)
        if let probe = try? KubeJSON.decode(KindProbe.self, from: response.body), probe.kind == "Status",
            resource.kind != "Status"
        {
            return .status(try decode(Status.self, from: response, request: request))
        }
        return .object(try decode(type, from: response, request: request))
    }

    /// The server-side apply body of an object: its JSON with `apiVersion` and `kind` filled in and
    /// `metadata.managedFields` removed (the server rejects an apply that sets it).
    func applyBody(_ object: some Encodable, resource: ResourceDescriptor) throws -> JSONValue {
        var json: JSONValue
        do {
            json = try JSONValue(encoding: object)
        } catch {
            throw KubeError(
                code: .decoding,
                message: "cannot encode the \(resource.kind) to JSON: \(error)",
                verb: "apply",
                resource: resource.description,
                underlying: error
            )
        }
        json["apiVersion"] = .string(resource.apiVersion)
        json["kind"] = .string(resource.kind)
        json[path: ["metadata", "managedFields"]] = nil
        return json
    }

    func applyObject<Object: Decodable>(
        _ resource: ResourceDescriptor,
        body: JSONValue,
        name: String,
        namespace: String?,
        fieldManager: String,
        force: Bool,
        subresource: String?,
        options: WriteOptions,
        as type: Object.Type
    ) async throws -> Object {
        try await patchObject(
            resource,
            name: name,
            namespace: namespace,
            patch: .apply(body, fieldManager: fieldManager, force: force),
            subresource: subresource,
            options: options,
            as: type
        )
    }
}

/// Just the `kind` of a response, to tell a `Status` from an object.
struct KindProbe: Decodable {
    var kind: String?
}
