/// A fingerprint of the fields a field manager applies, to tell from a cache whether a server-side apply would
/// change anything.
///
/// Server-side apply records, in `metadata.managedFields`, the fields each applier owns (its entry with
/// `operation: Apply`). After an apply that succeeded, the owned fields hold exactly the applied values; later writes
/// by other managers either leave them alone (another manager's new annotation is not ours), or take them over (an
/// `Update` that changes a field we own moves the field to that manager, so it leaves our set). Applying the same
/// configuration again is therefore a no-op exactly when the owned subset of the live object equals the
/// configuration, and the configuration is precisely the set of fields we would own after applying it. The digest
/// compares the two without keeping either: ``init(desired:)`` fingerprints the configuration,
/// ``init(live:fieldManager:)`` the owned subset of the live object (see ``ManagedFieldSet/ownedSubset(of:)``).
///
/// Both sides leave out what server-side apply never tracks (the API server's `stripMetaManager` and the status
/// reset of kinds with a status subresource): `apiVersion`, `kind`, `status`, and the `metadata` members listed in
/// ``untrackedMetadataFields``. Both sides are canonical before hashing: object members are sorted by key, numbers
/// with no fractional part are integers (`1` and `1.0` agree), and members that are `null`, `{}` or `[]` (after the
/// same rule applied below them) are left out, because the API server drops empty optional members (`omitempty`)
/// and a `null` in an apply configuration removes the member.
///
/// The hash is 128-bit FNV-1a over a type-tagged, length-prefixed serialisation, so two different canonical values
/// collide with probability about 2⁻¹²⁸ for a given pair; FNV is not collision resistant against an adversary, which
/// does not matter here (a collision only skips one apply until the next change).
///
/// `status` is left out even for kinds without a status subresource (where the main resource's apply does track it):
/// apply status through the `status` subresource.
///
/// Where the digests differ although an apply would change nothing (one extra apply per reconcile, never a missed
/// one): a field owned whole whose live value others extended below it (a configuration with `annotations: {}` owns
/// the whole map as a leaf, so another manager's annotation shows as a difference); values the API server rewrites
/// into another form (a Quantity `0.5` stored as `500m`); and Go zero values (`""`, `0`, `false`) of fields the API
/// types mark `omitempty`, which the server drops from the stored object while the field set still lists them (an
/// `env` item with `value: ""`, a probe's `initialDelaySeconds: 0`). Treating those zero values as absent would hide
/// another manager taking over such a field (an autoscaler changing `replicas: 0`), so configurations should instead
/// omit empty maps and zero values of `omitempty` fields, and use canonical quantities.
///
/// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/>.
public struct AppliedFieldsDigest: Hashable, Sendable, CustomStringConvertible {
    /// The 128-bit hash.
    public let rawValue: UInt128

    /// The `metadata` members server-side apply never records in a field set, left out of both digests.
    ///
    /// See the API server's
    /// [`stripmeta.go`](https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager/internal/stripmeta.go).
    public static let untrackedMetadataFields: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "clusterName",
        "managedFields",
    ]

    /// Fingerprints a desired object: the configuration a field manager would apply.
    ///
    /// - Parameter desired: The apply configuration, as it would be sent (with or without `apiVersion`, `kind`,
    ///   name and namespace).
    public init(desired: JSONValue) {
        self.init(canonicalizing: desired)
    }

    /// Fingerprints the fields `fieldManager` owns in a live object through server-side apply.
    ///
    /// The entry used is the one with `manager == fieldManager`, `operation == "Apply"` and no `subresource`.
    ///
    /// - Parameters:
    ///   - live: The object as read from the API server, with `metadata.managedFields`.
    ///   - fieldManager: The field manager name used when applying, e.g. `agri-operator`.
    /// - Returns: `nil` when the object has no such entry (it was never applied by this manager, or its managed
    ///   fields were dropped).
    public init?(live: JSONValue, fieldManager: String) {
        guard let entries = live[path: ["metadata", "managedFields"]]?.arrayValue,
            let entry = entries.first(where: { Self.isApplyEntry($0, of: fieldManager) })
        else { return nil }
        let fields = entry["fieldsV1"].map(ManagedFieldSet.init(fieldsV1:)) ?? ManagedFieldSet()
        self.init(canonicalizing: fields.ownedSubset(of: live) ?? .object([:]))
    }

    /// Wraps a hash computed elsewhere, e.g. one read back from storage.
    ///
    /// - Parameter rawValue: The 128-bit hash.
    public init(rawValue: UInt128) { self.rawValue = rawValue }

    /// The hash as 32 hexadecimal digits.
    public var description: String {
        let digits = String(rawValue, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    private static func isApplyEntry(_ entry: JSONValue, of fieldManager: String) -> Bool {
        entry["manager"]?.stringValue == fieldManager && entry["operation"]?.stringValue == "Apply"
            && (entry["subresource"]?.stringValue ?? "").isEmpty
    }

    private init(canonicalizing object: JSONValue) {
        var tracked = object
        if case .object(var members) = tracked {
            members["apiVersion"] = nil
            members["kind"] = nil
            members["status"] = nil
            if case .object(var metadata)? = members["metadata"] {
                for field in Self.untrackedMetadataFields { metadata[field] = nil }
                members["metadata"] = .object(metadata)
            }
            tracked = .object(members)
        }
        var hasher = CanonicalJSONHasher()
        hasher.combine(tracked)
        rawValue = hasher.value
    }
}
