import AgriPlatformAPI
import AgriPlatformImport
import KubeCore
import Testing

@Suite("ECS import")
struct ECSImportTests {
    @Test("Seed 001's ECS service imports with its task size, target group check, scaling and circuit breaker")
    func farmersModule() throws {
        let result = try Fixture.importSeed("farmers-module")
        #expect(result.platform.metadata.name == "farmers-module")
        let service = try #require(result.platform.spec.services.first)
        #expect(service.name == "api")
        #expect(service.image == "111122223333.dkr.ecr.us-east-1.amazonaws.com/farmers-module:1.0.0")
        #expect(service.ports == [ServicePortSpec(name: "http", port: 8000)])
        #expect(service.resources == ResourceSpec(cpu: "0.5 vCPU", memory: "1Gi"))
        let health = try #require(service.healthCheck)
        #expect(health.path == "/health")
        #expect(health.intervalSeconds == 30)
        #expect(health.timeoutSeconds == 5)
        #expect(health.healthyThreshold == 2)
        #expect(health.unhealthyThreshold == 3)
        #expect(health.startupGracePeriodSeconds == 45)
        #expect(health.liveness == false)
        let scaling = try #require(service.autoscaling)
        #expect(scaling.minReplicas == 2)
        #expect(scaling.maxReplicas == 10)
        #expect(scaling.targetCPUUtilization == 60)
        #expect(scaling.targetMemoryUtilization == 70)
        #expect(scaling.requestRate == RequestRateTarget(targetPerPod: 1000, per: "Minute"))
        #expect(service.replicas == nil)
        let rollout = try #require(service.rollout)
        #expect(rollout.strategy == .rolling)
        #expect(rollout.rolling?.maxSurge == .string("100%"))
        #expect(rollout.rolling?.maxUnavailable == .int(0))
        #expect(rollout.rolling?.rollbackOnFailure == true)
        #expect(
            service.env?.map(\.name) == ["AAA_SERVICE_ENDPOINT", "AAA_API_KEY", "JWT_SECRET", "SECRET_KEY"]
        )
        #expect(service.env?[1].secret == KeyReference(name: "farmers-module-secrets", key: "aaa-api-key"))
        #expect(service.uses == ["db"])
        #expect(
            result.platform.spec.serviceAccount?.annotations?["eks.amazonaws.com/role-arn"]
                == "arn:aws:iam::111122223333:role/farmers-module-production-task"
        )
        #expect(result.platform.validate().isEmpty)
    }

    @Test("Seed 001's RDS instance becomes an operated PostgreSQL 16 with PostGIS, Multi-AZ, gp3 and its backups")
    func farmersModuleDatabase() throws {
        let result = try Fixture.importSeed("farmers-module")
        let database = try #require(result.platform.spec.datastores?.first)
        #expect(database.name == "db")
        #expect(database.engine == .postgreSQL)
        #expect(database.version == "16")
        #expect(database.replicas == 2)
        #expect(database.spreadAcrossZones == true)
        #expect(database.postgres == PostgresSettings(postGIS: true, database: "farmers_module"))
        #expect(database.storage == StorageSpec(size: "100Gi", className: "gp3"))
        #expect(database.resources == ResourceSpec(cpu: "2 vCPU", memory: "4 GB"))
        #expect(database.backup?.window == "03:00-04:00")
        #expect(database.backup?.retentionDays == 35)
        #expect(result.notes(.dropped).contains { $0.awsPath == "DBInstances[0].MaxAllocatedStorage" })
    }

    @Test("Seed 004's CodeDeploy service becomes BlueGreen and its container health check an HTTP check")
    func migrateAI() throws {
        let result = try Fixture.importSeed("migrate-ai")
        let service = try #require(result.platform.spec.services.first)
        #expect(service.name == "backend")
        #expect(service.resources == ResourceSpec(cpu: "1 vCPU", memory: "2Gi"))
        #expect(service.rollout?.strategy == .blueGreen)
        let health = try #require(service.healthCheck)
        #expect(health.path == "/health")
        #expect(health.port == "8000")
        #expect(health.intervalSeconds == 30)
        #expect(health.timeoutSeconds == 5)
        #expect(health.unhealthyThreshold == 3)
        #expect(health.healthyThreshold == 1)
        #expect(health.startupGracePeriodSeconds == 30)
        #expect(health.liveness == nil)
        #expect(result.notes(.approximated).contains { $0.awsPath.hasSuffix("healthCheck.command") })
        #expect(service.autoscaling?.minReplicas == 2)
        #expect(service.autoscaling?.maxReplicas == 6)
        #expect(service.autoscaling?.targetCPUUtilization == 70)
        let datastores = try #require(result.platform.spec.datastores)
        #expect(datastores.map(\.name) == ["db", "cache"])
        #expect(datastores.map(\.engine) == [.postgreSQL, .redis])
        #expect(datastores.map(\.version) == ["16", "7.2"])
        #expect(service.uses == ["db", "cache"])
        #expect(result.platform.validate().isEmpty)
    }

    @Test("External datastores point at a Secret and the note lists the connection settings to put in it")
    func externalDatabase() throws {
        let result = try ECSImport.run(try Fixture.ecsInput("farmers-module"), options: ImportOptions())
        let database = try #require(result.platform.spec.datastores?.first)
        #expect(database.external == ExternalDatastore(secretName: "farmers-module-db"))
        #expect(database.version == nil && database.storage == nil && database.backup == nil)
        let note = try #require(
            result.notes(.decision).first { $0.fieldPath == "spec.datastores[0].external.secretName" }
        )
        #expect(note.message.contains("HOST=farmers-module-production-db."))
        #expect(note.message.contains("PORT=5432"))
        #expect(result.platform.validate().isEmpty)
    }

    @Test("ExternalSecrets reference the exact Secrets Manager ARNs and the configured store, never a value")
    func externalSecrets() throws {
        let options = ImportOptions(
            externalSecrets: ExternalSecretsOptions(storeName: "aws", storeKind: .clusterSecretStore)
        )
        let result = try ECSImport.run(try Fixture.ecsInput("farmers-module"), options: options)
        let secret = try #require(result.extraObjects.first)
        #expect(secret["apiVersion"] == "external-secrets.io/v1beta1")
        #expect(secret["kind"] == "ExternalSecret")
        #expect(secret[path: ["spec", "secretStoreRef", "kind"]] == "ClusterSecretStore")
        #expect(secret[path: ["spec", "target", "name"]] == "farmers-module-secrets")
        let data = try #require(secret[path: ["spec", "data"]]?.arrayValue)
        let taskDefinition = try Fixture.json("farmers-module", "task-definition.json")
        let arns = try #require(
            taskDefinition[path: ["taskDefinition", "containerDefinitions"]]?.arrayValue?.first?["secrets"]?.arrayValue
        ).compactMap { $0["valueFrom"]?.stringValue }
        #expect(data.compactMap { $0[path: ["remoteRef", "key"]]?.stringValue } == arns)
        #expect(data.compactMap { $0["secretKey"]?.stringValue } == ["aaa-api-key", "jwt-secret", "secret-key"])
    }
}
