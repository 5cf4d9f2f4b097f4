import AgriPlatformReconciler
import ArgumentParser
import Logging

/// The flags of `agri-operator run`, named after controller-runtime's manager flags where one exists, and their
/// translation into ``OperatorSettings``.
struct RunOptions: ParsableArguments {
    /// `--log-level`: swift-log's levels by name.
    enum LogLevel: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    @Option(
        help: ArgumentHelp(
            "The kubeconfig file to connect with.",
            discussion: """
                Default: the files in $KUBECONFIG (merged), else ~/.kube/config, else the pod's service account \
                (in-cluster).
                """,
            valueName: "path"
        )
    )
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use. Default: its current-context.", valueName: "name"))
    var context: String?

    @Option(
        help: ArgumentHelp(
            "Watch and reconcile AgriPlatforms in this namespace only.",
            discussion: "Default: $WATCH_NAMESPACE when set and not empty, else every namespace.",
            valueName: "namespace"
        )
    )
    var namespace: String?

    @Flag(
        help: ArgumentHelp(
            "Elect one active replica through a coordination.k8s.io Lease. Default: off (reconcile at once).",
            discussion: """
                Replicas that do not lead keep their caches warm and report ready, but do not reconcile. Turn it \
                on whenever more than one replica can run, including during a rolling update.
                """
        )
    )
    var leaderElect = false

    @Option(
        name: .customLong("leader-election-id"),
        help: ArgumentHelp("The name of the Lease used for leader election.", valueName: "name")
    )
    var leaderElectionID = "agri-operator.agriplatform.io"

    @Option(
        help: ArgumentHelp(
            "The namespace of the leader election Lease.",
            discussion: """
                Default: $POD_NAMESPACE, else the namespace of the pod's service account \
                (/var/run/secrets/kubernetes.io/serviceaccount/namespace). Required with --leader-elect outside a \
                pod.
                """,
            valueName: "namespace"
        )
    )
    var leaderElectionNamespace: String?

    @Option(
        help: ArgumentHelp(
            "Where /metrics listens: :PORT, HOST:PORT, or 0 to disable.",
            discussion: "When it equals --health-probe-bind-address, one server serves both.",
            valueName: "address"
        )
    )
    var metricsBindAddress = ":8080"

    @Option(
        help: ArgumentHelp(
            "Where /healthz and /readyz listen: :PORT, HOST:PORT, or 0 to disable.",
            valueName: "address"
        )
    )
    var healthProbeBindAddress = ":8081"

    @Option(help: ArgumentHelp("How many AgriPlatforms are reconciled at once (at least 1).", valueName: "n"))
    var maxConcurrentReconciles = AgriPlatformReconciler.Configuration().maxConcurrentReconciles

    @Option(
        help: ArgumentHelp(
            "How many objects each page of the caches' lists asks for (at least 1).",
            discussion: """
                Every watched kind is listed at start-up, page by page. Smaller pages lower the start-up's peak \
                memory; larger ones need fewer requests to the API server (client-go uses 500).
                """,
            valueName: "n"
        )
    )
    var listPageSize = AgriPlatformReconciler.Configuration().listPageSize

    @Option(
        help: ArgumentHelp(
            "Reconcile every AgriPlatform again after this many seconds even without a change; 0 disables.",
            valueName: "seconds"
        )
    )
    var resyncPeriod = 600

    @Option(
        help: ArgumentHelp(
            "How logs are written to standard error: json (one object per line, for log pipelines) or text.",
            valueName: "format"
        )
    )
    var logFormat: OperatorSettings.LogFormat = .json

    @Option(help: ArgumentHelp("The least severe level logged.", valueName: "level"))
    var logLevel: LogLevel = .info

    @Option(
        help: ArgumentHelp(
            "The field manager of every server-side apply and status write (at most 128 characters).",
            valueName: "name"
        )
    )
    var fieldManager = "agri-operator"

    @Flag(
        help: ArgumentHelp(
            "Multiplex every request and watch over one HTTP/2 connection instead of one HTTP/1.1 connection each. "
                + "HTTP/1.1 is the default: at start-up HTTP/2 held up to 8 MiB of unread list data per stream "
                + "and raised the operator's peak memory by 40-75 % (docs/benchmarks.md)."
        )
    )
    var http2 = false

    /// The service account file holding a pod's namespace.
    static let serviceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"

    /// Translates the flags and the environment into settings, rejecting bad values with a message naming the flag.
    ///
    /// - Parameters:
    ///   - environment: The process environment (`WATCH_NAMESPACE`, `POD_NAMESPACE`, `POD_NAME`).
    ///   - hostName: The host name, the identity's base outside a pod.
    ///   - inClusterNamespace: The content of the service account's namespace file, if it exists.
    ///   - identitySuffix: A random suffix, so that two processes on one host never share an identity.
    /// - Throws: `ValidationError` with one line naming the flag or variable and the fix.
    func resolve(
        environment: [String: String],
        hostName: String,
        inClusterNamespace: String?,
        identitySuffix: String
    ) throws -> OperatorSettings {
        guard maxConcurrentReconciles >= 1 else {
            throw ValidationError("--max-concurrent-reconciles must be at least 1 (got \(maxConcurrentReconciles))")
        }
        guard listPageSize >= 1 else {
            throw ValidationError("--list-page-size must be at least 1 (got \(listPageSize))")
        }
        guard resyncPeriod >= 0 else {
            throw ValidationError("--resync-period must be 0 (disabled) or a number of seconds (got \(resyncPeriod))")
        }
        let fieldManager = fieldManager.trimmingWhitespace
        guard !fieldManager.isEmpty, fieldManager.count <= 128 else {
            throw ValidationError("--field-manager must have 1 to 128 characters (got \(fieldManager.count))")
        }
        let watched = try watchedNamespace(environment: environment)
        let listeners = OperatorSettings.OperationalListeners(
            metrics: try Self.address(metricsBindAddress, flag: "--metrics-bind-address"),
            healthProbes: try Self.address(healthProbeBindAddress, flag: "--health-probe-bind-address")
        )
        let podName = environment["POD_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        let identity = String("\(podName ?? hostName)_\(identitySuffix)".prefix(128))
        return OperatorSettings(
            clientSource: kubeconfig.map { .kubeconfig(path: $0, context: context) } ?? .inferred(context: context),
            reconciler: AgriPlatformReconciler.Configuration(
                fieldManager: fieldManager,
                namespace: watched,
                maxConcurrentReconciles: maxConcurrentReconciles,
                resyncPeriod: resyncPeriod == 0 ? nil : .seconds(resyncPeriod),
                listPageSize: listPageSize
            ),
            leaderElection: try leaderElection(environment: environment, inClusterNamespace: inClusterNamespace),
            identity: identity,
            listeners: listeners,
            logFormat: logFormat,
            logLevel: logLevel.level,
            prefersHTTP2: http2
        )
    }

    private func watchedNamespace(environment: [String: String]) throws -> String? {
        let value: String?
        let source: String
        if let namespace {
            (value, source) = (namespace, "--namespace")
        } else {
            (value, source) = (environment["WATCH_NAMESPACE"], "WATCH_NAMESPACE")
        }
        guard let value = value?.trimmingWhitespace, !value.isEmpty else {
            if source == "--namespace" {
                throw ValidationError("--namespace must not be empty; leave it out to watch every namespace")
            }
            return nil
        }
        guard Self.isDNSLabel(value) else {
            throw ValidationError("\(source) \"\(value)\" is not a namespace name (lower-case DNS label)")
        }
        return value
    }

    private func leaderElection(
        environment: [String: String],
        inClusterNamespace: String?
    ) throws -> OperatorSettings.LeaderElection? {
        guard leaderElect else { return nil }
        guard Self.isDNSSubdomain(leaderElectionID) else {
            throw ValidationError(
                "--leader-election-id \"\(leaderElectionID)\" is not a valid Lease name (lower-case DNS subdomain)"
            )
        }
        let candidates: [(String?, String)] = [
            (leaderElectionNamespace, "--leader-election-namespace"),
            (environment["POD_NAMESPACE"], "POD_NAMESPACE"),
            (inClusterNamespace, Self.serviceAccountNamespaceFile),
        ]
        for case (let value?, let source) in candidates {
            let namespace = value.trimmingWhitespace
            guard !namespace.isEmpty else { continue }
            guard Self.isDNSLabel(namespace) else {
                throw ValidationError("\(source) \"\(namespace)\" is not a namespace name (lower-case DNS label)")
            }
            return OperatorSettings.LeaderElection(leaseName: leaderElectionID, leaseNamespace: namespace)
        }
        throw ValidationError(
            """
            --leader-elect needs a namespace for its Lease: pass --leader-election-namespace, set POD_NAMESPACE, \
            or run in a pod (not running in-cluster: \(Self.serviceAccountNamespaceFile) not found)
            """
        )
    }

    private static func address(_ text: String, flag: String) throws -> BindAddress? {
        do {
            return try BindAddress.parse(text.trimmingWhitespace)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
    }

    /// An RFC 1123 label: what namespace names must be.
    static func isDNSLabel(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        guard (1...63).contains(characters.count) else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = characters.first, let last = characters.last, isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return characters.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// An RFC 1123 subdomain: what most object names, Leases' included, must be.
    static func isDNSSubdomain(_ text: String) -> Bool {
        text.utf8.count <= 253
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                isDNSLabel(String($0))
            }
    }
}

extension OperatorSettings.LogFormat: ExpressibleByArgument {}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
