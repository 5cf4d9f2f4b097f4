import AgriPlatformAPI
import AgriPlatformImport
import KubeCore
import Testing

@Suite("App Runner import")
struct AppRunnerImportTests {
    @Test("Seed 003's App Runner services import with instance size, health check, scaling and a BlueGreen release")
    func avaOlo() throws {
        let result = try Fixture.importSeed("ava-olo")
        #expect(result.platform.metadata.name == "ava-olo")
        #expect(result.platform.spec.services.map(\.name) == ["monitoring-dashboards", "agricultural-core"])
        let service = try #require(result.platform.spec.services.first)
        #expect(service.image == "ghcr.io/poljopodrska/ava-olo-monitoring-dashboards:main")
        #expect(service.imagePullPolicy == "Always")
        #expect(service.command == ["python", "main.py"])
        #expect(service.ports == [ServicePortSpec(name: "http", port: 8080)])
        #expect(service.resources == ResourceSpec(cpu: "0.25 vCPU", memory: "0.5 GB"))
        let health = try #require(service.healthCheck)
        #expect(health.path == "/health")
        #expect(health.intervalSeconds == 10)
        #expect(health.timeoutSeconds == 5)
        #expect(health.healthyThreshold == 1)
        #expect(health.unhealthyThreshold == 5)
        let scaling = try #require(service.autoscaling)
        #expect(scaling.minReplicas == 1)
        #expect(scaling.maxReplicas == 25)
        #expect(scaling.concurrentRequests == MetricTarget(targetPerPod: 100))
        #expect(service.rollout?.strategy == .blueGreen)
        #expect(service.rollout?.blueGreen?.autoPromotionSeconds == 0)
        #expect(service.rollout?.analysis?.consecutiveHealthCheckFailures == 5)
        #expect(service.env?.first { $0.name == "OPENAI_MODEL" }?.value == "gpt-4")
        #expect(
            service.env?.first { $0.name == "DB_NAME" }?.secret
                == KeyReference(name: "ava-olo-parameters", key: "DATABASE")
        )
        #expect(
            service.env?.first { $0.name == "OPENAI_API_KEY" }?.secret
                == KeyReference(name: "ava-olo-secrets", key: "api-key")
        )
        #expect(result.platform.spec.datastores?.first?.external == ExternalDatastore(secretName: "ava-olo-db"))
        #expect(result.platform.validate().isEmpty)
    }

    @Test("A service built from source without --image is an error naming the code repository")
    func sourceBuildNeedsImage() throws {
        var input = try Fixture.avaOloInput()
        input.services[0].image = nil
        #expect(throws: ImportError.self) { try AppRunnerImport.run(input) }
        do {
            _ = try AppRunnerImport.run(input)
        } catch {
            #expect(error.path == "[0].Service.SourceConfiguration.CodeRepository")
        }
    }

    @Test("Without its auto scaling document a named configuration falls back to App Runner's defaults, noted")
    func defaultScaling() throws {
        var input = try Fixture.avaOloInput()
        input.services = [input.services[0]]
        input.services[0].autoScaling = nil
        let result = try AppRunnerImport.run(input, options: ImportOptions(name: "ava-olo"))
        let scaling = try #require(result.platform.spec.services.first?.autoscaling)
        #expect(scaling.minReplicas == 1 && scaling.maxReplicas == 25)
        #expect(result.notes(.decision).contains { $0.fieldPath == "spec.services[0].autoscaling" })
    }

    @Test("An image-based service with API settings maps port, start command, variables and secrets")
    func imageService() throws {
        let description: JSONValue = [
            "Service": [
                "ServiceName": "api",
                "SourceConfiguration": [
                    "ImageRepository": [
                        "ImageIdentifier": "public.ecr.aws/acme/api:2.0.0",
                        "ImageRepositoryType": "ECR_PUBLIC",
                        "ImageConfiguration": [
                            "Port": "9000",
                            "StartCommand": "./server --listen 9000",
                            "RuntimeEnvironmentVariables": ["MODE": "production"],
                            "RuntimeEnvironmentSecrets": [
                                "TOKEN": "arn:aws:ssm:eu-west-1:111122223333:parameter/token"
                            ],
                        ],
                    ]
                ],
                "InstanceConfiguration": ["Cpu": "1 vCPU", "Memory": "2 GB"],
                "HealthCheckConfiguration": ["Protocol": "TCP", "Interval": 5, "Timeout": 2],
            ]
        ]
        let result = try AppRunnerImport.run(AppRunnerImport.Input(services: [.init(description: description)]))
        let service = try #require(result.platform.spec.services.first)
        #expect(service.image == "public.ecr.aws/acme/api:2.0.0")
        #expect(service.ports == [ServicePortSpec(name: "http", port: 9000)])
        #expect(service.command == ["./server", "--listen", "9000"])
        #expect(service.env?.first?.value == "production")
        #expect(service.env?.last?.secret == KeyReference(name: "api-parameters", key: "token"))
        #expect(service.resources == ResourceSpec(cpu: "1 vCPU", memory: "2 GB"))
        #expect(service.healthCheck?.type == "TCP")
        #expect(result.platform.validate().isEmpty)
    }
}
