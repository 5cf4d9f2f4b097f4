import Foundation
import KubeClient
import KubeCore
import Testing

/// CRDs are cluster-scoped, so each test names its group after its namespace to stay independent on a real cluster.
@Suite("Conformance: custom resources", .timeLimit(.minutes(1)))
struct CustomResourceTests {
    static func definition(group: String) -> DynamicObject {
        DynamicObject(json: [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("gadgets.\(group)")],
            "spec": [
                "group": .string(group),
                "scope": "Namespaced",
                "names": ["plural": "gadgets", "singular": "gadget", "kind": "Gadget", "listKind": "GadgetList"],
                "versions": [
                    [
                        "name": "v1", "served": true, "storage": true,
                        "subresources": ["status": [:]],
                        "schema": [
                            "openAPIV3Schema": [
                                "type": "object",
                                "properties": [
                                    "spec": [
                                        "type": "object",
                                        "required": ["size"],
                                        "properties": [
                                            "size": ["type": "integer", "minimum": 1, "maximum": 10],
                                            "mode": ["type": "string", "enum": ["fast", "slow"], "default": "slow"],
                                        ],
                                    ],
                                    "status": [
                                        "type": "object",
                                        "properties": ["ready": ["type": "boolean"]],
                                    ],
                                ],
                            ]
                        ],
                    ]
                ],
            ],
        ])
    }

    static let definitions = ResourceDescriptor(
        group: "apiextensions.k8s.io",
        version: "v1",
        kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions",
        namespaced: false
    )

    /// Creates the CRD, waits until it is served, runs `body`, and deletes the CRD.
    static func withGadgets(
        _ env: Conformance.Environment,
        _ body: (ResourceDescriptor) async throws -> Void
    ) async throws {
        let group = "\(env.namespace).conformance.agriplatform.io"
        let gadgets = ResourceDescriptor(
            group: group,
            version: "v1",
            kind: "Gadget",
            plural: "gadgets",
            namespaced: true
        )
        _ = try await env.client.create(definitions, definition(group: group))
        let served = await env.eventually {
            (try? await env.client.list(gadgets, namespace: env.namespace)) != nil
        }
        #expect(served, "the CRD is served")
        do {
            try await body(gadgets)
        } catch {
            _ = try? await env.client.delete(definitions, name: "gadgets.\(group)")
            throw error
        }
        _ = try? await env.client.delete(definitions, name: "gadgets.\(group)")
    }

    func gadget(_ env: Conformance.Environment, _ resource: ResourceDescriptor, spec: JSONValue) -> DynamicObject {
        DynamicObject(json: [
            "apiVersion": .string(resource.apiVersion),
            "kind": "Gadget",
            "metadata": ["name": "g", "namespace": .string(env.namespace)],
            "spec": spec,
        ])
    }

    @Test("a created CRD becomes Established and discoverable")
    func established() async throws {
        try await Conformance.run { env in
            try await Self.withGadgets(env) { gadgets in
                let crd = try await env.client.get(Self.definitions, name: "gadgets.\(gadgets.group)")
                let conditions = crd.json[path: ["status", "conditions"]]?.arrayValue ?? []
                let established = conditions.first { $0["type"]?.stringValue == "Established" }
                #expect(established?["status"]?.stringValue == "True")
                #expect(try await env.client.hasResource(group: gadgets.group, version: "v1", plural: "gadgets"))
            }
        }
    }

    @Test("custom resources are defaulted and pruned of unknown fields")
    func defaultingAndPruning() async throws {
        try await Conformance.run { env in
            try await Self.withGadgets(env) { gadgets in
                let created = try await env.client.create(
                    gadgets,
                    gadget(env, gadgets, spec: ["size": 3, "unknown": "dropped"])
                )
                #expect(created.json[path: ["spec", "mode"]] == "slow")
                #expect(created.json[path: ["spec", "unknown"]] == nil)
                #expect(created.json[path: ["spec", "size"]] == 3)
            }
        }
    }

    @Test("an object that breaks the schema is rejected as Invalid with every cause and its field path")
    func validation() async throws {
        try await Conformance.run { env in
            try await Self.withGadgets(env) { gadgets in
                do {
                    _ = try await env.client.create(gadgets, gadget(env, gadgets, spec: ["mode": "warp"]))
                    Issue.record("an invalid Gadget was accepted")
                } catch let error as KubeError {
                    #expect(error.code == .invalid)
                    #expect(error.httpCode == 422)
                    let fields = Set(error.status?.details?.causes?.compactMap(\.field) ?? [])
                    #expect(fields.contains("spec.size"), "missing required field: \(fields)")
                    #expect(fields.contains("spec.mode"), "unsupported enum value: \(fields)")
                }
                let tooBig = await env.errorCode {
                    _ = try await env.client.create(gadgets, gadget(env, gadgets, spec: ["size": 11]))
                }
                #expect(tooBig == .invalid)
            }
        }
    }

    @Test("the status subresource of a custom resource is written separately from its spec")
    func statusSubresource() async throws {
        try await Conformance.run { env in
            try await Self.withGadgets(env) { gadgets in
                var created = try await env.client.create(gadgets, gadget(env, gadgets, spec: ["size": 2]))
                #expect(created.metadata.generation == 1)
                created.json["status"] = ["ready": true]
                let viaMain = try await env.client.update(gadgets, created)
                #expect(viaMain.json["status"] == nil, "status is ignored on the main resource")

                var withStatus = viaMain
                withStatus.json["status"] = ["ready": true]
                let updated = try await env.client.updateStatus(gadgets, withStatus)
                #expect(updated.json[path: ["status", "ready"]] == true)
                #expect(updated.metadata.generation == 1)
            }
        }
    }
}
