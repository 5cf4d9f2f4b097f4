import AgriPlatformImport
import KubeCore
import Testing

@Suite("External Secrets Operator detection")
struct ExternalSecretsDetectionTests {
    /// One row of the decision table: the user's store options and what discovery found, and what must follow.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var store: ExternalSecretsOptions?
        var discovery: ExternalSecretsDiscovery?
        /// The version written; `nil` when none is (not opted in, or an error).
        var version: ExternalSecretsAPIVersion?
        var fails = false
        /// Words the decision's notes must contain, in order of the notes.
        var noteWords: [String] = []
        var suggests = false

        var testDescription: String { label }
    }

    static let aws = ExternalSecretsOptions(storeName: "aws")

    static let cases: [Case] = [
        Case(label: "offline, not opted in: nothing", store: nil, discovery: nil),
        Case(
            label: "offline, opted in: v1beta1, said to be assumed",
            store: aws,
            discovery: nil,
            version: .v1beta1,
            noteWords: ["assumed"]
        ),
        Case(
            label: "offline, v1 chosen: v1",
            store: ExternalSecretsOptions(storeName: "aws", apiVersion: .v1),
            discovery: nil,
            version: .v1,
            noteWords: ["as chosen"]
        ),
        Case(
            label: "v1 and v1beta1 served: v1",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1", "v1beta1"], store: .found),
            version: .v1,
            noteWords: ["serves externalsecrets.external-secrets.io in v1, v1beta1"]
        ),
        Case(
            label: "v1beta1 listed first, v1 also served: still v1",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1beta1", "v1"], store: .found),
            version: .v1,
            noteWords: ["written as external-secrets.io/v1:"]
        ),
        Case(
            label: "v1beta1 only: v1beta1",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1beta1"], store: .found),
            version: .v1beta1,
            noteWords: ["written as external-secrets.io/v1beta1"]
        ),
        Case(
            label: "v1beta1 chosen and served: v1beta1",
            store: ExternalSecretsOptions(storeName: "aws", apiVersion: .v1beta1),
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1", "v1beta1"], store: .found),
            version: .v1beta1,
            noteWords: ["written as external-secrets.io/v1beta1"]
        ),
        Case(
            label: "v1beta1 chosen, only v1 served: error",
            store: ExternalSecretsOptions(storeName: "aws", apiVersion: .v1beta1),
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1"], store: .found),
            fails: true
        ),
        Case(
            label: "opted in, ESO not installed: error",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: []),
            fails: true
        ),
        Case(
            label: "opted in, only an old alpha version served: error",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1alpha1"], store: .found),
            fails: true
        ),
        Case(
            label: "store not found: a decision note, not an error",
            store: aws,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1"], store: .notFound, storeNamespace: "farm"),
            version: .v1,
            noteWords: ["written as external-secrets.io/v1", "SecretStore aws in namespace farm does not exist"]
        ),
        Case(
            label: "store not readable: a decision note with the reason",
            store: ExternalSecretsOptions(storeName: "aws", storeKind: .clusterSecretStore),
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1"], store: .unknown("403 Forbidden")),
            version: .v1,
            noteWords: ["written as external-secrets.io/v1", "ClusterSecretStore aws could not be looked up (403"]
        ),
        Case(
            label: "not opted in, ESO served: a suggestion",
            store: nil,
            discovery: ExternalSecretsDiscovery(servedVersions: ["v1"]),
            suggests: true
        ),
        Case(
            label: "not opted in, ESO not installed: nothing",
            store: nil,
            discovery: ExternalSecretsDiscovery(servedVersions: [])
        ),
    ]

    @Test("The version, error, notes and suggestion follow from the options and discovery", arguments: cases)
    func decision(_ row: Case) throws {
        let options = ImportOptions(externalSecrets: row.store, externalSecretsDiscovery: row.discovery)
        if row.fails {
            #expect(throws: ImportError.self) { try ExternalSecretsDetection.decide(options) }
            return
        }
        let decision = try ExternalSecretsDetection.decide(options)
        #expect(decision.externalSecrets?.apiVersion == row.version)
        #expect(decision.externalSecrets?.storeName == row.store?.storeName)
        #expect(decision.notes.count == row.noteWords.count)
        for (note, words) in zip(decision.notes, row.noteWords) {
            #expect(note.message.contains(words), "\(note.message)")
        }
        #expect((decision.suggestion != nil) == row.suggests)
    }

    @Test("Opting in without the External Secrets Operator names the CRD and what to do")
    func notInstalledMessage() throws {
        let options = ImportOptions(
            externalSecrets: Self.aws,
            externalSecretsDiscovery: ExternalSecretsDiscovery(servedVersions: [])
        )
        do {
            _ = try ExternalSecretsDetection.decide(options)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "externalsecrets.external-secrets.io")
            #expect(error.description.contains("does not serve its CRD externalsecrets.external-secrets.io"))
            #expect(error.description.contains("install the operator"))
            #expect(error.description.contains("leave out --external-secrets-store"))
        }
    }

    @Test("An ECS import writes the served version into every ExternalSecret and notes it")
    func servedVersionReachesTheObjects() throws {
        let options = ImportOptions(
            externalSecrets: Self.aws,
            externalSecretsDiscovery: ExternalSecretsDiscovery(servedVersions: ["v1", "v1beta1"], store: .notFound)
        )
        let result = try ECSImport.run(try Fixture.ecsInput("farmers-module"), options: options)
        try #require(!result.extraObjects.isEmpty)
        #expect(result.extraObjects.allSatisfy { $0["apiVersion"] == "external-secrets.io/v1" })
        #expect(result.notes(.mapped).contains { $0.awsPath == "discovery" && $0.message.contains("/v1:") })
        #expect(result.summary().contains("does not exist yet"))
    }

    @Test("An ECS import with secret references suggests opting in when the cluster serves ExternalSecrets")
    func suggestionInSummary() throws {
        let options = ImportOptions(externalSecretsDiscovery: ExternalSecretsDiscovery(servedVersions: ["v1"]))
        let result = try ECSImport.run(try Fixture.ecsInput("farmers-module"), options: options)
        #expect(result.extraObjects.isEmpty)
        #expect(result.summary().contains("the cluster serves external-secrets.io/v1 ExternalSecrets"))
        let offline = try ECSImport.run(try Fixture.ecsInput("farmers-module"), options: ImportOptions())
        #expect(!offline.summary().contains("the cluster serves"))
    }

    @Test("An ECS import opted in against a cluster without the operator fails with the CRD's name")
    func notInstalledFailsTheImport() throws {
        let options = ImportOptions(
            externalSecrets: Self.aws,
            externalSecretsDiscovery: ExternalSecretsDiscovery(servedVersions: [])
        )
        let input = try Fixture.ecsInput("farmers-module")
        let error = #expect(throws: ImportError.self) { try ECSImport.run(input, options: options) }
        #expect(error?.path == "externalsecrets.external-secrets.io")
    }
}
