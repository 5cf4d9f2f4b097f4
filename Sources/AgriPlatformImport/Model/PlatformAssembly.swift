import AgriPlatformAPI
import KubeCore

/// The steps ECS and App Runner imports share once their services are converted: datastores and `uses`, the
/// ServiceAccount for the task or instance role, image pull Secrets, and the Secrets the references point at.
struct PlatformAssembly: Sendable {
    let name: String
    let options: ImportOptions
    var catalog: SecretCatalog
    var notes = NoteLog()
    /// Task or instance role ARNs with the path each was read at.
    var serviceAccountRoles: [(arn: String, path: String)] = []
    /// Whether an image is pulled from ECR, which needs credentials outside AWS.
    var usesECR = false

    init(name: String, options: ImportOptions, catalog: SecretCatalog) {
        self.name = name
        self.options = options
        self.catalog = catalog
    }

    mutating func finish(
        services: [PlatformService],
        datastores input: DatastoreImport.Input
    ) throws(ImportError) -> ImportResult {
        let externalSecrets = try ExternalSecretsDetection.decide(options)
        var options = options
        options.externalSecrets = externalSecrets.externalSecrets
        var services = services
        let imported = try DatastoreImport.run(input, platformName: name, options: options)
        notes.append(contentsOf: imported.notes)
        if !imported.datastores.isEmpty {
            let names = imported.datastores.map(\.name)
            for index in services.indices {
                services[index].uses = names
            }
            notes.decision(
                input.rds != nil ? "DBInstances" : "CacheClusters",
                "spec.services[].uses",
                "AWS does not record which service uses which database: every imported service uses every "
                    + "imported datastore; remove the ones a service does not connect to"
            )
        }
        var spec = AgriPlatformSpec(
            services: services,
            datastores: imported.datastores.isEmpty ? nil : imported.datastores
        )
        var roles: [(arn: String, path: String)] = []
        for role in serviceAccountRoles where !roles.contains(where: { $0.arn == role.arn }) {
            roles.append(role)
        }
        if let role = roles.first {
            spec.serviceAccount = PlatformServiceAccount(annotations: ["eks.amazonaws.com/role-arn": role.arn])
            notes.decision(
                role.path,
                "spec.serviceAccount",
                "the task role as IAM roles for service accounts (IRSA): add the cluster's OIDC provider to the "
                    + "role's trust policy, or drop this annotation and create an EKS Pod Identity association"
            )
            for other in roles.dropFirst() {
                notes.dropped(
                    other.path,
                    "spec.serviceAccount",
                    "role \(other.arn): an AgriPlatform's pods share one ServiceAccount; merge the roles' policies"
                )
            }
        }
        if usesECR {
            spec.imagePullSecrets = ["ecr-credentials"]
            notes.decision(
                "taskDefinition.containerDefinitions[].image",
                "spec.imagePullSecrets",
                "images come from ECR: create the docker-registry Secret ecr-credentials (and refresh it, ECR "
                    + "tokens last 12 hours), or remove this on EKS nodes whose role may pull"
            )
        }
        var extraObjects: [JSONValue] = []
        if !catalog.isEmpty {
            if let store = options.externalSecrets {
                extraObjects += catalog.externalSecrets(options: store, namespace: options.namespace)
                notes.mapped(
                    "secrets",
                    nil,
                    "ExternalSecrets for \(catalog.secretNames.joined(separator: ", ")) read from the "
                        + "\(store.storeKind.rawValue) \(store.storeName); no secret value passed through the import"
                )
            } else {
                notes.decision(
                    "secrets",
                    nil,
                    "create the Secrets \(catalog.secretNames.joined(separator: ", ")) with the keys env refers to "
                        + "(or pass --external-secrets-store to generate ExternalSecrets)"
                )
                if let suggestion = externalSecrets.suggestion {
                    notes.decision("discovery", nil, suggestion)
                }
            }
        }
        notes.append(contentsOf: externalSecrets.notes)
        extraObjects += imported.extraObjects
        let platform = AgriPlatform(metadata: ObjectMeta(name: name, namespace: options.namespace), spec: spec)
        return ImportResult(platform: platform, extraObjects: extraObjects, notes: notes.notes)
    }
}
