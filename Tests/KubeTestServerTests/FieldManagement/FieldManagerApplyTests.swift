import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Server-side apply")
struct FieldManagerApplyTests {
    typealias F = Fixtures

    @Test("Applying to nothing creates the object owned entirely by the applier")
    func createByApply() throws {
        let config = F.deployment(labels: ["app": "web"], replicas: 2, containers: [F.container("web", image: "nginx")])
        let object = try F.apply(config, to: nil, manager: "agri-operator")
        #expect(object.removingManagedFields == config)
        let entry = try #require(F.entry(object, manager: "agri-operator"))
        #expect(entry["apiVersion"] == "apps/v1")
        #expect(entry["fieldsType"] == "FieldsV1")
        #expect(entry["time"] == .string(F.t0.description))
        #expect(entry["subresource"] == nil)
        #expect(
            F.owned(object, manager: "agri-operator") == [
                ".metadata.labels.app", ".spec.replicas", #".spec.template.spec.containers[name="web"]"#,
                #".spec.template.spec.containers[name="web"].image"#,
                #".spec.template.spec.containers[name="web"].name"#,
            ]
        )
    }

    @Test("Two managers applying different fields of a Deployment both keep theirs")
    func twoManagers() throws {
        let first = try F.apply(
            F.deployment(replicas: 2, containers: [F.container("web", image: "nginx:1")]),
            to: nil,
            manager: "ops"
        )
        let second = try F.apply(
            F.deployment(labels: ["team": "agri"], containers: [F.container("sidecar", image: "envoy")]),
            to: first,
            manager: "mesh",
            now: F.t1
        )
        #expect(second[path: ["spec", "replicas"]] == 2)
        #expect(second[path: ["metadata", "labels", "team"]] == "agri")
        #expect(F.containerNames(second) == ["web", "sidecar"])
        #expect(F.owned(second, manager: "ops").contains(#".spec.template.spec.containers[name="web"].image"#))
        #expect(F.owned(second, manager: "mesh").contains(#".spec.template.spec.containers[name="sidecar"]"#))
        #expect(!F.owned(second, manager: "mesh").contains(".spec.replicas"))
        #expect(F.entry(second, manager: "ops")?["time"] == .string(F.t0.description))
        #expect(F.entry(second, manager: "mesh")?["time"] == .string(F.t1.description))
    }

    @Test("Changing a field an Update manager owns conflicts, and force takes it")
    func conflictWithScaler() throws {
        let applied = try F.apply(F.deployment(replicas: 3), to: nil, manager: "ops")
        var scaled = applied
        scaled[path: ["spec", "replicas"]] = 5
        let afterScale = F.update(scaled, from: applied, manager: "hpa", now: F.t1)
        #expect(F.owned(afterScale, manager: "hpa", operation: "Update") == [".spec.replicas"])
        #expect(!F.owned(afterScale, manager: "ops").contains(".spec.replicas"))

        let error = #expect(throws: ApplyConflict.self) {
            try F.apply(F.deployment(replicas: 3), to: afterScale, manager: "ops", now: F.t2)
        }
        let conflict = try #require(error?.conflicts.first)
        #expect(error?.conflicts.count == 1)
        #expect(conflict.manager == "hpa")
        #expect(conflict.field == ".spec.replicas")
        #expect(conflict.operation == "Update")
        #expect(error?.message == #"Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas"#)
        #expect(conflict.cause.reason == "FieldManagerConflict")

        let forced = try F.apply(F.deployment(replicas: 3), to: afterScale, manager: "ops", force: true, now: F.t2)
        #expect(forced[path: ["spec", "replicas"]] == 3)
        #expect(F.owned(forced, manager: "ops").contains(".spec.replicas"))
        #expect(F.entry(forced, manager: "hpa", operation: "Update") == nil)
    }

    @Test("An applier that stops applying replicas leaves the scaler's value in place")
    func releaseToScaler() throws {
        let applied = try F.apply(F.deployment(replicas: 3), to: nil, manager: "ops")
        var scaled = applied
        scaled[path: ["spec", "replicas"]] = 5
        let afterScale = F.update(scaled, from: applied, manager: "hpa")
        let reapplied = try F.apply(F.deployment(labels: ["app": "web"]), to: afterScale, manager: "ops")
        #expect(reapplied[path: ["spec", "replicas"]] == 5)
    }

    @Test("Fields a manager stops applying are removed unless another manager owns them")
    func removal() throws {
        let first = try F.apply(
            F.deployment(
                labels: ["app": "web", "tier": "front"],
                containers: [
                    F.container("web", image: "nginx", env: ["A": "1", "B": "2"]),
                    F.container("sidecar", image: "envoy"),
                ]
            ),
            to: nil,
            manager: "ops"
        )
        let shared = try F.apply(F.deployment(labels: ["team": "agri"]), to: first, manager: "mesh")
        let pruned = try F.apply(
            F.deployment(labels: ["app": "web"], containers: [F.container("web", image: "nginx", env: ["A": "1"])]),
            to: shared,
            manager: "ops",
            now: F.t1
        )
        #expect(pruned[path: ["metadata", "labels"]] == ["app": "web", "team": "agri"])
        #expect(F.containerNames(pruned) == ["web"])
        let env = pruned[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"]
        #expect(env == [["name": "A", "value": "1"]])
        #expect(F.owned(pruned, manager: "mesh") == [".metadata.labels.team"])
        #expect(F.entry(pruned, manager: "ops")?["time"] == .string(F.t1.description))
    }

    @Test("Applying the value another applier set shares ownership without conflict")
    func sharedOwnership() throws {
        let first = try F.apply(F.deployment(replicas: 3), to: nil, manager: "a")
        let second = try F.apply(F.deployment(replicas: 3), to: first, manager: "b")
        #expect(F.owned(second, manager: "a") == [".spec.replicas"])
        #expect(F.owned(second, manager: "b") == [".spec.replicas"])

        let aLeaves = try F.apply(F.deployment(labels: ["x": "y"]), to: second, manager: "a")
        #expect(aLeaves[path: ["spec", "replicas"]] == 3)
        let bLeaves = try F.apply(F.deployment(labels: ["z": "w"]), to: aLeaves, manager: "b")
        #expect(bLeaves[path: ["spec", "replicas"]] == nil)
        #expect(bLeaves[path: ["metadata", "labels"]] == ["x": "y", "z": "w"])
    }

    @Test("Applying a different value than another applier conflicts and names the applier without a version")
    func conflictWithApplier() throws {
        let first = try F.apply(F.deployment(containers: [F.container("web", image: "nginx:1")]), to: nil, manager: "a")
        let error = #expect(throws: ApplyConflict.self) {
            try F.apply(F.deployment(containers: [F.container("web", image: "nginx:2")]), to: first, manager: "b")
        }
        #expect(error?.conflicts.map(\.field) == [#".spec.template.spec.containers[name="web"].image"#])
        #expect(
            error?.message
                == #"Apply failed with 1 conflict: conflict with "a": .spec.template.spec.containers[name="web"].image"#
        )
    }

    @Test("Re-applying the same configuration returns an identical object")
    func idempotent() throws {
        let config = F.deployment(labels: ["app": "web"], replicas: 2, containers: [F.container("web", image: "nginx")])
        let first = try F.apply(config, to: nil, manager: "ops")
        var scaled = first
        scaled[path: ["metadata", "annotations"]] = ["note": "x"]
        let updated = F.update(scaled, from: first, manager: "kubectl-annotate", now: F.t1)
        let again = try F.apply(config, to: updated, manager: "ops", now: F.t2)
        #expect(again == updated)
        let yetAgain = try F.apply(config, to: again, manager: "ops", now: F.t2)
        #expect(yetAgain == updated)
    }

    @Test("New associative items follow the applied order and live-only items keep their place")
    func listOrdering() throws {
        let first = try F.apply(
            F.deployment(containers: [F.container("a", image: "1"), F.container("b", image: "1")]),
            to: nil,
            manager: "ops"
        )
        let inserted = try F.apply(
            F.deployment(containers: [
                F.container("a", image: "1"), F.container("c", image: "1"), F.container("b", image: "1"),
            ]),
            to: first,
            manager: "ops"
        )
        #expect(F.containerNames(inserted) == ["a", "c", "b"])
        let appended = try F.apply(
            F.deployment(containers: [F.container("d", image: "1")]),
            to: inserted,
            manager: "other"
        )
        #expect(F.containerNames(appended) == ["a", "c", "b", "d"])
    }

    @Test("The result is served at the request's apiVersion and the entry records it")
    func apiVersion() throws {
        var live = try F.apply(F.deployment(replicas: 1), to: nil, manager: "ops")
        live["apiVersion"] = "apps/v1beta2"
        let object = try FieldManager.apply(
            live: live,
            config: F.deployment(replicas: 2),
            manager: "ops",
            apiVersion: "apps/v1",
            subresource: nil,
            force: false,
            schema: .builtIn,
            now: F.t1
        )
        #expect(object["apiVersion"] == "apps/v1")
        #expect(F.entry(object, manager: "ops")?["apiVersion"] == "apps/v1")
    }

    @Test("Status applied through the status subresource is tracked under that subresource only")
    func statusSubresource() throws {
        let created = try F.apply(F.deployment(replicas: 1), to: nil, manager: "ops")
        var config = F.deployment()
        config["status"] = ["conditions": [["type": "Available", "status": "True"]]]
        let object = try FieldManager.apply(
            live: created,
            config: config,
            manager: "controller",
            apiVersion: "apps/v1",
            subresource: "status",
            force: false,
            schema: .builtIn,
            now: F.t1
        )
        let entry = try #require(F.entry(object, manager: "controller"))
        #expect(entry["subresource"] == "status")
        #expect(
            FieldSet(fieldsV1: entry["fieldsV1"] ?? [:]).sortedPaths.map(\.printed) == [
                #".status.conditions[type="Available"]"#, #".status.conditions[type="Available"].status"#,
                #".status.conditions[type="Available"].type"#,
            ]
        )
        #expect(F.owned(object, manager: "ops") == [".spec.replicas"])
    }

    @Test("Conflicts with several managers are grouped in the message")
    func groupedMessage() {
        let conflict = ApplyConflict(conflicts: [
            .init(manager: "hpa", field: ".spec.replicas", operation: "Update", apiVersion: "apps/v1"),
            .init(manager: "a", field: ".spec.paused"),
            .init(manager: "a", field: ".spec.minReadySeconds"),
            .init(
                manager: "scaler",
                field: ".spec.replicas",
                operation: "Update",
                apiVersion: "apps/v1",
                subresource: "scale"
            ),
        ])
        #expect(
            conflict.message
                == "Apply failed with 4 conflicts: conflicts with \"a\":\n- .spec.paused\n- .spec.minReadySeconds\n"
                + "conflicts with \"hpa\" using apps/v1:\n- .spec.replicas\n"
                + "conflicts with \"scaler\" with subresource \"scale\" using apps/v1:\n- .spec.replicas"
        )
    }

    @Test("Fields of an object nobody tracked belong to before-first-apply, so changing them conflicts")
    func beforeFirstApply() throws {
        let untracked = F.deployment(labels: ["app": "web"], replicas: 1)
        let error = #expect(throws: ApplyConflict.self) {
            try F.apply(F.deployment(replicas: 2), to: untracked, manager: "ops")
        }
        #expect(error?.conflicts.map(\.manager) == [FieldManager.beforeFirstApplyManager])
        let sameValue = try F.apply(F.deployment(replicas: 1), to: untracked, manager: "ops")
        #expect(F.owned(sameValue, manager: "before-first-apply", operation: "Update").contains(".spec.replicas"))
        #expect(F.owned(sameValue, manager: "ops") == [".spec.replicas"])
        let released = try F.apply(F.deployment(), to: sameValue, manager: "ops")
        #expect(released[path: ["spec", "replicas"]] == 1)
    }

    static let invalidConfigurations: [(JSONValue, String)] = [
        (
            ["apiVersion": "apps/v1beta1", "kind": "Deployment"],
            "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1"
        ),
        (
            ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["managedFields": []]],
            "metadata.managedFields must be nil"
        ),
    ]

    @Test(
        "Apply bodies with another apiVersion or with managedFields are rejected as the API server rejects them",
        arguments: invalidConfigurations
    )
    func invalidConfiguration(config: JSONValue, message: String) {
        let error = #expect(throws: FieldManager.InvalidConfiguration.self) {
            try FieldManager.validateApplyConfiguration(config, apiVersion: "apps/v1")
        }
        #expect(error?.message == message)
    }

    @Test("A well-formed apply body passes validation")
    func validConfiguration() throws {
        try FieldManager.validateApplyConfiguration(F.deployment(replicas: 1), apiVersion: "apps/v1")
    }
}
