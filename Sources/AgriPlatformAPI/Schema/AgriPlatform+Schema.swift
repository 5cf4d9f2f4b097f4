public import KubeCore

extension AgriPlatform: SchemaDescribing {
    /// The whole object: type meta, metadata (described by the API server itself), ``spec`` and ``status``.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One team's platform — services, datastores and how they are released — as one resource. Reference: "
                + "docs/api.md.",
            properties: [
                "apiVersion": .string("The versioned schema of this object: agriplatform.io/v1alpha1."),
                "kind": .string("The kind of this object: AgriPlatform."),
                "metadata": JSONSchemaProps(type: "object"),
                "spec": AgriPlatformSpec.openAPISchema,
                "status": AgriPlatformStatus.openAPISchema,
            ],
            required: ["spec"]
        )
    }
}

extension AgriPlatformSpec: SchemaDescribing {
    /// The CEL rule that every name in a service's `uses` is a declared datastore.
    static let usesRule = JSONSchemaProps.rule(
        "!has(self.services) || self.services.all(s, !has(s.uses) || s.uses.all(u, has(self.datastores) && "
            + "self.datastores.exists(d, d.name == u)))",
        "every name in a service's uses must be the name of a datastore in spec.datastores",
        fieldPath: ".services"
    )

    /// The desired state: services, datastores and the platform-wide settings they share.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "The desired state of the platform: services, datastores and the settings they share.",
            properties: [
                "services": .array(
                    "The platform's long-running services (an ECS or App Runner service each); names are unique.",
                    of: PlatformService.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxServices,
                    minItems: 1,
                    mapKeys: ["name"]
                ),
                "datastores": .array(
                    "Datastores the operator runs, or external ones services are pointed at; names are unique.",
                    of: Datastore.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxDatastores,
                    mapKeys: ["name"]
                ),
                "networkPolicy": PlatformNetworkPolicy.openAPISchema,
                "commonLabels": .stringMap("Labels added to every object the operator creates."),
                "commonAnnotations": .stringMap("Annotations added to every object the operator creates."),
                "imagePullSecrets": .array(
                    "Names of kubernetes.io/dockerconfigjson Secrets used to pull every service's image.",
                    of: .dns1123Subdomain(""),
                    maxItems: APIConstraints.maxSmallList,
                    listType: "set"
                ),
                "serviceAccount": PlatformServiceAccount.openAPISchema,
                "suspend": .boolean(
                    "Stops all changes to child objects while true (objects keep running). Default false."
                ),
                "observability": PlatformObservability.openAPISchema,
            ],
            required: ["services"],
            rules: [usesRule]
        )
    }
}

extension PlatformNetworkPolicy: SchemaDescribing {
    /// Network isolation between the platform's pods.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Network isolation: datastores accept connections only from the services that use them.",
            properties: [
                "enabled": .boolean("Whether NetworkPolicies are rendered. Default true."),
                "ingressNamespaces": .array(
                    "Namespaces allowed to reach services that have an Ingress; absent allows every namespace.",
                    of: .dns1123Label(""),
                    maxItems: APIConstraints.maxSmallList,
                    listType: "set"
                ),
                "monitoringNamespaces": .array(
                    "Namespaces allowed to reach every pod's metrics port, e.g. monitoring.",
                    of: .dns1123Label(""),
                    maxItems: APIConstraints.maxSmallList,
                    listType: "set"
                ),
            ]
        )
    }
}

extension PlatformServiceAccount: SchemaDescribing {
    /// The identity the platform's pods run as.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "The ServiceAccount the platform's pods run as (the ECS task role).",
            properties: [
                "name": .dns1123Subdomain(
                    "An existing ServiceAccount to use instead of the one the operator creates (<platform>)."
                ),
                "annotations": .stringMap(
                    "Annotations on the created ServiceAccount, e.g. eks.amazonaws.com/role-arn."
                ),
                "automountToken": .boolean("Whether pods get a Kubernetes API token mounted. Default false."),
            ]
        )
    }
}
