import AgriFaultSuite
import Testing

@Suite("Summary table")
struct SummaryTableTests {
    static let green = ScenarioRow(
        fault: "watch drops",
        outcomes: [RunOutcome(converged: true), RunOutcome(converged: true)],
        duration: .milliseconds(12_340)
    )

    @Test("A row aggregates its runs: converged count, data lost and wrong deletes summed, violations numbered")
    func aggregation() {
        let row = ScenarioRow(
            fault: "503 storm",
            outcomes: [
                RunOutcome(converged: true),
                RunOutcome(converged: false, dataLost: 1, wrongDeletes: 2, wrongRollbacks: 1, violations: ["lost"]),
            ],
            duration: .seconds(3)
        )
        #expect(row.runs == 2)
        #expect(row.converged == 1)
        #expect(row.dataLost == 1)
        #expect(row.wrongDeletesOrRollbacks == 3)
        #expect(row.violations == ["run 2: lost"])
        #expect(!row.isGreen)
        #expect(Self.green.isGreen)
    }

    @Test(
        "A row is red when any run breaks any invariant",
        arguments: [
            RunOutcome(converged: false),
            RunOutcome(converged: true, dataLost: 1),
            RunOutcome(converged: true, wrongDeletes: 1),
            RunOutcome(converged: true, wrongRollbacks: 1),
            RunOutcome(converged: true, violations: ["two writers"]),
        ]
    )
    func redRows(outcome: RunOutcome) {
        let row = ScenarioRow(fault: "f", outcomes: [RunOutcome(converged: true), outcome], duration: .zero)
        #expect(!row.isGreen)
        #expect(SummaryTable.render([row]).contains("FAIL"))
    }

    @Test("A row without runs is not green")
    func emptyRow() {
        #expect(!ScenarioRow(fault: "f", outcomes: [], duration: .zero).isGreen)
    }

    @Test("The table has the required columns, aligned, and lists the violations of red rows below it")
    func rendering() {
        let red = ScenarioRow(
            fault: "leader partitioned",
            outcomes: [RunOutcome(converged: true, violations: ["agri-operator-a still wrote"])],
            duration: .milliseconds(1_050)
        )
        let text = SummaryTable.render([Self.green, red])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("| fault "))
        for column in ["runs", "converged", "data lost", "wrong deletes/rollbacks", "time"] {
            #expect(lines[0].contains(column))
        }
        #expect(Set(lines[0...3].map(\.count)).count == 1, "\(text)")
        #expect(lines[2].contains(" 2/2 | "))
        #expect(lines[2].contains("12.3s"))
        #expect(lines[2].hasSuffix("| ok     |"))
        #expect(lines[3].contains("FAIL"))
        #expect(lines.contains("  - run 1: agri-operator-a still wrote"))
    }

    @Test(
        "Durations print as seconds with one decimal",
        arguments: [(Duration.zero, "0.0s"), (.milliseconds(999), "0.9s"), (.seconds(61), "61.0s")]
    )
    func seconds(duration: Duration, text: String) {
        #expect(SummaryTable.seconds(duration) == text)
    }
}
