import Foundation
import KubeCore
import Testing

@Suite("Setting status conditions")
struct ConditionSetTests {
    let earlier = Time(Date(timeIntervalSince1970: 1_000))
    let now = Time(Date(timeIntervalSince1970: 2_000))

    @Test("A new condition gets now as its transition time")
    func newCondition() {
        var conditions: [Condition] = []
        let changed = conditions.setCondition(Condition(type: "Ready", status: "False", reason: "Waiting"), now: now)
        #expect(changed)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == now)
    }

    @Test("The same status keeps the transition time while reason and message change")
    func sameStatusKeepsTime() {
        var conditions = [Condition(type: "Ready", status: "False", lastTransitionTime: earlier, reason: "A")]
        let changed = conditions.setCondition(
            Condition(type: "Ready", status: "False", reason: "B", message: "m"),
            now: now
        )
        #expect(changed)
        let ready = conditions[type: "Ready"]
        #expect(ready?.lastTransitionTime == earlier)
        #expect(ready?.reason == "B")
        #expect(ready?.message == "m")
    }

    @Test("A status change moves the transition time")
    func statusChangeMovesTime() {
        var conditions = [Condition(type: "Ready", status: "False", lastTransitionTime: earlier)]
        conditions.setCondition(Condition(type: "Ready", status: "True"), now: now)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == now)
        #expect(conditions.count == 1)
    }

    @Test("Setting an identical condition reports no change")
    func identicalIsNoChange() {
        var conditions = [
            Condition(type: "Ready", status: "True", observedGeneration: 2, lastTransitionTime: earlier, reason: "R")
        ]
        let changed = conditions.setCondition(
            Condition(type: "Ready", status: "True", observedGeneration: 2, reason: "R"),
            now: now
        )
        #expect(!changed)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == earlier)
    }
}
