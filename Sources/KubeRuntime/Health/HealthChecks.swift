import OrderedCollections
import Synchronization

/// A registry of named liveness and readiness checks, like controller-runtime's `AddHealthzCheck` and
/// `AddReadyzCheck`, that an operational server serves as `/healthz` and `/readyz`.
///
/// Components register what they know about themselves: a manager adds "caches synced" to the readiness checks
/// (ready once every informer cache has listed) and "leader election healthy" to the liveness checks. A check is an
/// `async` closure returning ``Status``; it should answer quickly (kubelet probes time out after one second by
/// default) from state the component already has, not by calling the API server.
///
/// Semantics follow controller-runtime's `healthz` package
/// (<https://github.com/kubernetes-sigs/controller-runtime/blob/main/pkg/healthz/healthz.go>): a probe is healthy
/// when every check not excluded passes; with no checks registered it reports one passing `ping` check. Checks of a
/// probe run concurrently; the report lists them by name.
///
/// ```swift
/// let health = HealthChecks()
/// health.add("informers", to: .readiness) { store.isSynced ? .healthy : .unhealthy("not synced") }
/// let report = await health.run(.readiness)
/// ```
public final class HealthChecks: Sendable {
    /// Which endpoint a check belongs to.
    public enum Probe: String, Sendable, Hashable, CaseIterable {
        /// `/healthz`: failing means the process should be restarted.
        case liveness
        /// `/readyz`: failing means the process should get no traffic (or, for an operator, is not yet useful).
        case readiness
    }

    /// The outcome of one check.
    public struct Status: Sendable, Hashable {
        /// Whether the check passed.
        public var isHealthy: Bool
        /// Why it failed, for logs and the individual check endpoint; `nil` when healthy.
        public var reason: String?

        /// Creates an outcome.
        ///
        /// - Parameters:
        ///   - isHealthy: Whether the check passed.
        ///   - reason: Why it failed.
        public init(isHealthy: Bool, reason: String? = nil) {
            self.isHealthy = isHealthy
            self.reason = reason
        }

        /// A passing check.
        public static let healthy = Status(isHealthy: true)

        /// A failing check.
        ///
        /// - Parameter reason: Why it failed.
        /// - Returns: The outcome.
        public static func unhealthy(_ reason: String) -> Status { Status(isHealthy: false, reason: reason) }
    }

    /// A check: answers quickly whether something is healthy.
    public typealias Check = @Sendable () async -> Status

    private let checks = Mutex<[Probe: OrderedDictionary<String, Check>]>([:])

    /// Creates an empty registry.
    public init() {}

    /// Registers `check` under `name` for `probe`, replacing a check of the same name.
    ///
    /// - Parameters:
    ///   - name: The check's name, shown as `[+]name ok` and served at `/healthz/<name>` or `/readyz/<name>`.
    ///   - probe: Liveness or readiness.
    ///   - check: The check.
    public func add(_ name: String, to probe: Probe, check: @escaping Check) {
        checks.withLock { $0[probe, default: [:]][name] = check }
    }

    /// Registers a check that passes when `isHealthy` returns `true`.
    ///
    /// - Parameters:
    ///   - name: The check's name.
    ///   - probe: Liveness or readiness.
    ///   - isHealthy: Whether the check passes.
    public func add(_ name: String, to probe: Probe, isHealthy: @escaping @Sendable () async -> Bool) {
        add(name, to: probe) { await isHealthy() ? .healthy : .unhealthy("check failed") }
    }

    /// Removes the check called `name` from `probe`.
    ///
    /// - Parameters:
    ///   - name: The check's name.
    ///   - probe: Liveness or readiness.
    public func remove(_ name: String, from probe: Probe) {
        checks.withLock { _ = $0[probe]?.removeValue(forKey: name) }
    }

    /// The names of the checks registered for `probe`, sorted.
    ///
    /// - Parameter probe: Liveness or readiness.
    /// - Returns: The names.
    public func names(of probe: Probe) -> [String] {
        checks.withLock { ($0[probe]?.keys).map(Array.init) ?? [] }.sorted()
    }

    /// Runs every check of `probe` concurrently, skipping `excluded` ones (they count as passing).
    ///
    /// - Parameters:
    ///   - probe: Liveness or readiness.
    ///   - excluded: Names of checks to skip, as controller-runtime's `?exclude=` query parameter.
    /// - Returns: The report, sorted by name; a single passing `ping` entry when no check is registered.
    public func run(_ probe: Probe, excluding excluded: Set<String> = []) async -> HealthReport {
        let registered = checks.withLock { $0[probe] ?? [:] }
        guard !registered.isEmpty else {
            return HealthReport(
                entries: [HealthReport.Entry(name: "ping", status: .healthy)],
                unknownExclusions: excluded.sorted()
            )
        }
        var entries: [HealthReport.Entry] = []
        await withTaskGroup(of: HealthReport.Entry.self) { group in
            for (name, check) in registered {
                if excluded.contains(name) {
                    entries.append(HealthReport.Entry(name: name, status: .healthy, isExcluded: true))
                } else {
                    group.addTask { HealthReport.Entry(name: name, status: await check()) }
                }
            }
            for await entry in group { entries.append(entry) }
        }
        let unknown = excluded.subtracting(registered.keys).sorted()
        return HealthReport(entries: entries.sorted { $0.name < $1.name }, unknownExclusions: unknown)
    }

    /// Runs the one check of `probe` called `name`.
    ///
    /// - Parameters:
    ///   - name: The check's name.
    ///   - probe: Liveness or readiness.
    /// - Returns: Its outcome, or `nil` when no such check is registered.
    public func run(_ name: String, of probe: Probe) async -> Status? {
        guard let check = checks.withLock({ $0[probe]?[name] }) else { return nil }
        return await check()
    }
}
