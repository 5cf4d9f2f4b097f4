import Foundation
package import KubeCore

/// The request pipeline of the test server: authentication, fault injection, routing, and the verb handlers.
///
/// It works on ``HTTPRequest`` values and returns ``HTTPResponse`` values, so it is testable without sockets.
package final class APIServer: Sendable {
    package let store: ObjectStore
    let faults: FaultInjector
    let requestLog: RequestLog
    let authenticator: Authenticator
    let bookmarkInterval: Duration
    let address: AddressBox
    var serverAddress: String { address.value }

    init(
        store: ObjectStore,
        faults: FaultInjector,
        requestLog: RequestLog,
        authenticator: Authenticator,
        bookmarkInterval: Duration,
        serverAddress: AddressBox
    ) {
        self.store = store
        self.faults = faults
        self.requestLog = requestLog
        self.authenticator = authenticator
        self.bookmarkInterval = bookmarkInterval
        self.address = serverAddress
    }

    /// Answers one request.
    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        let route = RequestRoute(path: request.path)
        var entry = RequestLog.Entry(
            verb: request.method.lowercased(),
            method: request.method,
            path: request.path,
            query: request.query,
            code: 0,
            userAgent: request.header("user-agent"),
            receivedSequence: requestLog.nextSequence()
        )
        if case .resource(let resource) = route {
            entry.verb = Self.verb(method: request.method, route: resource, query: request.query)
            entry.resource = resource.resource
            entry.group = resource.group
            entry.subresource = resource.subresource
            entry.namespace = resource.namespace
            entry.name = resource.name
        }
        let response = await respond(to: request, route: route, verb: entry.verb, entry: entry)
        entry.code = response.status
        requestLog.append(entry)
        return response
    }

    private func respond(
        to request: HTTPRequest,
        route: RequestRoute,
        verb: String,
        entry: RequestLog.Entry
    ) async -> HTTPResponse {
        if !Authenticator.isPublic(path: request.path), authenticator.user(for: request) == nil {
            return Self.error(.unauthorized)
        }
        if faults.isPartitioned(userAgent: entry.userAgent) {
            return Self.error(.serviceUnavailable())
        }
        if let fault = faults.fault(verb: verb, resource: entry.resource, name: entry.name, userAgent: entry.userAgent)
        {
            switch fault {
            case .latency(let delay): try? await Task.sleep(for: delay)
            case .tooManyRequests(let seconds): return Self.error(.tooManyRequests(retryAfterSeconds: seconds))
            case .internalError: return Self.error(.internalError("injected fault"))
            case .serviceUnavailable: return Self.error(.serviceUnavailable())
            case .timeout: return Self.error(.timeout())
            case .conflict:
                let resource = GroupResource(group: entry.group ?? "", resource: entry.resource ?? "")
                return Self.error(.staleResourceVersion(resource, name: entry.name ?? ""))
            }
        }
        do throws(APIError) {
            switch route {
            case .version: return Self.json(DiscoveryDocuments.version)
            case .health:
                return HTTPResponse(
                    status: 200,
                    headers: [("Content-Type", "text/plain")],
                    body: .data(Data("ok".utf8))
                )
            case .coreAPIVersions: return Self.json(DiscoveryDocuments.coreVersions(serverAddress: serverAddress))
            case .apiGroupList: return Self.json(DiscoveryDocuments.groupList(registry: await store.registry))
            case .apiGroup(let name):
                guard let group = DiscoveryDocuments.group(name, registry: await store.registry) else {
                    throw APIError.pageNotFound
                }
                return Self.json(group)
            case .apiResourceList(let group, let version):
                guard
                    let list = DiscoveryDocuments.resourceList(
                        group: group,
                        version: version,
                        registry: await store.registry
                    )
                else { throw APIError.pageNotFound }
                return Self.json(list)
            case .openAPIV2:
                // kubectl asks for the protobuf form (client-side apply of built-in kinds downloads it); without an
                // answer it retries about ten times before carrying on with its compiled-in patch rules.
                if let accept = request.header("accept"), accept.contains("protobuf"), !accept.contains("json") {
                    return HTTPResponse(
                        status: 200,
                        headers: [("Content-Type", OpenAPIDocuments.v2ProtobufContentType)],
                        body: .data(Data(OpenAPIDocuments.v2DocumentProtobuf()))
                    )
                }
                return Self.json(OpenAPIDocuments.v2Document(resources: await openAPIResources()))
            case .openAPIV3Index: return Self.json(OpenAPIDocuments.v3Index(resources: await openAPIResources()))
            case .openAPIV3Document(let path):
                guard
                    let document = OpenAPIDocuments.v3Document(
                        groupVersionPath: path,
                        resources: await openAPIResources()
                    )
                else { throw APIError.pageNotFound }
                return Self.json(document)
            case .resource(let route): return try await handleResource(request, route: route, verb: verb)
            case .unknown: throw APIError.pageNotFound
            }
        } catch {
            return Self.error(error)
        }
    }

    private func openAPIResources() async -> [OpenAPIDocuments.Resource] {
        let registry = await store.registry
        return registry.types.map { type in
            OpenAPIDocuments.Resource(
                descriptor: type.descriptor,
                schema: registry.customVersion(for: type)?.schema?.openAPIV3Schema,
                subresources: type.subresources.sorted()
            )
        }
    }

    private func handleResource(
        _ request: HTTPRequest,
        route: ResourceRoute,
        verb: String
    ) async throws(APIError)
        -> HTTPResponse
    {
        guard let type = await store.resourceType(group: route.group, version: route.version, plural: route.resource)
        else { throw APIError.pageNotFound }
        if !type.namespaced, route.namespace != nil { throw APIError.pageNotFound }
        if let subresource = route.subresource, !type.subresources.contains(subresource) {
            throw APIError.pageNotFound
        }
        let context = RequestContext(request: request, route: route, type: type)
        switch verb {
        case "get": return try await get(context)
        case "list": return try await list(context)
        case "watch": return try await watch(context)
        case "create": return try await create(context)
        case "update": return try await update(context)
        case "patch": return try await patch(context)
        case "delete": return try await delete(context)
        case "deletecollection": return try await deleteCollection(context)
        default:
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// The Kubernetes verb of a resource request, as the API server's `RequestInfoFactory` derives it.
    package static func verb(method: String, route: ResourceRoute, query: [String: String]) -> String {
        let watching = ["true", "1"].contains(query["watch"] ?? "")
        switch method.uppercased() {
        case "GET", "HEAD":
            if watching { return "watch" }
            return route.name == nil ? "list" : "get"
        case "POST": return route.name == nil ? "create" : "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return route.name == nil ? "deletecollection" : "delete"
        default: return method.lowercased()
        }
    }

    // MARK: Responses

    /// A JSON response.
    package static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponse {
        let data = (try? value.serialized()) ?? Data("{}".utf8)
        return HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json")] + headers,
            body: .data(data)
        )
    }

    /// A `Status` error response with its extra headers (`Retry-After`).
    package static func error(_ error: APIError) -> HTTPResponse {
        let body = (try? JSONValue(encoding: error.status)) ?? [:]
        return json(
            body,
            status: error.code,
            headers: error.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        )
    }
}

/// Everything a verb handler needs about one resource request.
struct RequestContext: Sendable {
    var request: HTTPRequest
    var route: ResourceRoute
    var type: ResourceType

    var query: [String: String] { request.query }
    var namespace: String? { type.namespaced ? route.namespace : nil }
    var isDryRun: Bool { query["dryRun"] == "All" }
    /// Whether the client asked for `meta.k8s.io/v1` Table output (`kubectl get`).
    var wantsTable: Bool { (try? representation()) == .table }

    /// The response form negotiated from the `Accept` header; get, list and watch honour it, writes always answer
    /// with the object.
    /// - Throws: ``APIError`` 406 when no offered media type is acceptable.
    func representation() throws(APIError) -> ResponseRepresentation {
        try ResponseRepresentation(accept: request.header("accept"))
    }

    /// The field manager of a write: the `fieldManager` parameter, else the User-Agent up to the first `/`.
    var fieldManager: String {
        if let manager = query["fieldManager"], !manager.isEmpty { return manager }
        let agent = request.header("user-agent") ?? "unknown"
        return String(agent.prefix { $0 != "/" }.prefix(128))
    }

    func labelSelector() throws(APIError) -> SelectorQuery {
        try SelectorQuery(labelSelector: query["labelSelector"] ?? "")
    }

    func fieldSelector() throws(APIError) -> SelectorQuery {
        var selector = try SelectorQuery(fieldSelector: query["fieldSelector"] ?? "")
        if let name = route.name { selector.requireField("metadata.name", equals: name) }
        return selector
    }

    func bodyObject() throws(APIError) -> JSONValue {
        guard !request.body.isEmpty else { throw APIError.badRequest("the body of the request is empty") }
        // JSON, plus the protobuf bodies of kubectl's generators; client-go retries CBOR with JSON after a 415.
        let contentType = request.header("content-type") ?? "application/json"
        if contentType.contains("protobuf") { return try ProtobufBody.decode(request.body) }
        if !contentType.contains("json") { throw ProtobufBody.unsupported() }
        do {
            let value = try JSONValue(parsing: request.body)
            guard value.objectValue != nil else {
                throw APIError.badRequest("the body of the request must be an object")
            }
            return value
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest(
                "the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; json "
                    + "parse error: \(error)"
            )
        }
    }
}
