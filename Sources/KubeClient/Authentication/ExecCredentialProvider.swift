import Dispatch
package import Foundation
import KubeCore

/// Runs a client-go credential plugin and caches what it prints until shortly before it expires.
///
/// The plugin is run with `Process`, the operator's environment plus the configured `env`, and
/// `KUBERNETES_EXEC_INFO` holding an `ExecCredential` whose `spec.interactive` is `false` (an operator has no
/// terminal; standard input is `/dev/null`). Its standard output must be an `ExecCredential` of the configured
/// `apiVersion` whose `status` has a `token` or a `clientCertificateData`/`clientKeyData` pair. The credential is
/// reused until ``refreshLeeway`` before `expirationTimestamp` (forever when there is none), or until a `401` makes
/// the client call ``invalidate(generation:)``.
///
/// Concurrent requests that find no valid credential share one plugin run: the run is a stored child `Task` that
/// every waiter awaits, and that is cleared when it finishes. The plugin is not given a timeout (client-go gives
/// none either); a hung plugin blocks requests until it exits.
///
/// See <https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins>.
package actor ExecCredentialProvider {
    package static let supportedAPIVersions: Set<String> = [
        "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
    ]

    package let config: ExecConfig
    package let cluster: ExecClusterInfo?
    /// How long before expiry a credential is refreshed.
    package let refreshLeeway: Duration
    private let now: @Sendable () -> Date
    private let environment: [String: String]

    private var cached: (credentials: Credentials, expiry: Date?)?
    private var generation = 0
    private var running: Task<(Credentials, Date?), any Error>?

    package init(
        config: ExecConfig,
        cluster: ExecClusterInfo?,
        refreshLeeway: Duration = .seconds(10),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.config = config
        self.cluster = cluster
        self.refreshLeeway = refreshLeeway
        self.environment = environment
        self.now = now
    }

    /// A valid credential, from the cache or from a new plugin run.
    ///
    /// - Throws: ``ConfigurationError/Code/execPluginFailed`` (or ``ConfigurationError/Code/unsupported``).
    package func credentials() async throws -> Credentials {
        if let cached, isFresh(cached.expiry) { return cached.credentials }
        let task: Task<(Credentials, Date?), any Error>
        if let running {
            task = running
        } else {
            let config = config
            let input = try execInfo()
            let environment = environment
            task = Task { try await Self.run(config: config, execInfo: input, environment: environment) }
            running = task
        }
        defer { if running == task { running = nil } }
        let (fetched, expiry) = try await task.value
        if let cached, cached.credentials.authorization == fetched.authorization,
            cached.credentials.clientCertificatePEM == fetched.clientCertificatePEM, cached.expiry == expiry
        {
            return cached.credentials
        }
        generation += 1
        var credentials = fetched
        credentials.generation = generation
        cached = (credentials, expiry)
        return credentials
    }

    /// Forgets the credential of `generation` after a `401`, so the next request runs the plugin again.
    package func invalidate(generation: Int) {
        if generation == self.generation { cached = nil }
    }

    private func isFresh(_ expiry: Date?) -> Bool {
        guard let expiry else { return true }
        return now() < expiry.addingTimeInterval(-refreshLeeway.timeInterval)
    }

    private func execInfo() throws -> String {
        guard Self.supportedAPIVersions.contains(config.apiVersion) else {
            throw ConfigurationError(
                .unsupported,
                "exec plugin \(config.command): apiVersion \"\(config.apiVersion)\" is not supported; use one of "
                    + Self.supportedAPIVersions.sorted().joined(separator: ", ")
            )
        }
        let mode = config.interactiveMode ?? (config.apiVersion.hasSuffix("/v1") ? nil : .ifAvailable)
        guard let mode else {
            throw ConfigurationError(
                .invalidKubeconfig,
                "exec plugin \(config.command): interactiveMode must be set for \(config.apiVersion)"
            )
        }
        guard mode != .always else {
            throw ConfigurationError(
                .unsupported,
                "exec plugin \(config.command) requires an interactive terminal (interactiveMode: Always)"
            )
        }
        let credential = ExecCredential(
            apiVersion: config.apiVersion,
            kind: "ExecCredential",
            spec: .init(interactive: false, cluster: config.provideClusterInfo == true ? cluster : nil),
            status: nil
        )
        return String(decoding: try KubeJSON.encode(credential), as: UTF8.self)
    }

    // MARK: Running the plugin

    private static func run(
        config: ExecConfig,
        execInfo: String,
        environment: [String: String]
    ) async throws -> (Credentials, Date?) {
        var processEnvironment = environment
        for variable in config.env ?? [] { processEnvironment[variable.name] = variable.value }
        processEnvironment["KUBERNETES_EXEC_INFO"] = execInfo
        guard let executable = locate(config.command, path: processEnvironment["PATH"]) else {
            var message = "exec plugin \(config.command) not found"
            if let hint = config.installHint, !hint.isEmpty { message += "; \(hint)" }
            throw ConfigurationError(.execPluginFailed, message)
        }
        let output = try await ProcessOutput.run(
            executable: executable,
            arguments: config.args ?? [],
            environment: processEnvironment
        )
        guard output.exitCode == 0 else {
            let stderr = String(decoding: output.standardError.prefix(1024), as: UTF8.self)
            throw ConfigurationError(
                .execPluginFailed,
                "exec plugin \(config.command) exited with status \(output.exitCode): "
                    + stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
        return try parse(output.standardOutput, config: config)
    }

    /// Validates a plugin's output and turns it into credentials and an expiry.
    package static func parse(_ output: Data, config: ExecConfig) throws -> (Credentials, Date?) {
        let credential: ExecCredential
        do {
            credential = try KubeJSON.decode(ExecCredential.self, from: output)
        } catch {
            throw ConfigurationError(
                .execPluginFailed,
                "exec plugin \(config.command) did not print an ExecCredential: \(error)"
            )
        }
        guard credential.apiVersion == config.apiVersion else {
            throw ConfigurationError(
                .execPluginFailed,
                "exec plugin \(config.command) is configured for \(config.apiVersion) but returned "
                    + (credential.apiVersion ?? "no apiVersion")
            )
        }
        guard let status = credential.status else {
            throw ConfigurationError(.execPluginFailed, "exec plugin \(config.command) returned no status")
        }
        var expiry: Date?
        if let text = status.expirationTimestamp, !text.isEmpty {
            guard let date = Time.parse(text) else {
                throw ConfigurationError(
                    .execPluginFailed,
                    "exec plugin \(config.command) returned an invalid expirationTimestamp \"\(text)\""
                )
            }
            expiry = date
        }
        let certificate = status.clientCertificateData.flatMap { $0.isEmpty ? nil : $0 }
        let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : $0 }
        if (certificate == nil) != (key == nil) {
            throw ConfigurationError(
                .execPluginFailed,
                "exec plugin \(config.command) returned a client certificate without a key or a key without one"
            )
        }
        let token = status.token.flatMap { $0.isEmpty ? nil : $0 }
        guard token != nil || certificate != nil else {
            throw ConfigurationError(
                .execPluginFailed,
                "exec plugin \(config.command) returned neither a token nor a client certificate and key"
            )
        }
        let credentials = Credentials(
            authorization: token.map { "Bearer \($0)" },
            clientCertificatePEM: certificate,
            clientKeyPEM: key
        )
        return (credentials, expiry)
    }

    /// The executable for `command`: itself when it contains a `/`, else the first match in `PATH`.
    private static func locate(_ command: String, path: String?) -> String? {
        let files = FileManager.default
        if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(command)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// The exit code and captured output of a finished process.
struct ProcessOutput: Sendable {
    var exitCode: Int32
    var standardOutput: Data
    var standardError: Data

    /// Runs a program to completion on threads of its own, reading both pipes concurrently so a chatty plugin
    /// cannot deadlock on a full pipe.
    ///
    /// The waits block, so they run on dedicated `Thread`s rather than on Dispatch's global queues: on Linux Swift's
    /// concurrency runs its jobs on those queues' few worker threads, and a slow plugin (a cloud login, a browser
    /// prompt) would hold one of them for as long as it runs.
    static func run(
        executable: String,
        arguments: [String],
        environment: [String: String]
    ) async throws
        -> ProcessOutput
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                let stdout = Pipe()
                let stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(
                        throwing: ConfigurationError(
                            .execPluginFailed,
                            "cannot run exec plugin \(executable): \(error.localizedDescription)"
                        )
                    )
                    return
                }
                let group = DispatchGroup()
                let errorBuffer = ErrorBuffer()
                group.enter()
                Thread {
                    errorBuffer.data = stderr.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                .start()
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: ProcessOutput(
                        exitCode: process.terminationStatus,
                        standardOutput: output,
                        standardError: errorBuffer.data
                    )
                )
            }
            .start()
        }
    }
}

/// Standard error collected on another thread; `@unchecked Sendable` because the `DispatchGroup` wait orders the
/// single write before the single read.
private final class ErrorBuffer: @unchecked Sendable {
    var data = Data()
}
