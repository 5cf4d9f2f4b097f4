import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP application on a loopback port that counts its requests the way an instrumented service does, for
/// a real Prometheus to scrape.
///
/// - `GET /metrics` serves, in the Prometheus text format, `http_requests_total{code}` (a series per status code
///   seen, as client libraries create them on first use) and the histogram `http_request_duration_seconds`
///   (the client libraries' default buckets).
/// - Any other path is a request of the service: it answers `500` for ``Behaviour/errorPercent`` of requests,
///   spread evenly (every fifth for 20 %), else `200`, and records ``Behaviour/latencySeconds`` as its duration
///   without waiting — latency checks are tested without slow requests.
///
/// The series carry no namespace, service or revision labels: Prometheus attaches them per target
/// (``PrometheusProcess/ScrapeTarget``), as the operator's scrape configuration does from pod labels.
///
/// ```swift
/// let canary = try await MetricsApp.start(MetricsApp.Behaviour(errorPercent: 20))
/// try await MetricsApp.withTraffic(to: [stable, canary]) { … }
/// await canary.stop()
/// ```
final class MetricsApp: Sendable {
    /// How the application answers.
    struct Behaviour: Sendable, Hashable {
        /// The share of requests, 0–100, answered with `500`.
        var errorPercent: Int = 0
        /// The duration recorded for each request.
        var latencySeconds: Double = 0.02
    }

    /// The upper bounds of the histogram's buckets (the Prometheus client libraries' defaults), then `+Inf`.
    static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let channel: any Channel
    private let recorder: Recorder

    /// The loopback port it listens on.
    let port: Int
    /// `127.0.0.1:<port>`, as a scrape target.
    var address: String { "127.0.0.1:\(port)" }
    /// `http://127.0.0.1:<port>`.
    var url: String { "http://\(address)" }

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.recorder = recorder
    }

    /// Starts an application on a free loopback port.
    static func start(_ behaviour: Behaviour = Behaviour()) async throws -> MetricsApp {
        let recorder = Recorder(behaviour: behaviour)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(recorder: recorder))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return MetricsApp(channel: channel, recorder: recorder)
    }

    /// Changes how it answers from now on (e.g. a canary that starts failing).
    func setBehaviour(_ behaviour: Behaviour) {
        recorder.state.withLock { $0.behaviour = behaviour }
    }

    /// Requests served so far, by status code.
    var requestsByCode: [Int: Int] { recorder.state.withLock { $0.requestsByCode } }

    /// Stops listening; connections still open are closed by their clients.
    func stop() async {
        try? await channel.close()
    }

    /// Runs `body` while requests go to every app in `apps`, about `requestsPerSecond` to each, and stops the
    /// traffic when `body` returns or throws.
    static func withTraffic<T: Sendable>(
        to apps: [MetricsApp],
        requestsPerSecond: Int = 50,
        using client: HTTPClient = .shared,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                let batch = max(1, requestsPerSecond / 10)
                while !Task.isCancelled {
                    for app in apps {
                        for _ in 0..<batch {
                            let response = try? await client.execute(
                                HTTPClientRequest(url: "\(app.url)/work"),
                                timeout: .seconds(5)
                            )
                            _ = try? await response?.body.collect(upTo: 1024)
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return nil
            }
            defer { group.cancelAll() }
            let result = try await body()
            group.cancelAll()
            return result
        }
    }
}

/// The counters of a ``MetricsApp``, shared by its connections.
private final class Recorder: Sendable {
    struct State {
        var behaviour: MetricsApp.Behaviour
        var requestsByCode: [Int: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: MetricsApp.bucketBounds.count)
        var durationSum = 0.0
        var served = 0
    }

    let state: Mutex<State>

    init(behaviour: MetricsApp.Behaviour) {
        state = Mutex(State(behaviour: behaviour))
    }

    /// Serves one request: the status code and body.
    func respond(to path: String) -> (HTTPResponseStatus, String) {
        if path == "/metrics" { return (.ok, exposition()) }
        return state.withLock { state in
            let percent = state.behaviour.errorPercent
            // Fails the request that takes the running error count to the next whole number: an even spread.
            let fails = ((state.served + 1) * percent) / 100 > (state.served * percent) / 100
            state.served += 1
            let code = fails ? 500 : 200
            state.requestsByCode[code, default: 0] += 1
            let duration = state.behaviour.latencySeconds
            for (index, bound) in MetricsApp.bucketBounds.enumerated() where duration <= bound {
                state.bucketCounts[index] += 1
            }
            state.durationSum += duration
            return (fails ? .internalServerError : .ok, fails ? "failed\n" : "ok\n")
        }
    }

    /// The metrics in the Prometheus text exposition format.
    private func exposition() -> String {
        state.withLock { state in
            var lines = [
                "# HELP http_requests_total Requests served, by status code.",
                "# TYPE http_requests_total counter",
            ]
            for code in state.requestsByCode.keys.sorted() {
                lines.append("http_requests_total{code=\"\(code)\"} \(state.requestsByCode[code] ?? 0)")
            }
            lines += [
                "# HELP http_request_duration_seconds Request durations.",
                "# TYPE http_request_duration_seconds histogram",
            ]
            for (index, bound) in MetricsApp.bucketBounds.enumerated() {
                lines.append("http_request_duration_seconds_bucket{le=\"\(bound)\"} \(state.bucketCounts[index])")
            }
            lines.append("http_request_duration_seconds_bucket{le=\"+Inf\"} \(state.served)")
            lines.append("http_request_duration_seconds_sum \(state.durationSum)")
            lines.append("http_request_duration_seconds_count \(state.served)")
            return lines.joined(separator: "\n") + "\n"
        }
    }

}

/// One connection's HTTP/1.1 exchange with a ``MetricsApp``.
private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: Recorder
    private var path = "/"

    init(recorder: Recorder) {
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "/")
        case .body:
            break
        case .end:
            let (status, text) = recorder.respond(to: path)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; version=0.0.4")
            headers.add(name: "Content-Length", value: String(text.utf8.count))
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
