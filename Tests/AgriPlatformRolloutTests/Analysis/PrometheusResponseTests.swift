import AgriPlatformRollout
import Testing

@Suite("Prometheus query responses")
struct PrometheusResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: String
        let sample: PrometheusSample
        var testDescription: String { name }
    }

    static func vector(_ values: [String]) -> String {
        let series = values.map { #"{"metric":{"revision":"a"},"value":[1800000000.5,"\#($0)"]}"# }
        return #"{"status":"success","data":{"resultType":"vector","result":[\#(series.joined(separator: ","))]}}"#
    }

    static let cases: [Case] = [
        Case(name: "a vector of one series is its value", body: vector(["0.052"]), sample: .value(0.052)),
        Case(
            name: "a scalar is its value",
            body: #"{"status":"success","data":{"resultType":"scalar","result":[1800000000,"7"]}}"#,
            sample: .value(7)
        ),
        Case(name: "an empty vector is no data", body: vector([]), sample: .noData),
        Case(name: "NaN (zero divided by zero) is no data", body: vector(["NaN"]), sample: .noData),
        Case(name: "+Inf is a value", body: vector(["+Inf"]), sample: .value(.infinity)),
        Case(name: "-Inf is a value", body: vector(["-Inf"]), sample: .value(-.infinity)),
        Case(name: "an exponent is read", body: vector(["1.5e-3"]), sample: .value(0.0015)),
        Case(
            name: "several series are an error asking for aggregation",
            body: vector(["1", "2"]),
            sample: .error(
                "the query returned 2 series; a check needs one number, aggregate them, e.g. with sum() or max()"
            )
        ),
        Case(
            name: "a matrix is an error",
            body: #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#,
            sample: .error("the query returned a matrix, not one number (a scalar or a single-series vector)")
        ),
        Case(
            name: "a string is an error",
            body: #"{"status":"success","data":{"resultType":"string","result":[1800000000,"x"]}}"#,
            sample: .error("the query returned a string, not one number (a scalar or a single-series vector)")
        ),
        Case(
            name: "an error response carries its type and message",
            body: #"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"}\""}"#,
            sample: .error("bad_data: 1:5: parse error: unexpected \"}\"")
        ),
        Case(
            name: "a value that is not a number is an error",
            body: vector(["fast"]),
            sample: .error("the value \"fast\" is not a number")
        ),
        Case(
            name: "a series without a value pair is an error",
            body: #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}"#,
            sample: .error("the vector has no [timestamp, \"value\"] pair")
        ),
        Case(
            name: "an HTML page from a proxy is quoted",
            body: "<html>502 Bad Gateway</html>",
            sample: .error("not a Prometheus API response: \"<html>502 Bad Gateway</html>\"")
        ),
        Case(
            name: "an empty body is an error",
            body: "",
            sample: .error("not a Prometheus API response: (empty body)")
        ),
        Case(
            name: "a success without data is an error",
            body: #"{"status":"success"}"#,
            sample: .error("the response has no data.resultType")
        ),
    ]

    @Test("A response body becomes one number, no data, or an error", arguments: cases)
    func sample(_ testCase: Case) {
        #expect(PrometheusResponse.sample(from: Array(testCase.body.utf8)) == testCase.sample)
    }
}
