import Foundation
import Testing

@testable import AgriPlatformReconciler

@Suite("Prometheus query URLs")
struct PrometheusQueryURLTests {
    @Test(
        "The instant-query URL keeps a path prefix, drops trailing slashes and percent-encodes the query",
        arguments: [
            ("http://prometheus:9090", "http://prometheus:9090/api/v1/query"),
            ("http://prometheus:9090/", "http://prometheus:9090/api/v1/query"),
            ("https://monitoring.example.com/prometheus//", "https://monitoring.example.com/prometheus/api/v1/query"),
        ]
    )
    func queryURL(_ base: String, _ endpoint: String) {
        let url = PrometheusAnalysis.queryURL(
            baseURL: base,
            query: #"sum(rate(x{code=~"5..",a="é b"}[60s]))"#,
            time: Date(timeIntervalSince1970: 1_800_000_000.25)
        )
        #expect(
            url
                == endpoint + "?query=sum%28rate%28x%7Bcode%3D~%225..%22%2Ca%3D%22%C3%A9%20b%22%7D%5B60s%5D%29%29"
                + "&time=1800000000.250"
        )
    }
}
