import AgriPlatformAPI
import Testing

@testable import AgriPlatformImport

@Suite("Unit, secret reference and version conversions")
struct ConversionTests {
    @Test(
        "ECS CPU units convert to vCPU exactly, or are refused when not whole millicores",
        arguments: [
            (Int64(256), "0.25 vCPU"), (512, "0.5 vCPU"), (1024, "1 vCPU"), (2048, "2 vCPU"), (128, "0.125 vCPU"),
            (1536, "1.5 vCPU"), (100, nil),
        ] as [(Int64, String?)]
    )
    func cpuUnits(units: Int64, expected: String?) {
        #expect(AWSUnits.vCPU(fromUnits: units) == expected)
    }

    @Test(
        "CPU units that are not whole millicores round to the nearest millicore",
        arguments: [
            (Int64(100), "98m"), (10, "10m"), (1, "1m"),
        ]
    )
    func roundedCPU(units: Int64, expected: String) {
        #expect(AWSUnits.roundedMillicores(fromUnits: units) == expected)
    }

    @Test(
        "Memory in MiB converts to Gi when whole gibibytes and to Mi otherwise",
        arguments: [
            (Int64(512), "512Mi"), (1024, "1Gi"), (1536, "1536Mi"), (2048, "2Gi"), (30720, "30Gi"),
        ]
    )
    func memory(mebibytes: Int64, expected: String) {
        #expect(AWSUnits.memory(fromMiB: mebibytes) == expected)
    }

    @Test(
        "App Runner MB convert to GB as App Runner writes them",
        arguments: [
            (Int64(512), "0.5 GB"), (2048, "2 GB"), (3072, "3 GB"), (1000, nil),
        ] as [(Int64, String?)]
    )
    func gigabytes(megabytes: Int64, expected: String?) {
        #expect(AWSUnits.gigabytes(fromMB: megabytes) == expected)
    }

    @Test(
        "Secret references parse into the store, the exact remote key, the JSON key and the Secret key",
        arguments: [
            (
                "arn:aws:secretsmanager:us-east-1:1:secret:app/prod/jwt-secret-AbC123", true,
                "arn:aws:secretsmanager:us-east-1:1:secret:app/prod/jwt-secret-AbC123", nil, "jwt-secret"
            ),
            (
                "arn:aws:secretsmanager:us-east-1:1:secret:app/db-Xy9zQ1:password::", true,
                "arn:aws:secretsmanager:us-east-1:1:secret:app/db-Xy9zQ1", "password", "password"
            ),
            // Six lower-case letters after the last dash are part of the name, not the random suffix.
            (
                "arn:aws:secretsmanager:us-east-1:1:secret:jwt-secret", true,
                "arn:aws:secretsmanager:us-east-1:1:secret:jwt-secret", nil, "jwt-secret"
            ),
            ("arn:aws:ssm:us-east-1:1:parameter/app/prod/DB_HOST", false, "/app/prod/DB_HOST", nil, "DB_HOST"),
            ("arn:aws:ssm:us-east-1:1:parameter/token", false, "token", nil, "token"),
            ("/app/prod/api_key", false, "/app/prod/api_key", nil, "api_key"),
        ] as [(String, Bool, String, String?, String)]
    )
    func secretReferences(
        reference: String,
        secretsManager: Bool,
        remoteKey: String,
        property: String?,
        key: String
    )
        throws
    {
        let source = try SecretSource(parsing: reference, at: "x")
        #expect((source.store == .secretsManager) == secretsManager)
        #expect(source.remoteKey == remoteKey)
        #expect(source.property == property)
        #expect(source.secretKey == key)
    }

    @Test(
        "References to other services or malformed ARNs are errors at their path",
        arguments: [
            "arn:aws:s3:::bucket/key", "arn:aws:secretsmanager:us-east-1:1:notsecret:x",
            "arn:aws:ssm:us-east-1:1:document/x",
            "arn:aws", "has a space",
        ]
    )
    func badReferences(reference: String) {
        #expect(throws: ImportError.self) { try SecretSource(parsing: reference, at: "secrets[0].valueFrom") }
    }

    @Test(
        "Engine versions become the version the API selects images by",
        arguments: [
            ("16.3", true, "16"), ("14.9", true, "14"), ("9.6.22", true, "9.6"), ("7.1.0", false, "7.1"),
            ("7.2", false, "7.2"), ("6.x", false, "6.x"),
        ]
    )
    func versions(version: String, postgres: Bool, expected: String) {
        #expect(DatastoreConversion.majorVersion(version, engine: postgres ? .postgreSQL : .redis) == expected)
    }

    @Test(
        "Health check commands yield the URL they call",
        arguments: [
            (["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"], "/health", Int32(8000)),
            (["CMD", "wget", "-q", "http://127.0.0.1/ready"], "/ready", nil),
            (["CMD-SHELL", "curl -fs 'http://localhost:3000' || exit 1"], "/", 3000),
        ] as [([String], String, Int32?)]
    )
    func healthCommands(command: [String], path: String, port: Int32?) throws {
        let url = try #require(HealthCommand.httpURL(in: command))
        #expect(url.path == path)
        #expect(url.port == port)
    }

    @Test("A health check command without a URL yields none")
    func commandWithoutURL() {
        #expect(HealthCommand.httpURL(in: ["CMD-SHELL", "pg_isready -U postgres"]) == nil)
    }
}
