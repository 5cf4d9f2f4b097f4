import AgriPlatformAPI
import KubeCore

/// The Kubernetes Secrets that the imported services' secret references point at, built up as references are read,
/// and the `ExternalSecret`s that fill them.
///
/// Secrets Manager references go to the Secret `<platform>-secrets`, Parameter Store references to
/// `<platform>-parameters` (an External Secrets Operator store serves one AWS service). The same AWS reference
/// always yields the same key; two different references that would share a key get `-2`, `-3`… appended.
struct SecretCatalog: Sendable {
    let platformName: String
    private var keys: [String: [SecretSource]] = [:]

    init(platformName: String) {
        self.platformName = platformName
    }

    /// The Secret name for references held in `store`.
    func secretName(for store: SecretSource.Store) -> String {
        switch store {
        case .secretsManager: "\(platformName)-secrets"
        case .parameterStore: "\(platformName)-parameters"
        }
    }

    /// The key reference for `reference`, registering it.
    mutating func reference(_ reference: String, at path: String) throws(ImportError) -> KeyReference {
        var source = try SecretSource(parsing: reference, at: path)
        let name = secretName(for: source.store)
        var entries = keys[name] ?? []
        if let existing = entries.first(where: {
            $0.remoteKey == source.remoteKey && $0.property == source.property && $0.version == source.version
        }) {
            return KeyReference(name: name, key: existing.secretKey)
        }
        let base = source.secretKey
        var counter = 2
        while entries.contains(where: { $0.secretKey == source.secretKey }) {
            source.secretKey = "\(base)-\(counter)"
            counter += 1
        }
        entries.append(source)
        keys[name] = entries
        return KeyReference(name: name, key: source.secretKey)
    }

    /// Whether any reference was registered.
    var isEmpty: Bool { keys.isEmpty }

    /// The Secret names in use, sorted.
    var secretNames: [String] { keys.keys.sorted() }

    /// One `ExternalSecret` per Secret, reading each key from AWS through `options`' store.
    func externalSecrets(options: ExternalSecretsOptions, namespace: String?) -> [JSONValue] {
        secretNames.map { name in
            let data: [JSONValue] = (keys[name] ?? []).map { source in
                var remoteRef: JSONObject = ["key": .string(source.remoteKey)]
                if let property = source.property { remoteRef["property"] = .string(property) }
                if let version = source.version { remoteRef["version"] = .string(version) }
                return ["secretKey": .string(source.secretKey), "remoteRef": .object(remoteRef)]
            }
            return Self.externalSecret(
                name: name,
                namespace: namespace,
                options: options,
                data: data,
                template: nil
            )
        }
    }

    /// An ExternalSecret that creates and owns the Secret `name`, in `options`' ``ExternalSecretsOptions/apiVersion``
    /// (``ExternalSecretsDetection/offlineDefault`` when unset). The fields used are the same in `v1` and `v1beta1`.
    static func externalSecret(
        name: String,
        namespace: String?,
        options: ExternalSecretsOptions,
        data: [JSONValue],
        template: JSONObject?
    ) -> JSONValue {
        var metadata: JSONObject = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        var target: JSONObject = ["name": .string(name), "creationPolicy": "Owner"]
        if let template { target["template"] = ["data": .object(template)] }
        return [
            "apiVersion": .string((options.apiVersion ?? ExternalSecretsDetection.offlineDefault).apiVersion),
            "kind": "ExternalSecret",
            "metadata": .object(metadata),
            "spec": [
                "refreshInterval": .string(options.refreshInterval),
                "secretStoreRef": ["name": .string(options.storeName), "kind": .string(options.storeKind.rawValue)],
                "target": .object(target),
                "data": .array(data),
            ],
        ]
    }
}
