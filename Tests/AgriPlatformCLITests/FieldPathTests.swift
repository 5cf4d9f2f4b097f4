import AgriPlatformCLI
import Testing

@Suite("Field paths as the API server prints them")
struct FieldPathTests {
    @Test(
        "a printed path parses back into the same steps",
        arguments: [
            "spec.services[0].autoscaling.minReplicas",
            "metadata.labels[app.kubernetes.io/name]",
            "spec.services[12].env[3].name",
            "spec",
        ]
    )
    func roundTrip(_ text: String) {
        #expect(FieldPath(parsing: text).description == text)
    }

    @Test("indexes, identifier keys and other keys print differently")
    func printing() {
        let path = FieldPath([.key("spec"), .key("services"), .index(1), .key("podLabels"), .key("example.com/tier")])
        #expect(path.description == "spec.services[1].podLabels[example.com/tier]")
        #expect(path.parent?.description == "spec.services[1].podLabels")
    }

    @Test("an identifier key written in brackets means the same field")
    func bracketedIdentifier() {
        #expect(FieldPath(parsing: "spec.commonLabels[team]") == FieldPath(parsing: "spec.commonLabels.team"))
    }
}
