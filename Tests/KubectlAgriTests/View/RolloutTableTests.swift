import AgriPlatformAPI
import AgriPlatformPlugin
import Foundation
import KubeCore
import Testing

@Suite("kubectl agri get: the table and its details")
struct RolloutTableTests {
    let rollouts = ServiceRollout.all(in: Fixtures.withStatus(Fixtures.platform()))

    @Test("One row per service in spec order, revisions cut to 8 digits, then the details of services with a message")
    func table() {
        let text = RolloutTable().render(rollouts, now: Fixtures.now)
        let expected = """
            PLATFORM   SERVICE   STRATEGY    PHASE         STEP   WEIGHT   READY   CANDIDATE   STABLE     DESIRED    MIGRATION
            shop       api       Canary      Progressing   1/4    20%      4/4     1           3f2a9c1b   91cc04de   Succeeded
            shop       web       Rolling     Healthy       -      -        1/2     -           aa11bb22   aa11bb22   -
            shop       worker    BlueGreen   -             -      -        -       -           -          -          -

            shop/api: canary at 20 %, step 2/4: pausing 60s
              CHECK             RESULT   VALUE   LIMIT   AGE
              errorRate         Passed   1.23    > 5     12s
              latencyIncrease   NoData   -       > 200   2m30s

            """
        #expect(text == expected, "got:\n\(text)")
    }

    @Test("-o wide adds the release's age, the failed revision with its reason, the image and measurement messages")
    func wide() throws {
        var failed = Fixtures.canaryInProgress()
        failed.phase = .rolledBack
        failed.failedRevision = "91cc04de55"
        failed.failureReason = "AnalysisFailed"
        let rows = ServiceRollout.all(in: Fixtures.withStatus(Fixtures.platform(), api: failed))
        let text = RolloutTable(wide: true).render(rows, now: Fixtures.now)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasSuffix("MIGRATION   STARTED   FAILED                      IMAGE"), "\(header)")
        let api = try #require(lines.first { $0.hasPrefix("shop       api") })
        #expect(api.contains("3m20s") && api.contains("91cc04de (AnalysisFailed)") && api.hasSuffix("api:1.4.0"))
        #expect(text.contains("  failed: 91cc04de (AnalysisFailed); released again only when the spec changes"))
        #expect(text.contains("error rate of revision 91cc04de is 1.23 % (limit 5 %)"))
        #expect(text.contains("RolledBack"))
    }

    @Test("-A adds a NAMESPACE column and names the namespace in each service's details")
    func allNamespaces() throws {
        let text = RolloutTable(showsNamespace: true).render(
            ServiceRollout.all(in: Fixtures.withStatus(Fixtures.platform(namespace: "farm"))),
            now: Fixtures.now
        )
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAMESPACE   PLATFORM   SERVICE") == true, "\(text)")
        #expect(lines[1].hasPrefix("farm        shop       api"), "\(text)")
        #expect(lines.contains("farm/shop/api: canary at 20 %, step 2/4: pausing 60s"), "\(text)")
    }

    @Test("A paused release says how to resume it, and a failed migration shows its message")
    func pausedAndMigration() throws {
        var status = RolloutStatus()
        status.phase = .paused
        status.pausedByUser = true
        status.migration = MigrationStatus(job: "shop-api-migrate-91cc04de", state: "Failed", message: "exit code 3")
        let rollout = ServiceRollout(
            namespace: "default",
            platform: "shop",
            service: "api",
            strategy: .rolling,
            image: "i",
            rollout: status
        )
        let details = try #require(RolloutTable().details(rollout, now: Fixtures.now))
        #expect(
            details == """
                shop/api: Paused
                  paused by a user: `kubectl agri resume` continues
                  migration shop-api-migrate-91cc04de Failed: exit code 3

                """
        )
    }

    @Test("Services without a rollout status or anything to explain get no details block")
    func noDetails() {
        let bare = ServiceRollout.all(in: Fixtures.platform())
        #expect(bare.allSatisfy { RolloutTable().details($0, now: Fixtures.now) == nil })
        #expect(RolloutTable().render([], now: Fixtures.now) == "")
    }

    @Test(
        "The step column counts canary steps from the status index, clamped to the spec's steps",
        arguments: [
            (RolloutStrategyType.canary, 4, nil, "0/4"),
            (.canary, 4, 2, "2/4"),
            (.canary, 4, 4, "4/4"),
            (.canary, 2, 7, "2/2"),
            (.rolling, nil, 3, "-"),
            (.blueGreen, nil, nil, "-"),
        ] as [(RolloutStrategyType, Int?, Int32?, String)]
    )
    func step(strategy: RolloutStrategyType, steps: Int?, index: Int32?, expected: String) {
        var status = RolloutStatus()
        status.currentStepIndex = index
        let rollout = ServiceRollout(
            namespace: "n",
            platform: "p",
            service: "s",
            strategy: strategy,
            steps: steps,
            image: "i",
            rollout: status
        )
        #expect(RolloutTable.step(rollout) == expected)
    }

    @Test(
        "Measured values keep about three significant digits and never an exponent",
        arguments: [
            (1.2345, "1.23"), (7.2, "7.2"), (0.0123, "0.0123"), (1234.6, "1235"), (0, "0"), (100, "100"),
            (-3.5, "-3.5"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (0.000_000_1, "0"),
        ]
    )
    func number(value: Double, expected: String) {
        #expect(RolloutTable.number(value) == expected)
    }

    @Test(
        "Ages read like kubectl's",
        arguments: [
            (0.0, "0s"), (-0.5, "0s"), (-3, "<invalid>"), (45, "45s"), (119, "119s"), (192, "3m12s"), (300, "5m"),
            (900, "15m"), (7500, "125m"), (18_300, "5h5m"), (36000, "10h"), (183_600, "2d3h"), (2_592_000, "30d"),
            (64_454_400, "2y16d"),
        ]
    )
    func age(seconds: Double, expected: String) {
        #expect(HumanDuration.text(seconds) == expected)
    }

    @Test(
        "Revisions are cut to 8 digits; a missing one is a dash",
        arguments: [
            ("3f2a9c1b7d", "3f2a9c1b"), ("abc", "abc"), ("", "-"),
        ]
    )
    func shortRevision(revision: String, expected: String) {
        #expect(RolloutTable.short(revision) == expected)
    }

    @Test("A platform without status lists its services from the spec, with the spec's strategy and replicas")
    func specOnly() throws {
        let rows = ServiceRollout.all(in: Fixtures.platform())
        #expect(rows.map(\.service) == ["api", "web", "worker"])
        #expect(rows.map(\.strategy) == [.canary, .rolling, .blueGreen])
        #expect(rows.map(\.steps) == [4, nil, nil])
        #expect(rows.map(\.replicas) == [4, 2, nil])
        #expect(rows.allSatisfy { $0.rollout == nil && $0.desiredRevision == nil })
        #expect(
            RolloutTable().cells(rows[0], now: Fixtures.now) == [
                "shop", "api", "Canary", "-", "0/4", "-", "0/4", "-", "-", "-", "-",
            ]
        )
    }

    @Test("-o json carries every status field and decodes back to the same rows; -o yaml is a YAML document")
    func documents() throws {
        let json = try RolloutDocument.render(rollouts, format: .json)
        struct Items: Decodable { var items: [ServiceRollout] }
        let decoded = try JSONDecoder().decode(Items.self, from: Data(json.utf8))
        #expect(decoded.items == rollouts)
        #expect(json.contains("\"desiredRevision\" : \"91cc04de55\""))
        let yaml = try RolloutDocument.render(rollouts, format: .yaml)
        #expect(yaml.hasPrefix("items:\n"), "\(yaml)")
        #expect(yaml.contains("desiredRevision: \"91cc04de55\""), "\(yaml)")
    }

    @Test("-o accepts wide, yaml and json and names them when given something else")
    func outputFormat() throws {
        #expect(try OutputFormat(option: "wide") == .wide)
        #expect(try OutputFormat(option: "json") == .json)
        #expect(throws: PluginError.invalidArgument("unknown output format \"table\"; use one of: wide, yaml, json")) {
            try OutputFormat(option: "table")
        }
        #expect(throws: PluginError.self) { try OutputFormat(option: "") }
    }
}
