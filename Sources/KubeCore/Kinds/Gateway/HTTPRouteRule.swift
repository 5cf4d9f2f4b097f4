/// Matches, filters and weighted backends of one HTTPRoute rule (gateway.networking.k8s.io/v1 `HTTPRouteRule`).
///
/// Experimental fields (`retry`, `sessionPersistence`) are kept as untyped ``JSONValue``.
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule>.
public struct HTTPRouteRule: Codable, Sendable, Hashable {
    /// A name unique within the route, usable as a `sectionName`.
    public var name: String?
    /// Any one match selects the rule; absent means a `/` path prefix.
    public var matches: [HTTPRouteMatch]?
    /// Processing applied to matched requests, in order.
    public var filters: [HTTPRouteFilter]?
    /// Where matched requests go, split by `weight` (the basis of canary traffic shifting).
    public var backendRefs: [HTTPBackendRef]?
    public var timeouts: HTTPRouteTimeouts?
    /// Retry settings (experimental), kept untyped (`HTTPRouteRetry`).
    public var retry: JSONValue?
    /// Session persistence settings (experimental), kept untyped (`SessionPersistence`).
    public var sessionPersistence: JSONValue?

    public init(
        name: String? = nil,
        matches: [HTTPRouteMatch]? = nil,
        filters: [HTTPRouteFilter]? = nil,
        backendRefs: [HTTPBackendRef]? = nil,
        timeouts: HTTPRouteTimeouts? = nil,
        retry: JSONValue? = nil,
        sessionPersistence: JSONValue? = nil
    ) {
        self.name = name
        self.matches = matches
        self.filters = filters
        self.backendRefs = backendRefs
        self.timeouts = timeouts
        self.retry = retry
        self.sessionPersistence = sessionPersistence
    }
}

/// Conditions on a request, all of which must hold (gateway.networking.k8s.io/v1 `HTTPRouteMatch`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch>.
public struct HTTPRouteMatch: Codable, Sendable, Hashable {
    public var path: HTTPPathMatch?
    public var headers: [HTTPHeaderMatch]?
    public var queryParams: [HTTPQueryParamMatch]?
    /// An HTTP method such as `GET`.
    public var method: String?

    public init(
        path: HTTPPathMatch? = nil,
        headers: [HTTPHeaderMatch]? = nil,
        queryParams: [HTTPQueryParamMatch]? = nil,
        method: String? = nil
    ) {
        self.path = path
        self.headers = headers
        self.queryParams = queryParams
        self.method = method
    }
}

/// A request path condition (gateway.networking.k8s.io/v1 `HTTPPathMatch`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch>.
public struct HTTPPathMatch: Codable, Sendable, Hashable {
    /// `Exact`, `PathPrefix` (default) or `RegularExpression`.
    public var type: String?
    /// Defaults to `/`.
    public var value: String?

    public init(type: String? = nil, value: String? = nil) {
        self.type = type
        self.value = value
    }
}

/// A request header condition (gateway.networking.k8s.io/v1 `HTTPHeaderMatch`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httpheadermatch>.
public struct HTTPHeaderMatch: Codable, Sendable, Hashable {
    /// `Exact` (default) or `RegularExpression`.
    public var type: String?
    /// Compared case-insensitively.
    public var name: String
    public var value: String

    public init(type: String? = nil, name: String, value: String) {
        self.type = type
        self.name = name
        self.value = value
    }
}

/// A query parameter condition (gateway.networking.k8s.io/v1 `HTTPQueryParamMatch`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httpqueryparammatch>.
public struct HTTPQueryParamMatch: Codable, Sendable, Hashable {
    /// `Exact` (default) or `RegularExpression`.
    public var type: String?
    /// Compared case-sensitively.
    public var name: String
    public var value: String

    public init(type: String? = nil, name: String, value: String) {
        self.type = type
        self.name = name
        self.value = value
    }
}

/// Processing applied to a request or response (gateway.networking.k8s.io/v1 `HTTPRouteFilter`); `type` names the
/// one field that is set.
///
/// Header modifiers are typed; redirect, rewrite, mirror, CORS and extension filters are kept as untyped
/// ``JSONValue``.
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter>.
public struct HTTPRouteFilter: Codable, Sendable, Hashable {
    /// `RequestHeaderModifier`, `ResponseHeaderModifier`, `RequestMirror`, `RequestRedirect`, `URLRewrite`,
    /// `CORS` or `ExtensionRef`.
    public var type: String
    public var requestHeaderModifier: HTTPHeaderFilter?
    public var responseHeaderModifier: HTTPHeaderFilter?
    /// Kept untyped (`HTTPRequestMirrorFilter`).
    public var requestMirror: JSONValue?
    /// Kept untyped (`HTTPRequestRedirectFilter`).
    public var requestRedirect: JSONValue?
    /// Kept untyped (`HTTPURLRewriteFilter`).
    public var urlRewrite: JSONValue?
    /// Kept untyped (`HTTPCORSFilter`).
    public var cors: JSONValue?
    /// An implementation-specific filter object, kept untyped (Gateway API `LocalObjectReference`).
    public var extensionRef: JSONValue?

    public init(
        type: String,
        requestHeaderModifier: HTTPHeaderFilter? = nil,
        responseHeaderModifier: HTTPHeaderFilter? = nil,
        requestMirror: JSONValue? = nil,
        requestRedirect: JSONValue? = nil,
        urlRewrite: JSONValue? = nil,
        cors: JSONValue? = nil,
        extensionRef: JSONValue? = nil
    ) {
        self.type = type
        self.requestHeaderModifier = requestHeaderModifier
        self.responseHeaderModifier = responseHeaderModifier
        self.requestMirror = requestMirror
        self.requestRedirect = requestRedirect
        self.urlRewrite = urlRewrite
        self.cors = cors
        self.extensionRef = extensionRef
    }
}

/// Sets, adds and removes headers (gateway.networking.k8s.io/v1 `HTTPHeaderFilter`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httpheaderfilter>.
public struct HTTPHeaderFilter: Codable, Sendable, Hashable {
    /// Headers that replace any existing value.
    public var set: [HTTPHeader]?
    /// Headers appended to any existing value.
    public var add: [HTTPHeader]?
    /// Header names to remove.
    public var remove: [String]?

    public init(set: [HTTPHeader]? = nil, add: [HTTPHeader]? = nil, remove: [String]? = nil) {
        self.set = set
        self.add = add
        self.remove = remove
    }
}

/// A weighted backend, usually a Service port (gateway.networking.k8s.io/v1 `HTTPBackendRef`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref>.
public struct HTTPBackendRef: Codable, Sendable, Hashable {
    /// Defaults to the core group (`""`).
    public var group: String?
    /// Defaults to `Service`.
    public var kind: String?
    public var name: String
    /// Another namespace, which needs a ReferenceGrant there.
    public var namespace: String?
    /// Required for Services.
    public var port: Int32?
    /// The relative share of requests, from 0 to 1,000,000; defaults to 1.
    public var weight: Int32?
    /// Filters applied only to requests sent to this backend.
    public var filters: [HTTPRouteFilter]?

    public init(
        group: String? = nil,
        kind: String? = nil,
        name: String,
        namespace: String? = nil,
        port: Int32? = nil,
        weight: Int32? = nil,
        filters: [HTTPRouteFilter]? = nil
    ) {
        self.group = group
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.port = port
        self.weight = weight
        self.filters = filters
    }
}

/// Request timeouts of a rule, as Gateway API durations such as `10s` or `1m30s`
/// (gateway.networking.k8s.io/v1 `HTTPRouteTimeouts`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproutetimeouts>.
public struct HTTPRouteTimeouts: Codable, Sendable, Hashable {
    /// The whole request, from the client's point of view; `0s` disables it.
    public var request: String?
    /// One request from the gateway to a backend, including retries.
    public var backendRequest: String?

    public init(request: String? = nil, backendRequest: String? = nil) {
        self.request = request
        self.backendRequest = backendRequest
    }
}
