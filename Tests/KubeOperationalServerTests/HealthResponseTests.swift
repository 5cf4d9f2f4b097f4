import KubeOperationalServer
import KubeRuntime
import Testing

/// The `/healthz` and `/readyz` text, without a socket.
@Suite("Health endpoint responses")
struct HealthResponseTests {
    static let passing = HealthReport(entries: [
        HealthReport.Entry(name: "informers", status: .healthy),
        HealthReport.Entry(name: "leader-election", status: .healthy),
    ])
    static let failing = HealthReport(entries: [
        HealthReport.Entry(name: "informers", status: .unhealthy("ConfigMap cache not synced")),
        HealthReport.Entry(name: "leader-election", status: .healthy),
    ])
    static let excluded = HealthReport(
        entries: [
            HealthReport.Entry(name: "informers", status: .healthy, isExcluded: true),
            HealthReport.Entry(name: "leader-election", status: .healthy),
        ],
        unknownExclusions: ["a", "b"]
    )

    @Test(
        "Aggregated answers follow controller-runtime's healthz format",
        arguments: [
            (passing, false, 200, "ok"),
            (passing, true, 200, "[+]informers ok\n[+]leader-election ok\nreadyz check passed\n"),
            (failing, false, 500, "[-]informers failed: reason withheld\n[+]leader-election ok\nreadyz check failed\n"),
            (failing, true, 500, "[-]informers failed: reason withheld\n[+]leader-election ok\nreadyz check failed\n"),
            (
                excluded, true, 200,
                "[+]informers excluded: ok\n[+]leader-election ok\n"
                    + "warn: some health checks cannot be excluded: no matches for \"a\",\"b\"\nreadyz check passed\n"
            ),
        ]
    )
    func aggregated(report: HealthReport, verbose: Bool, statusCode: Int, body: String) {
        let response = HealthResponse.aggregated(report, endpoint: "readyz", verbose: verbose)
        #expect(response == HealthResponse(statusCode: statusCode, body: body))
    }

    @Test(
        "An individual check answers ok, its reason, or 404",
        arguments: [
            (HealthChecks.Status.healthy, 200, "ok"),
            (HealthChecks.Status.unhealthy("lease not renewed"), 500, "internal server error: lease not renewed\n"),
            (nil, 404, "404 page not found\n"),
        ]
    )
    func individual(status: HealthChecks.Status?, statusCode: Int, body: String) {
        #expect(HealthResponse.individual(status) == HealthResponse(statusCode: statusCode, body: body))
    }
}
