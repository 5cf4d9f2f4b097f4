/// The release a Prometheus analysis measures: which series belong to the new revision, and which to the
/// baseline it is compared with.
public struct AnalysisTarget: Sendable, Hashable {
    /// The AgriPlatform's namespace (the `namespace` label of the series).
    public var namespace: String
    /// The AgriPlatform's name, for the `{{platform}}` placeholder of custom queries.
    public var platform: String
    /// The AgriPlatform service's name (the `service` label of the series).
    public var service: String
    /// The new revision under analysis (the `revision` label: the pods' `agriplatform.io/revision`).
    public var revision: String
    /// The revision serving before the release, the baseline of comparisons; `nil` on a service's first release,
    /// when comparisons with a baseline are not measured.
    public var stableRevision: String?

    /// Creates a target.
    public init(namespace: String, platform: String, service: String, revision: String, stableRevision: String?) {
        self.namespace = namespace
        self.platform = platform
        self.service = service
        self.revision = revision
        self.stableRevision = stableRevision
    }

    /// The stable revision when there is one to compare with: set, and not the revision under analysis.
    var baseline: String? {
        guard let stableRevision, stableRevision != revision else { return nil }
        return stableRevision
    }
}
