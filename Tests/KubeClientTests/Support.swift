import Foundation
import KubeClient
import KubeCore
import Synchronization

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kubeclient-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (creating parent directories) and returns its path.
    @discardableResult
    func write(_ relative: String, _ contents: String, executable: Bool = false) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }
}

/// A wall clock the test moves by hand.
final class ManualWallClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
    var function: @Sendable () -> Date { { self.now } }
}

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: KubeTransport {
    struct Reply: Sendable {
        var statusCode: Int
        var headers: [KubeRequest.Header] = []
        var chunks: [String] = []
        var failure: Bool = false

        static func json(_ statusCode: Int, _ body: String, headers: [KubeRequest.Header] = []) -> Reply {
            Reply(statusCode: statusCode, headers: headers, chunks: [body])
        }

        static let connectionRefused = Reply(statusCode: 0, failure: true)
    }

    struct ConnectionRefused: Error {}

    private let state: Mutex<(replies: [Reply], requests: [TransportRequest])>
    private let fallback: Reply?

    init(_ replies: [Reply], fallback: Reply? = nil) {
        state = Mutex((replies, []))
        self.fallback = fallback
    }

    var requests: [TransportRequest] { state.withLock { $0.requests } }

    func execute(_ request: TransportRequest) async throws -> TransportResponse {
        let reply = state.withLock { state -> Reply? in
            state.requests.append(request)
            return state.replies.isEmpty ? fallback : state.replies.removeFirst()
        }
        guard let reply else { throw ConnectionRefused() }
        if reply.failure { throw ConnectionRefused() }
        return TransportResponse(
            statusCode: reply.statusCode,
            headers: reply.headers,
            body: ResponseBody(chunks: reply.chunks.map { Data($0.utf8) })
        )
    }

    func shutdown() async throws {}
}

/// Records the delays a client slept for instead of sleeping.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])
    var recorded: [Duration] { delays.withLock { $0 } }
    var function: @Sendable (Duration) async throws -> Void { { delay in self.delays.withLock { $0.append(delay) } } }
}

func makeClient(
    _ transport: ScriptedTransport,
    authentication: Authentication = .bearerToken("secret-token"),
    sleeper: SleepRecorder = SleepRecorder(),
    clock: ManualWallClock = ManualWallClock()
) -> KubeClient {
    var configuration = ClientConfiguration(server: URL(string: "https://kube.example:6443")!, namespace: "team")
    configuration.authentication = authentication
    return KubeClient(
        configuration: configuration,
        transport: transport,
        sleep: sleeper.function,
        random: { 0.5 },
        now: clock.function
    )
}

let notFoundStatus = """
    {"kind":"Status","apiVersion":"v1","status":"Failure","message":"configmaps \\"a\\" not found",\
    "reason":"NotFound","details":{"name":"a","kind":"configmaps"},"code":404}
    """
