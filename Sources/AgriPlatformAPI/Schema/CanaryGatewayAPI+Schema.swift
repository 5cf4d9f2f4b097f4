public import KubeCore

extension CanaryGatewayAPI: SchemaDescribing {
    /// Where a canary's HTTPRoute attaches.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "The Gateway API HTTPRoute's parents and host names; required with trafficRouting GatewayAPI.",
            properties: [
                "parentRefs": .array(
                    "The Gateways (or listeners of them) the HTTPRoute attaches to.",
                    of: GatewayParentRef.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxParentRefs,
                    minItems: 1,
                    listType: "atomic"
                ),
                "hostnames": .array(
                    "Host names the HTTPRoute matches, e.g. api.example.com or *.example.com; absent matches every "
                        + "host of the listener.",
                    of: JSONSchemaProps.string(
                        "",
                        maxLength: APIConstraints.dns1123SubdomainMaxLength,
                        minLength: 1,
                        pattern: APIConstraints.hostPattern
                    ).withoutDescription,
                    maxItems: APIConstraints.maxHostnames,
                    listType: "atomic"
                ),
            ],
            required: ["parentRefs"]
        )
    }
}

extension GatewayParentRef: SchemaDescribing {
    /// A Gateway an HTTPRoute attaches to.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A Gateway the HTTPRoute attaches to.",
            properties: [
                "name": .dns1123Subdomain("The Gateway's name."),
                "namespace": .dns1123Label("The Gateway's namespace; absent means the platform's."),
                "sectionName": .dns1123Subdomain("One listener of the Gateway, by name; absent means every listener."),
            ],
            required: ["name"]
        )
    }
}
