import KubeRuntime
import Synchronization
import Testing

@Suite("GaugeExposition: gauges computed when scraped")
struct GaugeExpositionTests {
    static func text(_ exposition: GaugeExposition) -> String {
        var buffer: [UInt8] = []
        exposition.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("Each family is written with HELP and TYPE in the order given, its series sorted by label values")
    func exposition() {
        let exposition = GaugeExposition(
            families: [
                .init(name: "demo_failed", help: "1 while failed."), .init(name: "demo_busy", help: "1 while busy."),
            ],
            labelNames: ["namespace", "owner", "part"]
        ) {
            [
                .init(labelValues: ["b", "shop", "web"], values: [0, 1]),
                .init(labelValues: ["a", "farm", "worker"], values: [1, 0]),
                .init(labelValues: ["a", "farm", "api"], values: [0, 0.5]),
            ]
        }
        #expect(
            Self.text(exposition) == """
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
    }

    @Test("The rows are computed at each scrape: a series exists exactly while its row does")
    func computedPerScrape() {
        let rows = Mutex<[GaugeExposition.Row]>([.init(labelValues: ["web"], values: [1])])
        let exposition = GaugeExposition(families: [.init(name: "demo", help: "Demo.")], labelNames: ["name"]) {
            rows.withLock { $0 }
        }
        #expect(Self.text(exposition).contains("demo{name=\"web\"} 1\n"))
        rows.withLock { $0 = [] }
        #expect(Self.text(exposition) == "# HELP demo Demo.\n# TYPE demo gauge\n")
    }

    @Test("Label values and help text are escaped as the text format requires; values are written as clients do")
    func escaping() {
        let exposition = GaugeExposition(
            families: [.init(name: "demo", help: "a \\ and a\nline")],
            labelNames: ["name"]
        ) {
            [
                .init(labelValues: [#"quote " back \ new"#], values: [2.25]),
                .init(labelValues: ["line\nfeed"], values: [Double.infinity]),
                .init(labelValues: ["nan"], values: [Double.nan]),
                .init(labelValues: ["big"], values: [1e20]),
            ]
        }
        #expect(
            Self.text(exposition) == #"""
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
