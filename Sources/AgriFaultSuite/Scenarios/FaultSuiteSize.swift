/// How much of the fault suite to run.
public enum FaultSuiteSize: String, Sendable, CaseIterable {
    /// A reduced size for CI: one run per API fault, a few kill points per rollout strategy, one failover and one
    /// partition — a few minutes on two shared cores.
    case ci
    /// Every kill point (after each of the operator's writes during a release or a datastore's formation), three
    /// runs per API fault with a longer fault window, several failovers and partitions.
    case full
}
