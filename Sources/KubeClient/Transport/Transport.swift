package import Foundation
package import KubeCore

/// One HTTP exchange as the client core sees it, so the retry, authentication and watch logic can be tested with
/// a scripted transport instead of a socket.
package protocol KubeTransport: Sendable {
    /// Sends a request and returns once the response head arrived; the body streams.
    func execute(_ request: TransportRequest) async throws -> TransportResponse
    /// Closes connections. No request may be sent afterwards.
    func shutdown() async throws
}

/// A request ready for the wire: absolute URL, all headers (authentication included) and the body.
package struct TransportRequest: Sendable {
    package var method: KubeRequest.Method
    package var url: String
    package var headers: [KubeRequest.Header]
    package var body: Data?
    /// A client certificate and key (PEM) that override the configured ones, from an exec plugin.
    package var clientIdentity: ClientIdentity?
    /// How long the whole exchange may take; `nil` for none (watches).
    package var timeout: Duration?

    package init(
        method: KubeRequest.Method,
        url: String,
        headers: [KubeRequest.Header],
        body: Data?,
        clientIdentity: ClientIdentity? = nil,
        timeout: Duration?
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.clientIdentity = clientIdentity
        self.timeout = timeout
    }

    /// A header value, compared case-insensitively.
    package func header(_ name: String) -> String? { headers.value(of: name) }
}

extension [KubeRequest.Header] {
    /// The first value of the header `name`, compared case-insensitively.
    package func value(of name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A PEM certificate chain and private key.
package struct ClientIdentity: Sendable, Hashable {
    package var certificatePEM: String
    package var keyPEM: String
    package init(certificatePEM: String, keyPEM: String) {
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
    }
}

/// A response head and its streaming body.
package struct TransportResponse: Sendable {
    package var statusCode: Int
    package var headers: [KubeRequest.Header]
    package var body: ResponseBody

    package init(statusCode: Int, headers: [KubeRequest.Header], body: ResponseBody) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The body's length as the `Content-Length` header gives it, if it does (a chunked body has none).
    package var contentLength: Int? {
        headers.value(of: "content-length").flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }
}

/// A response body as a sequence of chunks; iterate it once.
package struct ResponseBody: AsyncSequence, Sendable {
    package typealias Element = Data
    package typealias Failure = any Error

    private let base: any AsyncSequence<Data, any Error> & Sendable

    package init(_ base: any AsyncSequence<Data, any Error> & Sendable) { self.base = base }

    /// A body of fixed chunks, for tests and error paths.
    package init(chunks: [Data]) { self.base = FixedChunks(chunks: chunks) }

    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator()) }

    package struct AsyncIterator: AsyncIteratorProtocol {
        var base: any AsyncIteratorProtocol<Data, any Error>
        package mutating func next() async throws -> Data? { try await base.next() }
    }

    /// Reads the whole body.
    ///
    /// - Parameters:
    ///   - limit: The most bytes accepted.
    ///   - expectedCount: The length the response announced (``TransportResponse/contentLength``), if any: the
    ///     body is then read into one buffer of that size (up to 64 MiB reserved ahead) instead of one that doubles
    ///     as it fills (a list page of a few megabytes held up to twice its size until it was decoded), and a body
    ///     announced beyond `limit` is refused before it is read.
    /// - Throws: ``BodyTooLarge`` beyond `limit`, or the transport's error.
    package func collect(upTo limit: Int, expectedCount: Int? = nil) async throws -> Data {
        var data = Data()
        if let expectedCount {
            guard expectedCount <= limit else { throw BodyTooLarge(limit: limit) }
            // At most 64 MiB ahead of the bytes: a header alone cannot make the client reserve `limit` (512 MiB by
            // default).
            data.reserveCapacity(Swift.min(expectedCount, 64 << 20))
        }
        for try await chunk in self {
            data.append(chunk)
            if data.count > limit { throw BodyTooLarge(limit: limit) }
        }
        return data
    }

    /// A response body exceeded ``ClientConfiguration/maxResponseBodySize``.
    package struct BodyTooLarge: Error, Hashable {
        package var limit: Int
    }
}

private struct FixedChunks: AsyncSequence, Sendable {
    typealias Element = Data
    let chunks: [Data]
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...]) }
    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<Data>
        mutating func next() async throws -> Data? { remaining.popFirst() }
    }
}
