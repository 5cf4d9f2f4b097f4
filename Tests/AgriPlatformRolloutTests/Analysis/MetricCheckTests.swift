import AgriPlatformAPI
import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@Suite("Metric checks judge their samples")
struct MetricCheckTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let target = AnalysisTarget(
        namespace: "shop",
        platform: "farm",
        service: "api",
        revision: "3f2a1b2c9d",
        stableRevision: "77aa88bb00"
    )

    static func check(_ rule: MetricCheck.Rule, keys: [String], name: String = "check") -> MetricCheck {
        MetricCheck(
            name: name,
            queries: Dictionary(uniqueKeysWithValues: keys.map { ($0, "q_\($0)") }),
            rule: rule,
            target: target
        )
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let check: MetricCheck
        let samples: [String: PrometheusSample]
        let result: MeasurementResult
        let value: Double?
        let threshold: String?
        let message: String
        var testDescription: String { name }
    }

    static let errorRate = check(.errorRate(maxPercent: 5), keys: ["errors", "requests"], name: "errorRate")
    static let increase = check(
        .latencyIncrease(maxPercent: 200),
        keys: ["candidate", "stable"],
        name: "latencyIncrease"
    )
    static let latency = check(.latency(maxMillis: 300), keys: ["value"], name: "latency")
    static let queueDepth = check(.threshold(failIfAbove: 1000, failIfBelow: nil), keys: ["value"], name: "queueDepth")
    static let throughputRange = check(
        .threshold(failIfAbove: 100, failIfBelow: 1),
        keys: ["max", "min"],
        name: "jobs"
    )

    static let cases: [Case] = [
        Case(
            name: "an error rate above the limit fails",
            check: errorRate,
            samples: ["errors": .value(0.72), "requests": .value(10)],
            result: .failed,
            value: 7.2,
            threshold: "> 5",
            message: "error rate of revision 3f2a1b2c is 7.2 % (0.72 of 10 requests/s failed; limit 5 %)"
        ),
        Case(
            name: "an error rate at the limit passes",
            check: errorRate,
            samples: ["errors": .value(0.5), "requests": .value(10)],
            result: .passed,
            value: 5,
            threshold: "> 5",
            message: "error rate of revision 3f2a1b2c is 5 % (0.5 of 10 requests/s failed; limit 5 %)"
        ),
        Case(
            name: "requests without any 5xx series are 0 %",
            check: errorRate,
            samples: ["errors": .noData, "requests": .value(4)],
            result: .passed,
            value: 0,
            threshold: "> 5",
            message: "error rate of revision 3f2a1b2c is 0 % (0 of 4 requests/s failed; limit 5 %)"
        ),
        Case(
            name: "no requests is no data, not 0 %",
            check: errorRate,
            samples: ["errors": .noData, "requests": .noData],
            result: .noData,
            value: nil,
            threshold: "> 5",
            message: "revision 3f2a1b2c served no requests in the measured window"
        ),
        Case(
            name: "a request rate of zero is no data",
            check: errorRate,
            samples: ["errors": .value(0), "requests": .value(0)],
            result: .noData,
            value: nil,
            threshold: "> 5",
            message: "revision 3f2a1b2c served no requests in the measured window"
        ),
        Case(
            name: "a failed query is an error",
            check: errorRate,
            samples: ["errors": .error("bad_data: parse error"), "requests": .value(4)],
            result: .error,
            value: nil,
            threshold: nil,
            message: "the errors query failed: bad_data: parse error"
        ),
        Case(
            name: "a missing sample is an error",
            check: errorRate,
            samples: ["requests": .value(4)],
            result: .error,
            value: nil,
            threshold: nil,
            message: "no sample was taken for the errors query"
        ),
        Case(
            name: "p95 more than three times the baseline fails a +200 % limit",
            check: increase,
            samples: ["candidate": .value(0.4), "stable": .value(0.1)],
            result: .failed,
            value: 300,
            threshold: "> 200",
            message: "p95 latency of revision 3f2a1b2c is 400 ms, +300 % over stable revision 77aa88bb's 100 ms "
                + "(limit +200 %)"
        ),
        Case(
            name: "a faster canary passes with a negative increase",
            check: increase,
            samples: ["candidate": .value(0.05), "stable": .value(0.1)],
            result: .passed,
            value: -50,
            threshold: "> 200",
            message: "p95 latency of revision 3f2a1b2c is 50 ms, -50 % over stable revision 77aa88bb's 100 ms "
                + "(limit +200 %)"
        ),
        Case(
            name: "no baseline latency is no data",
            check: increase,
            samples: ["candidate": .value(0.05), "stable": .noData],
            result: .noData,
            value: nil,
            threshold: "> 200",
            message: "stable revision 77aa88bb has no request latencies in the measured window to compare with"
        ),
        Case(
            name: "no candidate latency is no data",
            check: increase,
            samples: ["candidate": .noData, "stable": .value(0.1)],
            result: .noData,
            value: nil,
            threshold: "> 200",
            message: "revision 3f2a1b2c has no request latencies in the measured window"
        ),
        Case(
            name: "a baseline of 0 s cannot be compared with",
            check: increase,
            samples: ["candidate": .value(0.05), "stable": .value(0)],
            result: .noData,
            value: nil,
            threshold: "> 200",
            message: "the p95 latency of stable revision 77aa88bb is 0 s; there is nothing to compare with"
        ),
        Case(
            name: "an absolute p95 above the limit fails, in milliseconds",
            check: latency,
            samples: ["value": .value(0.412)],
            result: .failed,
            value: 412,
            threshold: "> 300",
            message: "p95 latency of revision 3f2a1b2c is 412 ms (limit 300 ms)"
        ),
        Case(
            name: "an absolute p95 below the limit passes",
            check: latency,
            samples: ["value": .value(0.0495)],
            result: .passed,
            value: 49.5,
            threshold: "> 300",
            message: "p95 latency of revision 3f2a1b2c is 49.5 ms (limit 300 ms)"
        ),
        Case(
            name: "a custom value above failIfAbove fails",
            check: queueDepth,
            samples: ["value": .value(1200)],
            result: .failed,
            value: 1200,
            threshold: "> 1000",
            message: "queueDepth of revision 3f2a1b2c: value 1200 fails (fails when > 1000)"
        ),
        Case(
            name: "a custom value of +Inf fails and is left out of the value",
            check: queueDepth,
            samples: ["value": .value(.infinity)],
            result: .failed,
            value: nil,
            threshold: "> 1000",
            message: "queueDepth of revision 3f2a1b2c: value +Inf fails (fails when > 1000)"
        ),
        Case(
            name: "a custom value within its limit passes",
            check: queueDepth,
            samples: ["value": .value(12)],
            result: .passed,
            value: 12,
            threshold: "> 1000",
            message: "queueDepth of revision 3f2a1b2c: value 12 passes (fails when > 1000)"
        ),
        Case(
            name: "a custom range fails on its lowest point",
            check: throughputRange,
            samples: ["max": .value(40), "min": .value(0.25)],
            result: .failed,
            value: 0.25,
            threshold: "< 1 or > 100",
            message: "jobs of revision 3f2a1b2c: lowest point 0.25 fails (fails when < 1 or > 100)"
        ),
        Case(
            name: "a custom range fails on its highest point",
            check: throughputRange,
            samples: ["max": .value(140), "min": .value(2)],
            result: .failed,
            value: 140,
            threshold: "< 1 or > 100",
            message: "jobs of revision 3f2a1b2c: highest point 140 fails (fails when < 1 or > 100)"
        ),
        Case(
            name: "a custom range within both limits passes",
            check: throughputRange,
            samples: ["max": .value(40), "min": .value(2)],
            result: .passed,
            value: 40,
            threshold: "< 1 or > 100",
            message: "jobs of revision 3f2a1b2c: highest point 40 passes (fails when < 1 or > 100)"
        ),
        Case(
            name: "a custom range without data is no data",
            check: throughputRange,
            samples: ["max": .noData, "min": .value(2)],
            result: .noData,
            value: nil,
            threshold: "< 1 or > 100",
            message: "jobs of revision 3f2a1b2c has no data"
        ),
    ]

    @Test("Samples become a measurement with its value, threshold and reason", arguments: cases)
    func evaluate(_ testCase: Case) {
        let measurement = testCase.check.evaluate(testCase.samples, at: Self.now)
        #expect(measurement.name == testCase.check.name)
        #expect(measurement.result == testCase.result)
        if let expected = testCase.value, let value = measurement.value {
            #expect(abs(value - expected) < 1e-9, "value \(value)")
        } else {
            #expect(measurement.value == testCase.value)
        }
        #expect(measurement.threshold == testCase.threshold)
        #expect(measurement.message == testCase.message)
        #expect(measurement.time == Time(Self.now))
    }

    @Test("Every measurement encodes to JSON, whatever the samples")
    func encodable() throws {
        for testCase in Self.cases {
            let measurement = testCase.check.evaluate(testCase.samples, at: Self.now)
            #expect(throws: Never.self) { try JSONValue(encoding: measurement) }
        }
    }
}
