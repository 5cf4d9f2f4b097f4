import AgriPlatformAPI
import KubeCore
import Testing

/// The analysis settings added for release analysis: the no-data policy, custom metrics, metric and label names.
@Suite("Release analysis validation")
struct RolloutAnalysisValidationTests {
    /// One way to set the analysis of the valid sample's service, and every error it must produce.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: [String]
        let analysis: RolloutAnalysis
        var testDescription: String { name }
    }

    static let path = "spec.services[0].rollout.analysis"

    static func analysis(_ change: (inout RolloutAnalysis) -> Void) -> RolloutAnalysis {
        var analysis = RolloutAnalysis()
        analysis.prometheusURL = "http://prometheus:9090"
        change(&analysis)
        return analysis
    }

    static let cases: [Case] = [
        Case(
            name: "every new field set well",
            expected: [],
            analysis: analysis {
                $0.onNoData = .fail
                $0.metrics = [
                    AnalysisMetric(name: "queueDepth", query: "max(queue_depth)", failIfAbove: 10, rangeSeconds: 60),
                    AnalysisMetric(name: "throughput", query: "sum(rate(jobs_total[1m]))", failIfBelow: 1),
                ]
                $0.requestsMetric = "requests_total"
                $0.latencyMetric = "request_seconds"
                $0.labels = AnalysisLabels(service: "app", statusCode: "status")
            }
        ),
        Case(
            name: "an unknown no-data policy",
            expected: [
                "\(path).onNoData: Unsupported value: \"Succeed\": supported values: \"Fail\", \"Pause\", \"Ignore\""
            ],
            analysis: analysis { $0.onNoData = AnalysisNoDataPolicy(rawValue: "Succeed") }
        ),
        Case(
            name: "a custom metric without Prometheus",
            expected: [
                "\(path).prometheusURL: Required value: prometheusURL is required for error-rate, latency and "
                    + "custom metric checks"
            ],
            analysis: analysis {
                $0.prometheusURL = nil
                $0.metrics = [AnalysisMetric(name: "queueDepth", query: "max(queue_depth)", failIfAbove: 10)]
            }
        ),
        Case(
            name: "custom metrics with bad names, no thresholds, an empty range and a duplicate",
            expected: [
                "\(path).metrics[0].name: Invalid value: \"errorRate\": is the name of a built-in check",
                "\(path).metrics[0].failIfAbove: Required value: at least one of failIfAbove and failIfBelow is "
                    + "required",
                "\(path).metrics[1].name: Invalid value: \"9lives\": must start with a letter and contain only "
                    + "letters, digits, '_' and '-', e.g. queueDepth",
                "\(path).metrics[1].query: Required value",
                "\(path).metrics[1].failIfBelow: Invalid value: \"5.0\": must not be greater than failIfAbove "
                    + "(1.0), or every value would fail",
                "\(path).metrics[1].rangeSeconds: Invalid value: 5: must be between 10 and 86400, inclusive",
                "\(path).metrics[2].name: Invalid value: \"9lives\": must start with a letter and contain only "
                    + "letters, digits, '_' and '-', e.g. queueDepth",
                "\(path).metrics[2].name: Duplicate value: \"9lives\"",
            ],
            analysis: analysis {
                $0.metrics = [
                    AnalysisMetric(name: "errorRate", query: "up"),
                    AnalysisMetric(name: "9lives", query: "", failIfAbove: 1, failIfBelow: 5, rangeSeconds: 5),
                    AnalysisMetric(name: "9lives", query: "up", failIfBelow: 1),
                ]
            }
        ),
        Case(
            name: "a query naming an unknown placeholder",
            expected: [
                "\(path).metrics[0].query: Invalid value: \"up{pod=\\\"{{pod}}\\\", service=\\\"{{service}}\\\"}\": unknown "
                    + "placeholder {{pod}}; the placeholders are {{namespace}}, {{platform}}, {{service}}, "
                    + "{{revision}}, {{stableRevision}}"
            ],
            analysis: analysis {
                $0.metrics = [
                    AnalysisMetric(name: "up", query: "up{pod=\"{{pod}}\", service=\"{{service}}\"}", failIfBelow: 1)
                ]
            }
        ),
        Case(
            name: "more than five custom metrics",
            expected: ["\(path).metrics: Too many: 6: must have at most 5 items"],
            analysis: analysis {
                $0.metrics = (0..<6).map { AnalysisMetric(name: "m\($0)", query: "up", failIfBelow: 1) }
            }
        ),
        Case(
            name: "metric and label names Prometheus would not accept",
            expected: [
                "\(path).requestsMetric: Invalid value: \"http-requests\": must be a Prometheus metric name "
                    + "([a-zA-Z_:][a-zA-Z0-9_:]*)",
                "\(path).labels.revision: Invalid value: \"pod:revision\": must be a Prometheus label name "
                    + "([a-zA-Z_][a-zA-Z0-9_]*)",
                "\(path).labels.statusCode: Required value",
            ],
            analysis: analysis {
                $0.requestsMetric = "http-requests"
                $0.labels = AnalysisLabels(revision: "pod:revision", statusCode: "")
            }
        ),
    ]

    @Test("Analysis settings report exactly the expected errors", arguments: cases)
    func analysisErrors(_ testCase: Case) {
        var platform = AgriPlatformSamples.valid
        var rollout = Rollout()
        rollout.analysis = testCase.analysis
        platform.spec.services[0].rollout = rollout
        #expect(platform.validate().map(\.description) == testCase.expected)
    }

    @Test("A custom metric's rules are in the schema, with the built-in names reserved")
    func metricSchemaRules() throws {
        let schema = AnalysisMetric.openAPISchema
        let rules = try #require(schema.xKubernetesValidations).map(\.rule)
        #expect(rules.contains("has(self.failIfAbove) || has(self.failIfBelow)"))
        #expect(rules.contains { $0.contains("'errorRate'") && $0.contains("'cannotStart'") })
        let metrics = try #require(RolloutAnalysis.openAPISchema.properties?["metrics"])
        #expect(metrics.xKubernetesListMapKeys == ["name"])
        #expect(metrics.maxItems == 5)
    }
}
