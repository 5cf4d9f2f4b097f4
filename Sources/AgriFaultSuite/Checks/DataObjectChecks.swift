/// Whether data-bearing objects (PVCs, generated-credentials Secrets) survived: pure functions over the UIDs an
/// observer saw.
public enum DataObjectChecks: Sendable {
    /// A sentence for each object whose UID changed (recreated) or that is missing at the end (lost).
    ///
    /// - Parameters:
    ///   - seen: Every UID seen per `resource/name`, in order.
    ///   - final: The UID per `resource/name` at the end.
    public static func lostOrRecreated(seen: [String: [String]], final: [String: String]) -> [String] {
        seen.keys.sorted().compactMap { key in
            let uids = seen[key] ?? []
            var distinct: [String] = []
            for uid in uids where distinct.last != uid { distinct.append(uid) }
            if distinct.count > 1 { return "\(key) was recreated (\(distinct.count) UIDs)" }
            if final[key] == nil { return "\(key) is gone" }
            if let uid = distinct.first, final[key] != uid { return "\(key) was recreated" }
            return nil
        }
    }
}
