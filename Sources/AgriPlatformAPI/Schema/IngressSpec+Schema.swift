public import KubeCore

extension IngressSpec: SchemaDescribing {
    /// Exposure through an Ingress.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Exposure outside the cluster through an Ingress; absent means internal only.",
            properties: [
                "host": .string(
                    "The host name, e.g. api.ava-olo.com; hosts are unique across the platform's services.",
                    maxLength: APIConstraints.dns1123SubdomainMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.hostPattern
                ),
                "path": .string(
                    "The path prefix routed to the service. Default /.",
                    maxLength: APIConstraints.longStringMaxLength,
                    pattern: APIConstraints.httpPathPattern
                ),
                "pathType": .string(
                    "Prefix, Exact or ImplementationSpecific. Default Prefix.",
                    values: APIConstraints.pathTypes
                ),
                "className": .dns1123Subdomain("The IngressClass. Default: the cluster's default class."),
                "tls": IngressTLS.openAPISchema,
                "annotations": .stringMap("Annotations for the Ingress controller."),
            ],
            required: ["host"]
        )
    }
}

extension IngressTLS: SchemaDescribing {
    /// TLS termination at the Ingress.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "TLS termination at the Ingress; enabled by default.",
            properties: [
                "enabled": .boolean("Whether TLS terminates at the Ingress. Default true."),
                "secretName": .dns1123Subdomain(
                    "The kubernetes.io/tls Secret with the certificate. Default <platform>-<service>-tls."
                ),
                "clusterIssuer": .dns1123Subdomain("A cert-manager ClusterIssuer that issues the certificate."),
            ]
        )
    }
}

extension MigrationJob: SchemaDescribing {
    /// A migration Job.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A Job run to completion before each new revision starts (schema migrations).",
            properties: [
                "image": .string(
                    "The image. Default: the service's image.",
                    maxLength: APIConstraints.longStringMaxLength,
                    minLength: 1
                ),
                "command": .array(
                    "The command, e.g. [alembic, upgrade, head].",
                    of: .string("", maxLength: APIConstraints.valueMaxLength).withoutDescription,
                    maxItems: APIConstraints.maxArgs,
                    minItems: 1,
                    listType: "atomic"
                ),
                "args": .strings("Arguments to the command.", maxItems: APIConstraints.maxArgs),
                "backoffLimit": .integer(
                    "Retries before the migration counts as failed. Default \(Defaults.Migration.backoffLimit).",
                    APIConstraints.backoffLimit
                ),
                "timeoutSeconds": .integer(
                    "Seconds the migration may run. Default \(Defaults.Migration.timeoutSeconds).",
                    APIConstraints.migrationTimeoutSeconds,
                    format: "int64"
                ),
            ],
            required: ["command"]
        )
    }
}

extension SecuritySettings: SchemaDescribing {
    /// Container security beyond the defaults.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Container security beyond the defaults (non-root, no privilege escalation, no capabilities, seccomp "
                + "RuntimeDefault, read-only root file system).",
            properties: [
                "runAsUser": .integer(
                    "The non-root user ID to run as.",
                    APIConstraints.userID,
                    format: "int64"
                ),
                "fsGroup": .integer("The group ID for the pod's volumes.", APIConstraints.groupID, format: "int64"),
                "readOnlyRootFilesystem": .boolean("Set to false for images that write outside /tmp. Default true."),
            ]
        )
    }
}
