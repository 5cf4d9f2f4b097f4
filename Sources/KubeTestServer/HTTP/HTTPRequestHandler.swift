import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Collects one HTTP/1.1 request (or one HTTP/2 stream translated to HTTP/1 parts), hands it to the API layer
/// in a task, and writes the response, streaming chunked bodies for watches.
///
/// The handler owns the task it starts: closing the connection cancels it, which ends a watch.
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (HTTPRequest) async -> HTTPResponse
    private let tracker: ConnectionTracker
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var task: Task<Void, Never>?

    init(respond: @escaping @Sendable (HTTPRequest) async -> HTTPResponse, tracker: ConnectionTracker) {
        self.respond = respond
        self.tracker = tracker
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = HTTPRequest(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView),
                certificateUser: Self.certificateUser(of: context.channel)
            )
            task = Self.serve(
                request,
                respond: respond,
                tracker: tracker,
                channel: context.channel,
                version: head.version,
                keepAlive: head.isKeepAlive
            )
        }
    }

    private static func serve(
        _ request: HTTPRequest,
        respond: @escaping @Sendable (HTTPRequest) async -> HTTPResponse,
        tracker: ConnectionTracker,
        channel: any Channel,
        version: HTTPVersion,
        keepAlive: Bool
    ) -> Task<Void, Never> {
        tracker.run {
            let response = await respond(request)
            await write(response, to: channel, version: version, keepAlive: keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        task?.cancel()
        task = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// The subject common name of a verified client certificate, if the peer sent one.
    private static func certificateUser(of channel: any Channel) -> String? {
        // For HTTP/2 the TLS handler sits on the connection, the parent of the stream channel (same event loop).
        let connection = channel.parent ?? channel
        guard let handler = try? connection.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
            let certificate = handler.peerCertificate
        else { return nil }
        let subject = certificate.description
        if let range = subject.range(of: "common_name=") {
            return String(subject[range.upperBound...].prefix { $0 != ";" && $0 != ">" })
        }
        return "system:anonymous-cert"
    }

    private static func write(
        _ response: HTTPResponse,
        to channel: any Channel,
        version: HTTPVersion,
        keepAlive: Bool
    ) async {
        var headers = HTTPHeaders(response.headers)
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        do {
            switch response.body {
            case .data(let data):
                headers.replaceOrAdd(name: "content-length", value: String(data.count))
                let head = HTTPResponseHead(
                    version: version,
                    status: HTTPResponseStatus(statusCode: response.status),
                    headers: headers
                )
                channel.write(HTTPServerResponsePart.head(head), promise: nil)
                if !data.isEmpty {
                    channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: data))), promise: nil)
                }
                try await channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            case .stream(let produce):
                let head = HTTPResponseHead(
                    version: version,
                    status: HTTPResponseStatus(statusCode: response.status),
                    headers: headers
                )
                try await channel.writeAndFlush(HTTPServerResponsePart.head(head))
                try await produce { data in
                    try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: data))))
                }
                try await channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            }
            if !keepAlive { try await channel.close() }
        } catch {
            try? await channel.close()
        }
    }
}
