/// What discovery found out about the External Secrets Operator in the cluster the import is meant for.
///
/// The command line fills it in when it is pointed at a cluster (`--kubeconfig`, `--detect`); it stays `nil` in
/// ``ImportOptions/externalSecretsDiscovery`` for a fully offline import.
public struct ExternalSecretsDiscovery: Sendable, Hashable {
    /// What became of looking up the store named by ``ExternalSecretsOptions/storeName``.
    public enum StoreLookup: Sendable, Hashable {
        /// The store exists.
        case found
        /// The server answered that there is no such store (or no store resource at all).
        case notFound
        /// The lookup failed for another reason (for example 403 Forbidden), given here.
        case unknown(String)
    }

    /// The versions in which the server serves `externalsecrets.external-secrets.io` (`v1`, `v1beta1`); empty when
    /// the External Secrets Operator's CRD is not installed.
    public var servedVersions: [String]
    /// The store lookup; `nil` when no store was looked up (the user did not opt in to ExternalSecrets).
    public var store: StoreLookup?
    /// The namespace a `SecretStore` was looked up in; `nil` for a `ClusterSecretStore` or when none was.
    public var storeNamespace: String?

    /// Creates discovery findings.
    public init(servedVersions: [String], store: StoreLookup? = nil, storeNamespace: String? = nil) {
        self.servedVersions = servedVersions
        self.store = store
        self.storeNamespace = storeNamespace
    }

    /// Whether the External Secrets Operator's `ExternalSecret` resource is served at all.
    public var isInstalled: Bool { !servedVersions.isEmpty }
}

/// The `external-secrets.io` API version the generated `ExternalSecret`s are written in.
public enum ExternalSecretsAPIVersion: String, Sendable, Hashable, CaseIterable {
    /// `external-secrets.io/v1`, served by External Secrets Operator 0.16 and later (the only one from 0.17 on).
    case v1
    /// `external-secrets.io/v1beta1`, served up to External Secrets Operator 0.16.
    case v1beta1

    /// The `apiVersion` field's value, e.g. `external-secrets.io/v1`.
    public var apiVersion: String { "\(ExternalSecretsDetection.group)/\(rawValue)" }
}

/// The decision about ExternalSecrets, taken from the user's options and what discovery found: the version to write,
/// the error when the user opted in but the cluster has no External Secrets Operator, and the summary lines.
///
/// Pure: the command line does the discovery requests and hands their findings in through
/// ``ImportOptions/externalSecretsDiscovery``.
public enum ExternalSecretsDetection {
    /// The External Secrets Operator's API group.
    public static let group = "external-secrets.io"
    /// The CRD whose served versions decide the `apiVersion` written.
    public static let customResourceDefinition = "externalsecrets.external-secrets.io"
    /// The version written when no cluster was asked and the user did not choose one: the one this importer has
    /// always written, which External Secrets Operator 0.16 and older serve.
    public static let offlineDefault = ExternalSecretsAPIVersion.v1beta1

    /// What the import does about ExternalSecrets.
    public struct Decision: Sendable, Hashable {
        /// The store options with ``ExternalSecretsOptions/apiVersion`` settled; `nil` when the user did not opt in.
        public var externalSecrets: ExternalSecretsOptions?
        /// Lines for the summary (and the YAML's header comments): the version chosen and why, a missing store.
        public var notes: [ImportNote]
        /// When the user did not opt in but the cluster serves ExternalSecrets: the suggestion to do so, for the
        /// summary of an import that has secret references.
        public var suggestion: String?
    }

    /// Decides what to do about ExternalSecrets.
    ///
    /// - Opted in, no cluster asked: the chosen ``ExternalSecretsOptions/apiVersion``, else ``offlineDefault``,
    ///   with a note saying the version was assumed.
    /// - Opted in, cluster asked: `v1` when served, else `v1beta1` when served; a chosen version must be served.
    ///   A store that was not found is a ``ImportNote/Kind/decision`` note (it may be created later), not an error.
    /// - Not opted in, the cluster serves ExternalSecrets: a suggestion to pass `--external-secrets-store`.
    ///
    /// - Throws: ``ImportError/notInCluster(resource:reason:)`` when the user opted in but the cluster does not
    ///   serve ExternalSecrets, or not in a version this importer writes or the user chose.
    public static func decide(_ options: ImportOptions) throws(ImportError) -> Decision {
        let discovery = options.externalSecretsDiscovery
        guard var store = options.externalSecrets else {
            guard let discovery, let version = preferredVersion(discovery.servedVersions) else {
                return Decision(externalSecrets: nil, notes: [], suggestion: nil)
            }
            return Decision(
                externalSecrets: nil,
                notes: [],
                suggestion: "the cluster serves \(version.apiVersion) ExternalSecrets (External Secrets Operator): "
                    + "pass --external-secrets-store NAME to generate ExternalSecrets that fill these Secrets"
            )
        }
        guard let discovery else {
            let version = store.apiVersion ?? offlineDefault
            let how =
                store.apiVersion == nil
                ? "assumed, no cluster was asked (pass --kubeconfig or --detect to detect it); External Secrets "
                    + "Operator 0.17 and later serve only \(ExternalSecretsAPIVersion.v1.apiVersion)"
                : "as chosen with --external-secrets-api-version; no cluster was asked"
            store.apiVersion = version
            return Decision(
                externalSecrets: store,
                notes: [
                    ImportNote(
                        .decision,
                        awsPath: "secrets",
                        fieldPath: nil,
                        "ExternalSecrets written as "
                            + "\(version.apiVersion), \(how)"
                    )
                ],
                suggestion: nil
            )
        }
        guard discovery.isInstalled else {
            throw .notInCluster(
                resource: customResourceDefinition,
                reason: "--external-secrets-store needs the External Secrets Operator, but the cluster does not "
                    + "serve its CRD \(customResourceDefinition): install the operator (its Helm chart "
                    + "external-secrets/external-secrets) and retry, or leave out --external-secrets-store and "
                    + "create the Secrets yourself"
            )
        }
        let served = discovery.servedVersions.joined(separator: ", ")
        let version: ExternalSecretsAPIVersion
        if let chosen = store.apiVersion {
            guard discovery.servedVersions.contains(chosen.rawValue) else {
                throw .notInCluster(
                    resource: customResourceDefinition,
                    reason: "--external-secrets-api-version \(chosen.rawValue) is not served by the cluster "
                        + "(it serves \(served)): leave the option out to use the served version"
                )
            }
            version = chosen
        } else {
            guard let preferred = preferredVersion(discovery.servedVersions) else {
                throw .notInCluster(
                    resource: customResourceDefinition,
                    reason: "the cluster serves \(customResourceDefinition) in \(served) only; this importer writes "
                        + "\(ExternalSecretsAPIVersion.v1.rawValue) or \(ExternalSecretsAPIVersion.v1beta1.rawValue): "
                        + "upgrade the External Secrets Operator"
                )
            }
            version = preferred
        }
        store.apiVersion = version
        var notes = [
            ImportNote(
                .mapped,
                awsPath: "discovery",
                fieldPath: nil,
                "ExternalSecrets written as \(version.apiVersion): the cluster serves \(customResourceDefinition) "
                    + "in \(served)"
            )
        ]
        let location = discovery.storeNamespace.map { " in namespace \($0)" } ?? ""
        let named = "the \(store.storeKind.rawValue) \(store.storeName)\(location)"
        switch discovery.store {
        case .found, nil:
            break
        case .notFound:
            notes.append(
                ImportNote(
                    .decision,
                    awsPath: "discovery",
                    fieldPath: nil,
                    "\(named) does not exist yet: create it before applying the ExternalSecrets (they stay not "
                        + "ready until it exists), or correct --external-secrets-store"
                )
            )
        case .unknown(let reason):
            notes.append(
                ImportNote(
                    .decision,
                    awsPath: "discovery",
                    fieldPath: nil,
                    "\(named) could not be looked up (\(reason)): check that it exists"
                )
            )
        }
        return Decision(externalSecrets: store, notes: notes, suggestion: nil)
    }

    /// `v1` when served, else `v1beta1` when served, else `nil`.
    static func preferredVersion(_ served: [String]) -> ExternalSecretsAPIVersion? {
        [ExternalSecretsAPIVersion.v1, .v1beta1].first { served.contains($0.rawValue) }
    }
}
