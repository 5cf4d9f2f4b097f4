import AgriFaultSuite
import Testing

@Suite("Release trace and data object checks")
struct ReleaseTraceTests {
    static func step(
        _ index: Int?,
        desired: String = "r2",
        stable: String = "r1",
        phase: String = "Progressing"
    )
        -> ReleaseSnapshot
    {
        ReleaseSnapshot(desiredRevision: desired, stableRevision: stable, phase: phase, stepIndex: index)
    }

    @Test("Steps one by one are neither repeated nor skipped")
    func clean() {
        let trace = [
            Self.step(0), Self.step(1), Self.step(1), Self.step(2), Self.step(nil, stable: "r2", phase: "Healthy"),
        ]
        #expect(ReleaseTrace.repeatedSteps(trace).isEmpty)
        #expect(ReleaseTrace.skippedSteps(trace).isEmpty)
        #expect(ReleaseTrace.rollbacks(trace).isEmpty)
        #expect(ReleaseTrace.doublePromotions(trace).isEmpty)
        #expect(ReleaseTrace.promotions(of: "r2", in: trace) == 1)
        #expect(ReleaseTrace.distinct(trace).count == 4)
    }

    @Test("A step index going back is a repeated step; jumping by two is a skipped one")
    func repeatedAndSkipped() {
        #expect(ReleaseTrace.repeatedSteps([Self.step(0), Self.step(2), Self.step(1)]).count == 1)
        #expect(ReleaseTrace.skippedSteps([Self.step(0), Self.step(2)]).count == 1)
        // A new revision starts again from zero: not a repeat.
        #expect(ReleaseTrace.repeatedSteps([Self.step(2), Self.step(0, desired: "r3")]).isEmpty)
    }

    @Test("A rollback, an abort or a failed revision is reported once each")
    func rollbacks() {
        let trace = [
            Self.step(1), Self.step(1, phase: "RolledBack"), Self.step(1, phase: "RolledBack"),
            ReleaseSnapshot(desiredRevision: "r2", stableRevision: "r1", phase: "RolledBack", failedRevision: "r2"),
        ]
        #expect(ReleaseTrace.rollbacks(trace).count == 2)
    }

    @Test("A revision that becomes stable twice was promoted twice")
    func doublePromotion() {
        let trace = [
            Self.step(nil, desired: "r1", stable: "r1"), Self.step(nil, stable: "r2"), Self.step(nil, stable: "r1"),
            Self.step(nil, stable: "r2"),
        ]
        #expect(ReleaseTrace.doublePromotions(trace).count == 2)
        #expect(ReleaseTrace.promotions(of: "r2", in: trace) == 2)
        let blueGreen = [
            ReleaseSnapshot(desiredRevision: "r2", stableRevision: "r1", phase: "Progressing", promotedAt: "t1"),
            ReleaseSnapshot(desiredRevision: "r2", stableRevision: "r1", phase: "Progressing", promotedAt: "t2"),
        ]
        #expect(ReleaseTrace.blueGreenPromotions(blueGreen) == 2)
    }

    @Test("A data object whose UID changed was recreated; one missing at the end was lost")
    func dataObjects() {
        let seen = ["secrets/a": ["u1"], "secrets/b": ["u2", "u3"], "persistentvolumeclaims/c": ["u4"]]
        let final = ["secrets/a": "u1", "secrets/b": "u3"]
        #expect(
            DataObjectChecks.lostOrRecreated(seen: seen, final: final) == [
                "persistentvolumeclaims/c is gone", "secrets/b was recreated (2 UIDs)",
            ]
        )
        #expect(DataObjectChecks.lostOrRecreated(seen: ["secrets/a": ["u1"]], final: ["secrets/a": "u1"]).isEmpty)
    }
}
