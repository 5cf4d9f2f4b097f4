import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// `promtool check rules` on every example's rendered PrometheusRule, on a rule file recording every query of every
/// example's dashboard (so each query parses as PromQL), and on the Helm chart's operator alerts and dashboard.
///
/// The examples' objects are read from the observability golden files, which
/// `AgriPlatformRenderTests.ObservabilityGoldenTests` holds equal to the renderer's output.
@Suite("Rendered rules and dashboards pass promtool check rules")
struct ObservabilityRuleCheckTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = repositoryRoot.appendingPathComponent("Tests/AgriPlatformRenderTests/Golden/observability")
    static let examples = ["agrimaan", "ava-olo", "farmers-module", "magsasa-card", "migrate-ai", "minimal"]

    /// The golden file of `example` whose name starts with `prefix`.
    static func goldenFile(_ example: String, prefix: String) throws -> String {
        let folder = golden.appendingPathComponent(example)
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasPrefix(prefix) },
            "no \(prefix)* golden file for \(example)"
        )
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The `spec:` block of a golden object's YAML, de-indented: a rule file's body.
    static func specBlock(_ yaml: String) throws -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "spec:"), "no spec: in the golden file")
        let body = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
        return body.map { String($0.dropFirst(2)) }.joined(separator: "\n") + "\n"
    }

    /// The dashboard JSON of a golden dashboard ConfigMap: its one `data` entry, a JSON-compatible quoted string.
    static func dashboardJSON(_ yaml: String) throws -> JSONValue {
        let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("  ") && $0.contains(".json: \"") })
        let quoted = try #require(line.range(of: ": ").map { line[$0.upperBound...] })
        let text = try JSONDecoder().decode(String.self, from: Data(quoted.utf8))
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Every `expr` of a Grafana dashboard's panels.
    static func queries(_ dashboard: JSONValue) -> [String] {
        (dashboard["panels"]?.arrayValue ?? []).flatMap { panel in
            (panel["targets"]?.arrayValue ?? []).compactMap { $0["expr"]?.stringValue }
        }
    }

    /// A rule file recording each query, so `promtool check rules` parses every one.
    static func recordingRules(_ queries: [String]) -> JSONValue {
        [
            "groups": [
                [
                    "name": "dashboard-queries",
                    "rules": .array(
                        queries.enumerated().map { index, query in
                            ["record": .string("agri_dashboard:query\(index)"), "expr": .string(query)]
                        }
                    ),
                ]
            ]
        ]
    }

    static func check(_ ruleFile: String) throws -> Promtool.Result {
        try Promtool.run(["check", "rules", "rules.yaml"], files: ["rules.yaml": ruleFile])
    }

    @Test("Each example's PrometheusRule passes promtool check rules", arguments: examples)
    func exampleRules(example: String) throws {
        let rules = try Self.specBlock(try Self.goldenFile(example, prefix: "prometheusrule-"))
        #expect(rules.hasPrefix("groups:\n"))
        let result = try Self.check(rules)
        #expect(result.status == 0, "promtool check rules failed for \(example):\n\(result.output)\n\(rules)")
    }

    @Test("Every query of each example's dashboard parses as PromQL", arguments: examples)
    func exampleDashboard(example: String) throws {
        let dashboard = try Self.dashboardJSON(try Self.goldenFile(example, prefix: "configmap-"))
        let queries = Self.queries(dashboard)
        #expect(!queries.isEmpty)
        let result = try Self.check(try Promtool.text(Self.recordingRules(queries)))
        #expect(result.status == 0, "a dashboard query of \(example) does not parse:\n\(result.output)")
    }

    @Test("The rules and dashboard of a platform with every engine pass promtool check rules")
    func everyEngine() throws {
        let platform = ObservabilityAlertRuleTests.platform()
        let rules = try ObservabilityAlertRuleTests.ruleFile(platform)
        let ruleResult = try Self.check(try Promtool.text(rules))
        #expect(ruleResult.status == 0, "promtool check rules failed:\n\(ruleResult.output)")

        let renderer = PlatformRenderer(
            context: RenderContext(verticalPodAutoscalerAvailable: false, prometheusOperatorAvailable: true)
        )
        let map = try #require(try renderer.render(platform).first { $0.name == "farm-grafana-dashboard" })
        let text = try #require(map.json[path: ["data", "farm.json"]]?.stringValue)
        let dashboard = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let queries = Self.queries(dashboard)
        #expect(queries.count >= 4 * 1 + 3 * 5)
        let queryResult = try Self.check(try Promtool.text(Self.recordingRules(queries)))
        #expect(queryResult.status == 0, "a dashboard query does not parse:\n\(queryResult.output)")
    }

    @Test("promtool rejects a rule file with an expression that does not parse (the check can fail)")
    func brokenExpressionFails() throws {
        let result = try Self.check(try Promtool.text(Self.recordingRules(["sum(rate(x[5m])"])))
        #expect(result.status != 0)
    }

    @Test("The Helm chart's operator alerts pass promtool check rules")
    func operatorAlerts() throws {
        let path = Self.repositoryRoot.appendingPathComponent("charts/agri-operator/files/operator-alerts.yaml")
        let rules = try String(contentsOf: path, encoding: .utf8)
        let result = try Self.check(rules)
        #expect(result.status == 0, "promtool check rules failed:\n\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test("Every query of the Helm chart's operator dashboard parses as PromQL")
    func operatorDashboard() throws {
        let path = Self.repositoryRoot.appendingPathComponent("charts/agri-operator/files/operator-dashboard.json")
        let dashboard = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: path))
        let queries = Self.queries(dashboard)
        #expect(queries.count >= 6)
        let result = try Self.check(try Promtool.text(Self.recordingRules(queries)))
        #expect(result.status == 0, "a dashboard query does not parse:\n\(result.output)")
    }
}
