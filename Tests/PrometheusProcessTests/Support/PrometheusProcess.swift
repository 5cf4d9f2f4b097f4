import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import TestSupport

/// A real Prometheus server (the Debian package's `/usr/bin/prometheus`) on a free loopback port, with its own
/// temporary configuration and storage, scraping the given targets.
///
/// ```swift
/// let prometheus = try await PrometheusProcess.start(targets: [
///     .init(address: stable.address, labels: ["namespace": "shop", "service": "api", "revision": "stable"]),
/// ])
/// defer { … await prometheus.stop() }
/// try await prometheus.waitForData("sum(http_requests_total)")
/// ```
///
/// The binary is `AGRI_PROMETHEUS` when set, else `/usr/bin/prometheus`; when it is missing ``start(targets:scrapeInterval:)``
/// throws (the test fails, it is not skipped): `scripts/install-datastores` installs it. The server is stopped by
/// ``stop()`` or, at the latest, killed when the test process exits.
final class PrometheusProcess: Sendable {
    /// One scrape target: an address serving `/metrics`, and the labels Prometheus attaches to its series (as the
    /// operator's scrape configuration attaches namespace, service and revision from pod labels).
    struct ScrapeTarget: Sendable, Hashable {
        /// `host:port`.
        var address: String
        /// Target labels, e.g. `["namespace": "shop", "service": "api", "revision": "stable"]`.
        var labels: [String: String]
    }

    /// The environment variable naming another Prometheus binary.
    static let binaryVariable = "AGRI_PROMETHEUS"
    /// The Debian package's binary.
    static let defaultBinary = "/usr/bin/prometheus"

    private let process: Process
    private let folder: URL

    /// The port it listens on.
    let port: Int
    /// `http://127.0.0.1:<port>`: the base URL for `prometheusURL` and ``PrometheusAnalysis``.
    var baseURL: String { "http://127.0.0.1:\(port)" }
    /// What the server logged so far, for failure messages.
    var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
    }

    private init(process: Process, folder: URL, port: Int) {
        self.process = process
        self.folder = folder
        self.port = port
    }

    /// The Prometheus binary to run, or an error saying how to install it.
    static func binary() throws -> String {
        try binary(at: ProcessInfo.processInfo.environment[binaryVariable] ?? defaultBinary)
    }

    /// `path` if it is an executable, or an error saying how to install Prometheus.
    static func binary(at path: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw PrometheusTestError(
                "no Prometheus at \(path): run scripts/install-datastores (Debian package prometheus) or set "
                    + "\(binaryVariable)"
            )
        }
        return path
    }

    /// The configuration file's YAML: every target scraped every `scrapeInterval`, with its labels.
    static func configuration(targets: [ScrapeTarget], scrapeInterval: Duration) -> String {
        let seconds = "\(max(1, scrapeInterval.components.seconds))s"
        var yaml = """
            global:
              scrape_interval: \(seconds)
              scrape_timeout: \(seconds)
              evaluation_interval: \(seconds)
            scrape_configs:
              - job_name: apps
                static_configs:

            """
        for target in targets {
            let labels = target.labels.keys.sorted().map { "\($0): \(quoted(target.labels[$0] ?? ""))" }
            yaml += "      - targets: [\(quoted(target.address))]\n"
            yaml += "        labels: {\(labels.joined(separator: ", "))}\n"
        }
        return yaml
    }

    /// Starts Prometheus scraping `targets` and waits until it answers `/-/ready`.
    ///
    /// - Parameters:
    ///   - targets: what to scrape.
    ///   - scrapeInterval: how often, in whole seconds (at least 1).
    static func start(targets: [ScrapeTarget], scrapeInterval: Duration = .seconds(1)) async throws -> PrometheusProcess
    {
        let binary = try binary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("prometheus.yml")
        try configuration(targets: targets, scrapeInterval: scrapeInterval).write(
            to: config,
            atomically: true,
            encoding: .utf8
        )
        let logFile = folder.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let port = try FreePort.next()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(config.path)",
            "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ]
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try withUnblockedSignals { try process.run() }
        LiveProcesses.shared.add(process.processIdentifier)
        let prometheus = PrometheusProcess(process: process, folder: folder, port: port)
        do {
            try await prometheus.waitUntilReady()
        } catch {
            await prometheus.stop()
            throw error
        }
        return prometheus
    }

    /// Waits until `/-/ready` answers 200.
    func waitUntilReady(timeout: Duration = .seconds(60)) async throws {
        let ready = await poll(timeout: timeout) {
            guard process.isRunning else { return true }
            let response = try? await HTTPClient.shared.execute(
                HTTPClientRequest(url: "\(baseURL)/-/ready"),
                timeout: .seconds(2)
            )
            return response?.status.code == 200
        }
        guard ready, process.isRunning else {
            throw PrometheusTestError("Prometheus did not become ready on \(baseURL); its log:\n\(log)")
        }
    }

    /// Runs an instant query now and returns the raw response body.
    func query(_ promQL: String) async throws -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = promQL.addingPercentEncoding(withAllowedCharacters: allowed) ?? promQL
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "\(baseURL)/api/v1/query?query=\(encoded)"),
            timeout: .seconds(10)
        )
        return Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
    }

    /// Waits until an instant query returns a non-empty result: the targets were scraped.
    func waitForData(_ promQL: String, timeout: Duration = .seconds(60)) async throws {
        let arrived = await poll(timeout: timeout) {
            guard let body = try? await query(promQL), let text = String(bytes: body, encoding: .utf8) else {
                return false
            }
            return text.contains("\"status\":\"success\"") && !text.contains("\"result\":[]")
        }
        guard arrived else {
            throw PrometheusTestError("no data for \(promQL) on \(baseURL); its log:\n\(log)")
        }
    }

    /// Stops the server (SIGTERM, SIGKILL after 10 s) and removes its folder.
    func stop() async {
        let pid = process.processIdentifier
        defer {
            LiveProcesses.shared.remove(pid)
            try? FileManager.default.removeItem(at: folder)
        }
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        _ = await poll(timeout: .seconds(10), interval: .milliseconds(50)) { !process.isRunning }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A YAML double-quoted string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Runs `body` (which starts a process) with no signal blocked on this thread: a child inherits the spawning
    /// thread's signal mask, and the test runner's threads block SIGTERM, which would leave Prometheus deaf to it.
    private static func withUnblockedSignals(_ body: () throws -> Void) rethrows {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try body()
    }
}

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held. The timeout
/// bounds a wait for a server; no test asserts how long anything takes.
func poll(
    timeout: Duration,
    interval: Duration = .milliseconds(250),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Every server still running, killed when the test process exits (even after a failed expectation or a thrown
/// error that skipped a cleanup).
final class LiveProcesses: Sendable {
    static let shared = LiveProcesses()
    private let pids = Mutex<Set<Int32>>([])

    private init() {
        atexit {
            for pid in LiveProcesses.shared.pids.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
    }

    func add(_ pid: Int32) { pids.withLock { _ = $0.insert(pid) } }
    func remove(_ pid: Int32) { pids.withLock { _ = $0.remove(pid) } }
}

/// A failure of the test environment, with a message that says what to do.
struct PrometheusTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
