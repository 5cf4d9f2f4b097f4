import AsyncHTTPClient
import Foundation
import KubeCore
package import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL
import Synchronization

/// The real transport: one AsyncHTTPClient `HTTPClient` for one API server.
///
/// HTTP/2 is used when the server offers it by ALPN (`httpVersion = .automatic`), so requests and watches share a
/// connection as streams; for HTTP/1.1 the pool keeps up to ``ClientConfiguration/maxConnectionsPerHost``
/// connections, because each watch holds one. Redirects are not followed and bodies are not decompressed.
/// `tls-server-name` is honoured by addressing the server by that name and mapping the name to the real host
/// with `dnsOverride`, so the certificate is verified (and SNI sent) for the name.
package final class HTTPTransport: KubeTransport {
    private let client: HTTPClient
    private let baseTLS: TLSConfiguration
    private let baseURL: String
    /// The TLS configuration for the last exec-plugin client identity, so certificates are parsed once per
    /// rotation rather than per request.
    private let identityTLS = Mutex<(ClientIdentity, TLSConfiguration)?>(nil)

    /// Creates the transport.
    ///
    /// - Throws: ``ConfigurationError/Code/invalidCertificate`` when a CA, certificate or key is not valid PEM.
    package init(configuration: ClientConfiguration, logger: Logger) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = configuration.certificateAuthorityPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8))
            } catch {
                throw ConfigurationError(.invalidCertificate, "the certificate authority is not valid PEM: \(error)")
            }
            guard !roots.isEmpty else {
                throw ConfigurationError(.invalidCertificate, "the certificate authority holds no PEM certificate")
            }
            tls.trustRoots = .certificates(roots)
        }
        if configuration.insecureSkipTLSVerify {
            // Only when the kubeconfig (or the caller) says `insecure-skip-tls-verify: true`; never a fallback.
            tls.certificateVerification = .none
            logger.warning(
                "TLS certificate verification is disabled (insecure-skip-tls-verify)",
                metadata: ["server": "\(configuration.server.absoluteString)"]
            )
        }
        if let certificate = configuration.clientCertificatePEM, let key = configuration.clientKeyPEM {
            try Self.setIdentity(&tls, ClientIdentity(certificatePEM: certificate, keyPEM: key))
        }
        baseTLS = tls

        var components = URLComponents(url: configuration.server, resolvingAgainstBaseURL: false)
        var dnsOverride: [String: String] = [:]
        if let serverName = configuration.tlsServerName, let host = components?.host, serverName != host {
            dnsOverride[serverName] = host
            components?.host = serverName
        }
        var base = components?.url?.absoluteString ?? configuration.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base

        var http = HTTPClient.Configuration()
        http.tlsConfiguration = tls
        http.httpVersion = configuration.prefersHTTP2 ? .automatic : .http1Only
        http.redirectConfiguration = .disallow
        http.decompression = .disabled
        http.dnsOverride = dnsOverride
        http.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Int64(configuration.connectTimeout.timeInterval * 1e9)),
            read: nil
        )
        http.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(90),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(configuration.maxConnectionsPerHost, 1)
        )
        // AsyncHTTPClient would otherwise keep retrying a failed connect (refused, TLS handshake) until the request's
        // deadline, hiding the error; our RetryPolicy decides about retries, with backoff, for reads only.
        http.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: http,
            backgroundActivityLogger: logger
        )
    }

    package func execute(_ request: TransportRequest) async throws -> TransportResponse {
        var http = HTTPClientRequest(url: baseURL + request.url)
        http.method = HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        if let body = request.body {
            http.body = .bytes(ByteBuffer(data: body))
        }
        if let identity = request.clientIdentity {
            http.tlsConfiguration = try tlsConfiguration(for: identity)
        }
        let deadline: NIODeadline =
            request.timeout.map { .now() + .nanoseconds(Int64($0.timeInterval * 1e9)) } ?? .distantFuture
        let response = try await client.execute(http, deadline: deadline)
        return TransportResponse(
            statusCode: Int(response.status.code),
            headers: response.headers.map { KubeRequest.Header($0.name, $0.value) },
            body: ResponseBody(HTTPBody(body: response.body))
        )
    }

    package func shutdown() async throws {
        try await client.shutdown()
    }

    private func tlsConfiguration(for identity: ClientIdentity) throws -> TLSConfiguration {
        if let cached = identityTLS.withLock({ $0 }), cached.0 == identity { return cached.1 }
        var tls = baseTLS
        try Self.setIdentity(&tls, identity)
        identityTLS.withLock { $0 = (identity, tls) }
        return tls
    }

    private static func setIdentity(_ tls: inout TLSConfiguration, _ identity: ClientIdentity) throws {
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8))
            guard !chain.isEmpty else {
                throw ConfigurationError(.invalidCertificate, "the client certificate holds no PEM certificate")
            }
            tls.certificateChain = chain.map { .certificate($0) }
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(.invalidCertificate, "the client certificate is not valid PEM: \(error)")
        }
        do {
            // BoringSSL reads PKCS#1 RSA, SEC 1 EC and PKCS#8 keys from PEM.
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem))
        } catch {
            throw ConfigurationError(.invalidCertificate, "the client key is not a valid PEM RSA or EC key: \(error)")
        }
    }
}

/// AsyncHTTPClient's body as `Data` chunks.
private struct HTTPBody: AsyncSequence, Sendable {
    typealias Element = Data
    let body: HTTPClientResponse.Body

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPClientResponse.Body.AsyncIterator
        mutating func next() async throws -> Data? {
            guard let buffer = try await base.next() else { return nil }
            return Data(buffer: buffer)
        }
    }
}
