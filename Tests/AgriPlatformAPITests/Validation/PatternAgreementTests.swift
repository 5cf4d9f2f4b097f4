import Testing

@testable import AgriPlatformAPI

/// The hand-written checks of validation in code and the CRD's `pattern`s agree, so `kubectl apply` and
/// `agri-operator validate` accept the same names and amounts.
@Suite("Code checks and schema patterns agree")
struct PatternAgreementTests {
    static let names = [
        "", "a", "A", "0", "a0", "0a", "a-b", "a--b", "-a", "a-", "api", "api.v1", "a.b.c", ".a", "a.", "a..b",
        "é", "a_b", "*.example.com", "*", String(repeating: "a", count: 63), "farmers-module", "x1-y2",
    ]

    @Test("DNS labels and subdomains: the hand checks match the schema's patterns", arguments: names)
    func dnsNames(_ name: String) {
        #expect(NameSyntax.isDNS1035Label(name) == NameSyntax.matches(name, APIConstraints.dns1035LabelPattern))
        #expect(NameSyntax.isDNS1123Label(name) == NameSyntax.matches(name, APIConstraints.dns1123LabelPattern))
        #expect(
            NameSyntax.isDNS1123Subdomain(name) == NameSyntax.matches(name, APIConstraints.dns1123SubdomainPattern)
        )
        if NameSyntax.isPortName(name) {
            #expect(NameSyntax.matches(name, APIConstraints.portNamePattern))
        }
    }

    @Test(
        "Every CPU and memory amount that ResourceUnits reads matches the schema's pattern",
        arguments: [
            "500m", "0.5", "1", "2.5", "0.25 vCPU", "1vcpu", "2 cores", "1 GB", "512 MB", "0.5 GB", "1Gi", "512Mi",
            "1G", "1e3", "100 GiB", "half", "-1", "1 Gi", "0.0001 vCPU", "",
        ]
    )
    func amounts(_ text: String) {
        if (try? ResourceUnits.cpu(text)) != nil {
            #expect(NameSyntax.matches(text, APIConstraints.cpuPattern), "cpu \(text)")
        }
        if (try? ResourceUnits.memory(text)) != nil {
            #expect(NameSyntax.matches(text, APIConstraints.memoryPattern), "memory \(text)")
        }
    }

    @Test(
        "Every schedule and window the code accepts matches the schema's pattern",
        arguments: ["0 3 * * *", "@daily", "*/5 * * * MON-FRI", "0 3 * *", "03:00-04:00", "23:59-00:00", "3:00-4:00"]
    )
    func schedules(_ text: String) {
        if ScheduleSyntax.cronProblem(text) == nil {
            #expect(NameSyntax.matches(text, APIConstraints.cronPattern))
        }
        if ScheduleSyntax.windowProblem(text) == nil {
            #expect(NameSyntax.matches(text, APIConstraints.backupWindowPattern))
        }
    }
}
