import Foundation
public import KubeCore

/// The events of one watch request, decoded from the server's stream of newline-delimited JSON.
///
/// Iterate it once. It yields `ADDED`, `MODIFIED`, `DELETED` and `BOOKMARK` events, and ends (returns `nil`) when
/// the server closes the stream, which it does after `timeoutSeconds` or at its own minimum request timeout: the
/// caller then watches again from the last seen `resourceVersion`. An `ERROR` event is thrown as a ``KubeError``
/// (``KubeError/Code/expired`` for `410 Gone`: relist, then watch from the new version) and ends the stream. A
/// broken connection is thrown as ``KubeError/Code/transport``. Cancelling the iterating task closes the
/// connection (or resets the HTTP/2 stream).
///
/// A `BOOKMARK` whose object does not decode as `Object` (bookmarks carry only `apiVersion`, `kind` and
/// `metadata.resourceVersion`, so types with required fields cannot decode them) is skipped.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes>.
public struct WatchStream<Object: Codable & Sendable>: AsyncSequence, Sendable {
    /// A watch event.
    public typealias Element = WatchEvent<Object>
    /// Watch failures are ``KubeError``s (or `CancellationError`).
    public typealias Failure = any Error

    let body: ResponseBody
    let request: KubeRequest

    /// Creates the iterator. The stream is single-pass: iterate it once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body.makeAsyncIterator(), request: request)
    }

    /// Reads chunks, frames lines and decodes events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var body: ResponseBody.AsyncIterator
        let request: KubeRequest
        var framer = LineFramer()
        var finished = false

        init(body: ResponseBody.AsyncIterator, request: KubeRequest) {
            self.body = body
            self.request = request
        }

        /// The next event, or `nil` when the server ended the watch.
        ///
        /// - Throws: ``KubeError`` for an `ERROR` event, an undecodable event or a broken connection.
        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                let line: [UInt8]?
                do {
                    line = try framer.nextLine()
                } catch {
                    finished = true
                    throw KubeError(
                        code: .decoding,
                        message: "a watch event exceeded \(error.length) bytes without a newline",
                        underlying: error
                    ).withContext(of: request)
                }
                if let line {
                    if let event = try decodeEvent(line) { return event }
                    continue
                }
                if finished { return nil }
                let chunk: Data?
                do {
                    chunk = try await body.next()
                } catch {
                    finished = true
                    if Task.isCancelled || error is CancellationError { throw CancellationError() }
                    throw KubeError.transport("the watch connection broke: \(error)", underlying: error)
                        .withContext(of: request)
                }
                guard let chunk else {
                    finished = true
                    guard let rest = framer.finish() else { return nil }
                    return try decodeEvent(rest)
                }
                framer.append(chunk)
            }
        }

        private mutating func decodeEvent(_ line: [UInt8]) throws -> WatchEvent<Object>? {
            let data = Data(line)
            let header: EventHeader
            do {
                header = try KubeJSON.decode(EventHeader.self, from: data)
            } catch {
                finished = true
                throw KubeError(
                    code: .decoding,
                    message: "a watch line is not a watch event: \(error)",
                    underlying: error
                )
                .withContext(of: request)
            }
            if header.type == .error {
                finished = true
                let status = (try? KubeJSON.decode(WatchEvent<Status>.self, from: data))?.object
                throw KubeError.from(httpCode: nil, status: status).withContext(of: request)
            }
            do {
                return try KubeJSON.decode(WatchEvent<Object>.self, from: data)
            } catch {
                if header.type == .bookmark { return nil }
                finished = true
                throw KubeError(
                    code: .decoding,
                    message: "cannot decode a \(header.type.rawValue) watch event as \(Object.self): \(error)",
                    underlying: error
                ).withContext(of: request)
            }
        }
    }
}

/// Just the `type` of a watch event.
private struct EventHeader: Decodable {
    var type: WatchEvent<JSONValue>.EventType
}

extension KubeClient {
    /// Establishes a watch (retrying like a read) and wraps its body.
    func watchObjects<Object: Codable & Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String?,
        options: WatchOptions,
        as type: Object.Type
    ) async throws -> WatchStream<Object> {
        let request = KubeRequest.watch(resource, namespace: resource.namespaced ? namespace : nil, options: options)
        return try await watch(request, as: type)
    }

    /// Sends a prepared watch request and returns its event stream.
    ///
    /// - Parameters:
    ///   - request: A `KubeRequest.watch(...)` request.
    ///   - type: The object type of events.
    /// - Returns: The event stream.
    /// - Throws: ``KubeError`` when the server refuses the watch.
    public func watch<Object: Codable & Sendable>(
        _ request: KubeRequest,
        as type: Object.Type = Object.self
    ) async throws -> WatchStream<Object> {
        let exchange = try await exchange(request, streaming: true)
        guard let stream = exchange.stream else {
            let response = KubeResponse(
                statusCode: exchange.statusCode,
                headers: exchange.headers,
                body: exchange.collectedBody ?? Data()
            )
            throw error(for: response, request: request)
        }
        return WatchStream(body: stream, request: request)
    }
}

/// An iterator belongs to the one task that consumes the stream.
@available(*, unavailable)
extension WatchStream.AsyncIterator: Sendable {}
