import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL

/// The listening socket: TLS (optional), ALPN `h2` and `http/1.1`, and one ``HTTPRequestHandler`` per request.
final class HTTPServer: Sendable {
    let channel: any Channel
    let group: MultiThreadedEventLoopGroup
    let tracker: ConnectionTracker

    /// The port the server listens on.
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup, tracker: ConnectionTracker) {
        self.channel = channel
        self.group = group
        self.tracker = tracker
    }

    /// Binds and starts serving.
    static func start(
        host: String,
        port: Int,
        tls: TLSConfiguration?,
        http2: Bool,
        respond: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) async throws -> HTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let tracker = ConnectionTracker()
        var tls = tls
        if tls != nil { tls?.applicationProtocols = http2 ? ["h2", "http/1.1"] : ["http/1.1"] }
        let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                tracker.connectionOpened(channel)
                return channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                }.flatMap {
                    if sslContext != nil, http2 {
                        return channel.configureHTTP2SecureUpgrade(
                            h2ChannelConfigurator: { channel in
                                channel.configureHTTP2Pipeline(mode: .server) { stream in
                                    stream.eventLoop.makeCompletedFuture {
                                        try stream.pipeline.syncOperations.addHandlers([
                                            HTTP2FramePayloadToHTTP1ServerCodec(),
                                            HTTPRequestHandler(respond: respond, tracker: tracker),
                                        ])
                                    }
                                }.map { _ in }
                            },
                            http1ChannelConfigurator: { channel in
                                configureHTTP1(channel, respond: respond, tracker: tracker)
                            }
                        )
                    }
                    return configureHTTP1(channel, respond: respond, tracker: tracker)
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        return HTTPServer(channel: channel, group: group, tracker: tracker)
    }

    private static func configureHTTP1(
        _ channel: any Channel,
        respond: @escaping @Sendable (HTTPRequest) async -> HTTPResponse,
        tracker: ConnectionTracker
    ) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(HTTPRequestHandler(respond: respond, tracker: tracker))
        }
    }

    /// Closes the listening socket and every connection, then stops the event loop.
    func shutdown() async throws {
        try? await channel.close()
        await tracker.closeAll()
        try await group.shutdownGracefully()
    }
}
