import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Built-in merge schema")
struct MergeSchemaTests {
    @Test(
        "List types of built-in kinds follow the upstream listType and patchMergeKey tags",
        arguments: [
            ("spec.template.spec.containers", ListType.map(keys: ["name"])),
            ("spec.containers", .map(keys: ["name"])),
            ("spec.template.spec.initContainers", .map(keys: ["name"])),
            ("spec.ephemeralContainers", .map(keys: ["name"])),
            ("spec.template.spec.containers.env", .map(keys: ["name"])),
            ("spec.template.spec.containers.ports", .map(keys: ["containerPort", "protocol"])),
            ("spec.ports", .map(keys: ["port", "protocol"])),
            ("spec.template.spec.volumes", .map(keys: ["name"])),
            ("spec.template.spec.containers.volumeMounts", .map(keys: ["mountPath"])),
            ("spec.template.spec.containers.volumeDevices", .map(keys: ["devicePath"])),
            ("spec.template.spec.imagePullSecrets", .map(keys: ["name"])),
            ("status.conditions", .map(keys: ["type"])),
            ("metadata.finalizers", .set),
            ("metadata.ownerReferences", .map(keys: ["uid"])),
            ("spec.template.spec.hostAliases", .map(keys: ["ip"])),
            ("spec.template.spec.topologySpreadConstraints", .map(keys: ["topologyKey", "whenUnsatisfiable"])),
            ("spec.template.spec.resourceClaims", .map(keys: ["name"])),
            ("spec.template.spec.containers.args", .atomic),
            ("spec.template.spec.containers.command", .atomic),
            ("spec.template.spec.tolerations", .atomic),
            ("spec.selector.matchExpressions", .atomic),
            ("spec.rules", .atomic),
        ]
    )
    func listTypes(path: String, expected: ListType) {
        #expect(MergeSchema.builtIn.listType(path.split(separator: ".").map(String.init)) == expected)
    }

    @Test(
        "Label selectors and node selectors are atomic objects, labels and resources are granular",
        arguments: [
            ("spec.selector", true), ("spec.template.spec.nodeSelector", true),
            (
                "spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution.labelSelector",
                true
            ),
            ("metadata.labels", false), ("spec.template.spec.containers.resources.limits", false),
            ("spec.template", false),
        ]
    )
    func atomicObjects(path: String, expected: Bool) {
        #expect(MergeSchema.builtIn.isAtomicObject(path.split(separator: ".").map(String.init)) == expected)
    }

    @Test("Port lists default the protocol key to TCP")
    func portDefaults() {
        #expect(MergeSchema.builtIn.keyDefaults(["spec", "ports"]) == ["protocol": "TCP"])
        #expect(MergeSchema.builtIn.keyDefaults(["spec", "containers"]).isEmpty)
    }
}
