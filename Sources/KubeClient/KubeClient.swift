public import Foundation
public import KubeCore
public import Logging
import Metrics

/// A client for one Kubernetes API server, built on one AsyncHTTPClient `HTTPClient` (HTTP/2 when offered).
///
/// Requests are values built by KubeCore (``KubeCore/KubeRequest``); the client adds the server URL, the
/// `Authorization` header and `User-Agent`, sends them, retries what is safe to retry (``RetryPolicy``),
/// refreshes a rejected refreshable credential once, records metrics and maps failures to ``KubeError``.
/// On top of ``send(_:)`` sit typed verbs for ``KubeCore/KubernetesObject`` types and dynamic verbs by
/// ``KubeCore/ResourceDescriptor``, watches (``WatchStream``) and discovery.
///
/// Call ``shutdown()`` when done (or use ``withClient(configuration:logger:_:)``): the underlying HTTP client owns
/// connections and must be shut down before it is released.
///
/// Metrics (swift-metrics): counter `kube_client_requests_total` with dimensions `verb`, `resource`, `code` (the
/// HTTP status, or `error` when none) per attempt, and timer `kube_client_request_duration_seconds` with `verb`,
/// `resource` (time to the response head for watches). Logs never contain headers, tokens or bodies.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/> and client-go's `rest` package
/// <https://github.com/kubernetes/client-go/tree/master/rest>.
public final class KubeClient: Sendable {
    /// The configuration the client was built from.
    public let configuration: ClientConfiguration
    let transport: any KubeTransport
    package let credentials: CredentialProvider
    let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let random: @Sendable () -> Double
    private let now: @Sendable () -> Date

    /// Creates a client and its HTTP connection pool.
    ///
    /// - Parameters:
    ///   - configuration: Where the server is and how to authenticate.
    ///   - logger: The logger for request debugging (`kube-client` by default).
    /// - Throws: ``ConfigurationError`` when the CA, client certificate or key is not valid PEM.
    public convenience init(
        configuration: ClientConfiguration,
        logger: Logger = Logger(label: "kube-client")
    ) throws {
        let transport = try HTTPTransport(configuration: configuration, logger: logger)
        self.init(configuration: configuration, transport: transport, logger: logger)
    }

    /// Creates a client from a kubeconfig file.
    ///
    /// - Parameters:
    ///   - kubeconfigPath: The kubeconfig file.
    ///   - context: The context (kubectl's `--context`); `nil` for `current-context`.
    ///   - logger: The logger.
    /// - Throws: ``ConfigurationError``.
    public convenience init(
        kubeconfigPath: String,
        context: String? = nil,
        logger: Logger = Logger(label: "kube-client")
    ) throws {
        try self.init(
            configuration: ClientConfiguration.fromKubeconfig(path: kubeconfigPath, context: context),
            logger: logger
        )
    }

    /// Creates a client from a URL, a CA and a token: the usual way for tests against a local server.
    ///
    /// - Parameters:
    ///   - server: The API server URL.
    ///   - certificateAuthorityPEM: CA certificates to trust; `nil` for the system roots.
    ///   - token: A bearer token, if any.
    ///   - logger: The logger.
    /// - Throws: ``ConfigurationError`` when the CA is not valid PEM.
    public convenience init(
        server: URL,
        certificateAuthorityPEM: String?,
        token: String?,
        logger: Logger = Logger(label: "kube-client")
    ) throws {
        try self.init(
            configuration: ClientConfiguration(
                server: server,
                certificateAuthorityPEM: certificateAuthorityPEM,
                token: token
            ),
            logger: logger
        )
    }

    /// Creates a client over any transport, with injectable sleep, jitter and wall clock (for tests).
    package init(
        configuration: ClientConfiguration,
        transport: any KubeTransport,
        logger: Logger = Logger(label: "kube-client"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.configuration = configuration
        self.transport = transport
        self.credentials = CredentialProvider(configuration: configuration, now: now)
        self.logger = logger
        self.sleep = sleep
        self.random = random
        self.now = now
    }

    /// Closes all connections. Call it once, after the last request and watch ended.
    ///
    /// - Throws: The HTTP client's shutdown error, if any.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Runs `body` with a new client and shuts the client down afterwards, also when `body` throws.
    ///
    /// - Parameters:
    ///   - configuration: The client configuration.
    ///   - logger: The logger.
    ///   - body: The work to do with the client.
    /// - Returns: What `body` returns.
    public static func withClient<Result: Sendable>(
        configuration: ClientConfiguration,
        logger: Logger = Logger(label: "kube-client"),
        _ body: (KubeClient) async throws -> Result
    ) async throws -> Result {
        let client = try KubeClient(configuration: configuration, logger: logger)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    // MARK: Sending

    /// Sends a request and returns the complete response if its status is 2xx.
    ///
    /// Reads are retried per ``ClientConfiguration/retryPolicy``; after a `401` with a refreshable credential
    /// (token file, exec plugin) the credential is refreshed and the request sent once more.
    ///
    /// - Parameter request: The request, e.g. `KubeRequest.get(ConfigMap.resource, name: "a", namespace: "b")`.
    /// - Returns: The response.
    /// - Throws: ``KubeError``: mapped from the status and `Status` body for non-2xx responses, ``KubeError/Code/transport``
    ///   when no response arrived. `CancellationError` when the task was cancelled.
    public func send(_ request: KubeRequest) async throws -> KubeResponse {
        let response = try await response(to: request)
        guard response.isSuccess else { throw error(for: response, request: request) }
        return response
    }

    /// Sends a request and returns the response whatever its status (after the same retries as ``send(_:)``).
    ///
    /// - Parameter request: The request.
    /// - Returns: The final response.
    /// - Throws: ``KubeError/Code/transport`` when no response arrived.
    public func response(to request: KubeRequest) async throws -> KubeResponse {
        let exchange = try await exchange(request, streaming: false)
        return KubeResponse(
            statusCode: exchange.statusCode,
            headers: exchange.headers,
            body: exchange.collectedBody ?? Data()
        )
    }

    /// The ``KubeError`` for a non-2xx response, with the request's context.
    func error(for response: KubeResponse, request: KubeRequest) -> KubeError {
        let status = try? KubeJSON.decode(Status.self, from: response.body)
        let isStatus = status?.kind == "Status" || status?.reason != nil
        return KubeError.from(
            httpCode: response.statusCode,
            status: isStatus ? status : nil,
            retryAfterHeader: response.header("Retry-After"),
            body: response.body,
            now: now()
        ).withContext(of: request)
    }

    /// The response of one logical request: either a collected body, or (for a 2xx watch) a streaming one.
    struct Exchange: Sendable {
        var statusCode: Int
        var headers: [KubeRequest.Header]
        var collectedBody: Data?
        var stream: ResponseBody?
    }

    /// Sends `request` with authentication, retries and metrics.
    ///
    /// - Parameter streaming: Leave a 2xx body unread (watches) and send without a deadline.
    func exchange(_ request: KubeRequest, streaming: Bool) async throws -> Exchange {
        let info = RequestInfo(path: request.path)
        let resource = info.metricsResource
        var metadata: Logger.Metadata = ["verb": "\(request.verb)", "resource": "\(resource)"]
        if let namespace = info.namespace { metadata["namespace"] = "\(namespace)" }
        if let name = info.name { metadata["name"] = "\(name)" }

        var attempt = 1
        var refreshedAfterUnauthorized = false
        while true {
            try Task.checkCancellation()
            let credentials: Credentials
            do {
                credentials = try await self.credentials.current()
            } catch {
                throw KubeError.transport("cannot obtain credentials: \(error)", underlying: error)
                    .withContext(of: request)
            }
            let transportRequest = makeTransportRequest(request, credentials: credentials, streaming: streaming)
            let started = ContinuousClock.now
            let outcome: RetryPolicy.Outcome
            var failure: (any Error)?
            var result: Exchange?
            do {
                let response = try await transport.execute(transportRequest)
                var exchange = Exchange(statusCode: response.statusCode, headers: response.headers)
                if streaming && (200..<300).contains(response.statusCode) {
                    exchange.stream = response.body
                } else {
                    exchange.collectedBody = try await response.body.collect(
                        upTo: configuration.maxResponseBodySize,
                        expectedCount: response.contentLength
                    )
                }
                let retryAfter = Self.retryAfter(exchange, now: now())
                outcome = .response(statusCode: response.statusCode, retryAfter: retryAfter)
                result = exchange
                record(verb: request.verb, resource: resource, code: String(response.statusCode), since: started)
            } catch let error as ResponseBody.BodyTooLarge {
                // Not transient: sending the request again would fetch the same oversized body.
                record(verb: request.verb, resource: resource, code: "error", since: started)
                throw KubeError.transport(
                    "the response body exceeded maxResponseBodySize (\(error.limit) bytes)",
                    underlying: error
                ).withContext(of: request)
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                record(verb: request.verb, resource: resource, code: "error", since: started)
                outcome = .connectionFailure
                failure = error
            }

            if let result, result.statusCode == 401, !refreshedAfterUnauthorized,
                await self.credentials.invalidate(credentials)
            {
                // A 401 means the server did nothing, so any verb may be sent again once with fresh credentials.
                refreshedAfterUnauthorized = true
                logger.debug("refreshing credentials after 401", metadata: metadata)
                continue
            }
            if let result {
                var responseMetadata = metadata
                responseMetadata["code"] = "\(result.statusCode)"
                responseMetadata["attempt"] = "\(attempt)"
                logger.debug("response received", metadata: responseMetadata)
                if (200..<300).contains(result.statusCode) { return result }
            }

            let decision = configuration.retryPolicy.decide(
                after: outcome,
                method: request.method,
                attempt: attempt,
                random: random()
            )
            switch decision {
            case .retry(let delay):
                var retryMetadata = metadata
                retryMetadata["attempt"] = "\(attempt)"
                retryMetadata["delay"] = "\(delay)"
                retryMetadata["code"] = "\(result.map { String($0.statusCode) } ?? "error")"
                logger.debug("retrying request", metadata: retryMetadata)
                try await sleep(delay)
                attempt += 1
            case .giveUp:
                if let result { return result }
                let error = failure.map { "\($0)" } ?? "unknown error"
                throw KubeError.transport("request failed without a response: \(error)", underlying: failure)
                    .withContext(of: request)
            }
        }
    }

    private func makeTransportRequest(
        _ request: KubeRequest,
        credentials: Credentials,
        streaming: Bool
    ) -> TransportRequest {
        var headers = request.headers
        headers.removeAll { ["authorization", "user-agent"].contains($0.name.lowercased()) }
        headers.append(.init("User-Agent", configuration.userAgent))
        if let authorization = credentials.authorization { headers.append(.init("Authorization", authorization)) }
        var identity: ClientIdentity?
        if let certificate = credentials.clientCertificatePEM, let key = credentials.clientKeyPEM {
            identity = ClientIdentity(certificatePEM: certificate, keyPEM: key)
        }
        return TransportRequest(
            method: request.method,
            url: request.pathAndQuery,
            headers: headers,
            body: request.body,
            clientIdentity: identity,
            timeout: streaming ? Self.watchTimeout(request) : configuration.requestTimeout
        )
    }

    /// A watch's own deadline: the server's `timeoutSeconds` plus a minute of grace, so a silently dead connection
    /// ends eventually; none when the server picks the timeout.
    static func watchTimeout(_ request: KubeRequest) -> Duration? {
        guard let value = request.query.last(where: { $0.name == "timeoutSeconds" })?.value, let seconds = Int64(value)
        else { return nil }
        return .seconds(seconds + 60)
    }

    /// The server's requested delay: the `Retry-After` header, else `details.retryAfterSeconds` of a `Status` body.
    static func retryAfter(_ exchange: Exchange, now: Date) -> Duration? {
        guard exchange.statusCode >= 400 else { return nil }
        if let header = exchange.headers.value(of: "retry-after"), let delay = RetryAfter.parse(header, now: now) {
            return delay
        }
        guard let body = exchange.collectedBody, let status = try? KubeJSON.decode(Status.self, from: body),
            let seconds = status.details?.retryAfterSeconds, seconds >= 0
        else { return nil }
        return .seconds(seconds)
    }

    private func record(verb: String, resource: String, code: String, since started: ContinuousClock.Instant) {
        Counter(
            label: "kube_client_requests_total",
            dimensions: [("verb", verb), ("resource", resource), ("code", code)]
        ).increment()
        let elapsed = ContinuousClock.now - started
        Metrics.Timer(
            label: "kube_client_request_duration_seconds",
            dimensions: [("verb", verb), ("resource", resource)],
            preferredDisplayUnit: .seconds
        ).recordNanoseconds(Int64(elapsed.timeInterval * 1e9))
    }
}

extension KubeClient.Exchange {
    init(statusCode: Int, headers: [KubeRequest.Header]) {
        self.init(statusCode: statusCode, headers: headers, collectedBody: nil, stream: nil)
    }
}
