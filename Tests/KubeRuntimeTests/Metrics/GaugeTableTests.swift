import KubeRuntime
import Testing

@Suite("GaugeTable: per-object gauges written out at scrape time")
struct GaugeTableTests {
    static func table() -> GaugeTable {
        GaugeTable(
            families: [
                .init(name: "demo_failed", help: "1 while failed."), .init(name: "demo_busy", help: "1 while busy."),
            ],
            labelNames: ["namespace", "owner", "part"],
            groupLength: 2
        )
    }

    static func text(_ table: GaugeTable) -> String {
        var buffer: [UInt8] = []
        table.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("Each family is written with HELP and TYPE, its series sorted by label values")
    func exposition() {
        let table = Self.table()
        table.replace(group: ["b", "shop"], with: [["b", "shop", "web"]: [0, 1]])
        table.replace(
            group: ["a", "farm"],
            with: [["a", "farm", "worker"]: [1, 0], ["a", "farm", "api"]: [0, 0.5]]
        )
        #expect(
            Self.text(table) == """
                # HELP demo_failed 1 while failed.
                # TYPE demo_failed gauge
                demo_failed{namespace="a",owner="farm",part="api"} 0
                demo_failed{namespace="a",owner="farm",part="worker"} 1
                demo_failed{namespace="b",owner="shop",part="web"} 0
                # HELP demo_busy 1 while busy.
                # TYPE demo_busy gauge
                demo_busy{namespace="a",owner="farm",part="api"} 0.5
                demo_busy{namespace="a",owner="farm",part="worker"} 0
                demo_busy{namespace="b",owner="shop",part="web"} 1

                """
        )
        #expect(table.count == 3)
        #expect(table.value(of: "demo_busy", for: ["a", "farm", "api"]) == 0.5)
        #expect(table.value(of: "demo_busy", for: ["a", "farm", "gone"]) == nil)
        #expect(table.value(of: "unknown", for: ["a", "farm", "api"]) == nil)
    }

    @Test("Replacing a group drops its series that are no longer given; removing a group drops them all")
    func replaceAndRemove() {
        let table = Self.table()
        table.replace(group: ["a", "farm"], with: [["a", "farm", "api"]: [0, 0], ["a", "farm", "worker"]: [0, 1]])
        table.replace(group: ["a", "shop"], with: [["a", "shop", "web"]: [1, 0]])
        table.replace(group: ["a", "farm"], with: [["a", "farm", "api"]: [1, 0]])
        #expect(table.count == 2)
        #expect(table.value(of: "demo_busy", for: ["a", "farm", "worker"]) == nil)
        #expect(table.value(of: "demo_failed", for: ["a", "farm", "api"]) == 1)

        table.removeGroup(["a", "farm"])
        #expect(table.count == 1)
        table.replace(group: ["a", "shop"], with: [:])
        #expect(table.count == 0)
        #expect(
            Self.text(table)
                == "# HELP demo_failed 1 while failed.\n# TYPE demo_failed gauge\n# HELP demo_busy 1 while busy.\n# TYPE demo_busy gauge\n"
        )
    }

    @Test("Label values and help text are escaped as the text format requires; values are written as clients do")
    func escaping() {
        let table = GaugeTable(
            families: [.init(name: "demo", help: "a \\ and a\nline")],
            labelNames: ["name"],
            groupLength: 1
        )
        table.replace(group: [#"quote " back \ new"#], with: [[#"quote " back \ new"#]: [2.25]])
        table.replace(group: ["line\nfeed"], with: [["line\nfeed"]: [Double.infinity]])
        table.replace(group: ["nan"], with: [["nan"]: [Double.nan]])
        table.replace(group: ["big"], with: [["big"]: [1e20]])
        #expect(
            Self.text(table) == #"""
                # HELP demo a \\ and a\nline
                # TYPE demo gauge
                demo{name="big"} 1e+20
                demo{name="line\nfeed"} +Inf
                demo{name="nan"} NaN
                demo{name="quote \" back \\ new"} 2.25

                """#
        )
    }
}
