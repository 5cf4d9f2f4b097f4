import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Update ownership")
struct FieldManagerUpdateTests {
    typealias F = Fixtures

    @Test("A create owns every field it sets, with dot entries for added maps and items")
    func create() throws {
        let object = F.update(
            F.deployment(labels: ["app": "web"], replicas: 1, containers: [F.container("web", image: "nginx")]),
            from: nil,
            manager: "kubectl-create"
        )
        let entry = try #require(F.entry(object, manager: "kubectl-create", operation: "Update"))
        #expect(entry["apiVersion"] == "apps/v1")
        #expect(entry[path: ["fieldsV1", "f:metadata", "f:labels"]] == [".": [:], "f:app": [:]])
        #expect(entry[path: ["fieldsV1", "f:metadata", "f:name"]] == nil)
        #expect(entry[path: ["fieldsV1", "f:apiVersion"]] == nil)
        #expect(
            entry[path: ["fieldsV1", "f:spec", "f:template", "f:spec", "f:containers", #"k:{"name":"web"}"#]]
                == [".": [:], "f:name": [:], "f:image": [:]]
        )
    }

    @Test("An update takes the fields it changed from their previous owner")
    func updateMovesOwnership() throws {
        let applied = try F.apply(
            F.deployment(replicas: 1, containers: [F.container("web", image: "nginx:1")]),
            to: nil,
            manager: "ops"
        )
        var changed = applied
        changed[path: ["spec", "template", "spec", "containers"]] = [F.container("web", image: "nginx:2")]
        let updated = F.update(changed, from: applied, manager: "kubectl-set", now: F.t1)
        #expect(
            F.owned(updated, manager: "kubectl-set", operation: "Update") == [
                #".spec.template.spec.containers[name="web"].image"#
            ]
        )
        #expect(!F.owned(updated, manager: "ops").contains(#".spec.template.spec.containers[name="web"].image"#))
        #expect(F.owned(updated, manager: "ops").contains(".spec.replicas"))
        let entries = updated[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        #expect(entries.map { $0["operation"] } == ["Apply", "Update"])

        let error = #expect(throws: ApplyConflict.self) {
            try F.apply(
                F.deployment(replicas: 1, containers: [F.container("web", image: "nginx:1")]),
                to: updated,
                manager: "ops"
            )
        }
        #expect(error?.conflicts.map(\.manager) == ["kubectl-set"])
    }

    @Test("An update that changes nothing keeps managedFields and times untouched")
    func noOpUpdate() {
        let created = F.update(F.deployment(replicas: 1), from: nil, manager: "kubectl-create")
        var resent = created
        resent[path: ["metadata", "managedFields"]] = nil
        let updated = F.update(resent, from: created, manager: "kubectl-edit", now: F.t2)
        #expect(updated == created)
    }

    @Test("Removing a field removes it from every manager and drops emptied entries")
    func removalDropsEntries() {
        let created = F.update(F.deployment(replicas: 1), from: nil, manager: "kubectl-create")
        var labelled = created
        labelled[path: ["metadata", "labels"]] = ["app": "web"]
        let withLabel = F.update(labelled, from: created, manager: "kubectl-label", now: F.t1)
        var unlabelled = withLabel
        unlabelled[path: ["metadata", "labels"]] = nil
        let withoutLabel = F.update(unlabelled, from: withLabel, manager: "kubectl-edit", now: F.t2)
        #expect(F.entry(withoutLabel, manager: "kubectl-label", operation: "Update") == nil)
        #expect(F.entry(withoutLabel, manager: "kubectl-edit", operation: "Update") == nil)
        #expect(F.owned(withoutLabel, manager: "kubectl-create", operation: "Update").contains(".spec.replicas"))
    }

    @Test("Managed fields sent as [{}] reset ownership")
    func reset() {
        let created = F.update(F.deployment(replicas: 1), from: nil, manager: "kubectl-create")
        var reset = created
        reset[path: ["metadata", "managedFields"]] = [[:]]
        let updated = F.update(reset, from: created, manager: "kubectl-patch", now: F.t1)
        #expect(updated[path: ["metadata", "managedFields"]] == nil)
    }

    @Test("Status updates are tracked under the status subresource and main-resource updates ignore status")
    func statusTracking() {
        var created = F.deployment(replicas: 1)
        created["status"] = ["replicas": 0]
        let object = F.update(created, from: nil, manager: "kubectl-create")
        #expect(!F.owned(object, manager: "kubectl-create", operation: "Update").contains(".status.replicas"))
        var reported = object
        reported["status"] = ["replicas": 1]
        let afterStatus = F.update(reported, from: object, manager: "controller", subresource: "status", now: F.t1)
        let entry = F.entry(afterStatus, manager: "controller", operation: "Update")
        #expect(entry?["subresource"] == "status")
        #expect(F.owned(afterStatus, manager: "controller", operation: "Update") == [".status.replicas"])
    }
}
