public import KubeCore

extension PlatformService: SchemaDescribing {
    /// The CEL rule that a VPA which changes requests is not combined with an HPA on CPU or memory.
    static let verticalAutoscalingRule = JSONSchemaProps.rule(
        "!has(self.verticalAutoscaling) || !has(self.verticalAutoscaling.mode) || "
            + "self.verticalAutoscaling.mode == 'Off' || !has(self.autoscaling) || "
            + "!(has(self.autoscaling.targetCPUUtilization) || has(self.autoscaling.targetMemoryUtilization))",
        "verticalAutoscaling.mode must be Off when autoscaling targets CPU or memory utilization (the two "
            + "autoscalers would fight over the requests)",
        fieldPath: ".verticalAutoscaling.mode"
    )

    /// One long-running, stateless service.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One long-running service: a Deployment, a Service and, as configured, an HPA, VPA, PDB, Ingress and "
                + "NetworkPolicy.",
            properties: [
                "name": .dns1035Label(
                    "A DNS-1035 label, unique in the platform; the Deployment and Service are named "
                        + "<platform>-<name>, which must fit in 63 characters too."
                ),
                "image": .string(
                    "The container image, ideally pinned by tag or digest.",
                    maxLength: APIConstraints.longStringMaxLength,
                    minLength: 1
                ),
                "imagePullPolicy": .string(
                    "Always, IfNotPresent or Never. Default IfNotPresent.",
                    values: APIConstraints.imagePullPolicies
                ),
                "command": .strings(
                    "Overrides the image's entrypoint (ECS entryPoint, App Runner start command).",
                    maxItems: APIConstraints.maxArgs
                ),
                "args": .strings("Overrides the image's arguments (ECS command).", maxItems: APIConstraints.maxArgs),
                "ports": .array(
                    "Ports the container listens on; the first is the primary port. Default: http 8080.",
                    of: ServicePortSpec.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxPorts,
                    minItems: 1,
                    mapKeys: ["name"]
                ),
                "replicas": .integer(
                    "Pods when autoscaling is not set. Default 2.",
                    APIConstraints.serviceReplicas
                ),
                "resources": ResourceSpec.openAPISchema,
                "env": .array(
                    "Environment variables: literal values or single keys of Secrets and ConfigMaps.",
                    of: EnvVariable.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxEnv,
                    mapKeys: ["name"]
                ),
                "envFrom": .array(
                    "Whole Secrets or ConfigMaps exposed as environment variables.",
                    of: EnvSource.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxEnvFrom,
                    listType: "atomic"
                ),
                "healthCheck": HealthCheck.openAPISchema,
                "autoscaling": Autoscaling.openAPISchema,
                "verticalAutoscaling": VerticalAutoscaling.openAPISchema,
                "disruptionBudget": DisruptionBudget.openAPISchema,
                "ingress": IngressSpec.openAPISchema,
                "uses": .array(
                    "Names of datastores this service connects to; each must be declared in spec.datastores.",
                    of: .dns1035Label(""),
                    maxItems: APIConstraints.maxUses,
                    listType: "set"
                ),
                "dependsOn": .array(
                    "Names of services whose release finishes before this one's starts; no cycles.",
                    of: .dns1035Label(""),
                    maxItems: APIConstraints.maxServices,
                    listType: "set"
                ),
                "migration": MigrationJob.openAPISchema,
                "rollout": Rollout.openAPISchema,
                "security": SecuritySettings.openAPISchema,
                "terminationGracePeriodSeconds": .integer(
                    "Seconds between SIGTERM and SIGKILL. Default 30.",
                    APIConstraints.terminationGracePeriod,
                    format: "int64"
                ),
                "podLabels": .stringMap("Extra labels on the pods (not on the selector)."),
                "podAnnotations": .stringMap("Extra annotations on the pods."),
                "nodeSelector": .stringMap("Restricts pods to nodes with these labels."),
                "observability": ServiceObservability.openAPISchema,
            ],
            required: ["name", "image"],
            rules: [verticalAutoscalingRule]
        )
    }
}

extension ServicePortSpec: SchemaDescribing {
    /// A container port.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A port the container listens on.",
            properties: [
                "name": .string(
                    "An IANA service name: lower-case, at most 15 characters, e.g. http or grpc.",
                    maxLength: APIConstraints.portNameMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.portNamePattern
                ),
                "port": .integer("The container port.", APIConstraints.port),
                "protocol": .string("TCP, UDP or SCTP. Default TCP.", values: APIConstraints.protocols),
                "appProtocol": .string(
                    "The application protocol (http, http2, grpc). Default http for a port named http, grpc for grpc."
                ),
            ],
            required: ["name", "port"]
        )
    }
}

extension ResourceSpec: SchemaDescribing {
    /// CPU and memory requests and limits.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "CPU and memory per pod, as Kubernetes quantities (500m, 1Gi) or AWS units (0.5 vCPU, 1 GB = 1Gi). "
                + "Default: memory limit = request, no CPU limit.",
            properties: [
                "cpu": .cpu("The CPU request, e.g. 500m or 0.5 vCPU."),
                "memory": .memory("The memory request, e.g. 1Gi or 1 GB."),
                "limits": ResourceLimits.openAPISchema,
            ]
        )
    }
}

extension ResourceLimits: SchemaDescribing {
    /// Explicit CPU and memory amounts.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Explicit CPU and memory limits, in the same units as the requests.",
            properties: [
                "cpu": .cpu("The CPU amount, e.g. 1 or 1 vCPU."),
                "memory": .memory("The memory amount, e.g. 2Gi or 2 GB; a limit must not be below the request."),
            ]
        )
    }
}

extension EnvVariable: SchemaDescribing {
    /// The CEL rule that exactly one source is set.
    static let sourceRule = JSONSchemaProps.rule(
        "has(self.value) ? !has(self.secret) && !has(self.configMap) : has(self.secret) != has(self.configMap)",
        "exactly one of value, secret and configMap is required"
    )

    /// One environment variable.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One environment variable: a literal value, or one key of a Secret or ConfigMap (exactly one).",
            properties: [
                "name": .string(
                    "The variable's name, e.g. DB_HOST.",
                    maxLength: APIConstraints.envNameMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.envNamePattern
                ),
                "value": .string(
                    "A literal value; put credentials in a Secret instead.",
                    maxLength: APIConstraints.valueMaxLength
                ),
                "secret": KeyReference.openAPISchema.described("A key of a Secret in the platform's namespace."),
                "configMap": KeyReference.openAPISchema.described("A key of a ConfigMap in the platform's namespace."),
            ],
            required: ["name"],
            rules: [sourceRule]
        )
    }
}

extension KeyReference: SchemaDescribing {
    /// A key of a Secret or ConfigMap.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A key in a named Secret or ConfigMap.",
            properties: [
                "name": .dns1123Subdomain("The Secret's or ConfigMap's name."),
                "key": .string(
                    "The key within it.",
                    minLength: 1,
                    pattern: APIConstraints.configKeyPattern
                ),
                "optional": .boolean("Whether the pod starts when the object or key is missing. Default false."),
            ],
            required: ["name", "key"]
        )
    }
}

extension EnvSource: SchemaDescribing {
    /// The CEL rule that exactly one of `secret` and `configMap` is set.
    static let sourceRule = JSONSchemaProps.rule(
        "has(self.secret) != has(self.configMap)",
        "exactly one of secret and configMap is required"
    )

    /// A whole Secret or ConfigMap as environment variables.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A whole Secret or ConfigMap exposed as environment variables (exactly one of secret and configMap).",
            properties: [
                "secret": .dns1123Subdomain("The Secret's name."),
                "configMap": .dns1123Subdomain("The ConfigMap's name."),
                "prefix": .string(
                    "A prefix for every variable, e.g. AAA_.",
                    maxLength: APIConstraints.envNameMaxLength,
                    pattern: APIConstraints.envNamePattern
                ),
            ],
            rules: [sourceRule]
        )
    }
}

extension JSONSchemaProps {
    /// A CPU amount in Kubernetes or AWS units.
    static func cpu(_ description: String) -> Self {
        string(description, maxLength: APIConstraints.quantityMaxLength, pattern: APIConstraints.cpuPattern)
    }

    /// A memory or storage amount in Kubernetes or AWS units.
    static func memory(_ description: String) -> Self {
        string(description, maxLength: APIConstraints.quantityMaxLength, pattern: APIConstraints.memoryPattern)
    }
}
