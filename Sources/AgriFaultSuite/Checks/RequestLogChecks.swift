/// Invariants read from the API server's request log: pure functions over ``LoggedRequest`` values.
public enum RequestLogChecks: Sendable {
    /// The names of objects an operator may delete while a release runs: the canary and preview workloads once a
    /// release is done, and a migration Job it reruns. Anything else (a PVC, a Secret, a StatefulSet, the stable
    /// Deployment or Service, the platform) is never an expected prune in the fault scenarios.
    public static func isExpectedPrune(_ request: LoggedRequest) -> Bool {
        let name = request.name ?? ""
        switch request.resource {
        case "deployments", "services", "horizontalpodautoscalers", "poddisruptionbudgets", "httproutes":
            return name.hasSuffix("-canary") || name.hasSuffix("-preview")
        case "jobs": return name.hasSuffix("-migrate") || name.contains("-migrate-")
        default: return false
        }
    }

    /// The delete requests from clients whose `User-Agent` starts with `agentPrefix` that `isExpected` does not
    /// allow, whatever the server answered (an attempt to delete a PVC is wrong even if it failed).
    public static func unexpectedDeletes(
        in log: [LoggedRequest],
        by agentPrefix: String,
        isExpected: (LoggedRequest) -> Bool = isExpectedPrune
    ) -> [LoggedRequest] {
        log.filter { ["delete", "deletecollection"].contains($0.verb) && $0.isFrom(agentPrefix) && !isExpected($0) }
    }

    /// Pairs of acting writes (``LoggedRequest/isActingWrite``) from `first` and `second` that were in flight at the
    /// same time: one arrived before the other was answered. Empty when there was only one writer at any time.
    public static func overlappingWrites(
        in log: [LoggedRequest],
        first: String,
        second: String
    ) -> [(LoggedRequest, LoggedRequest)] {
        let firsts = log.filter { $0.isActingWrite && $0.isFrom(first) }
        let seconds = log.filter { $0.isActingWrite && $0.isFrom(second) }
        var pairs: [(LoggedRequest, LoggedRequest)] = []
        for a in firsts {
            for b in seconds where a.received < b.answered && b.received < a.answered {
                pairs.append((a, b))
            }
        }
        return pairs
    }

    /// How many times the acting writer changed from one of `agents` to another, in arrival order. A single
    /// hand-over (the old leader's writes all before the new leader's) is 1.
    public static func handovers(in log: [LoggedRequest], agents: [String]) -> Int {
        let writers = log.filter(\.isActingWrite).sorted { $0.received < $1.received }.compactMap { request in
            agents.first { request.isFrom($0) }
        }
        return zip(writers, writers.dropFirst()).filter { $0 != $1 }.count
    }

    /// Whether `old` sent its last acting write (any answer) before `new` first took the Lease (its first
    /// successful Lease update or create): the old leader stopped acting before another could start.
    ///
    /// - Returns: `nil` when `new` never took the Lease.
    public static func stoppedBeforeTakeover(in log: [LoggedRequest], old: String, new: String) -> Bool? {
        guard
            let takeover = log.filter({
                $0.isFrom(new) && $0.resource == "leases" && ["update", "create", "patch"].contains($0.verb)
                    && $0.succeeded
            }).map(\.received).min()
        else { return nil }
        let lastOld = log.filter { $0.isFrom(old) && $0.isActingWrite }.map(\.received).max() ?? 0
        return lastOld < takeover
    }

    /// The acting writes from `agent` that arrived after `sequence`.
    public static func actingWrites(in log: [LoggedRequest], by agent: String, after sequence: Int) -> [LoggedRequest] {
        log.filter { $0.isFrom(agent) && $0.isActingWrite && $0.received > sequence }
    }
}
