import AgriPlatformAPI
import AgriPlatformImport
import KubeCore
import Testing

@Suite("Malformed AWS documents")
struct MalformedInputTests {
    /// A minimal valid ECS pair, changed by each case.
    static let taskDefinition: JSONValue = [
        "taskDefinition": [
            "family": "shop",
            "taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/shop:3",
            "revision": 3,
            "cpu": "256",
            "memory": "512",
            "containerDefinitions": [["name": "web", "image": "nginx:1.27", "portMappings": [["containerPort": 80]]]],
        ]
    ]
    static let services: JSONValue = [
        "services": [
            [
                "serviceName": "shop-web",
                "clusterArn": "arn:aws:ecs:us-east-1:1:cluster/prod",
                "taskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/shop:3",
                "desiredCount": 3,
            ]
        ]
    ]

    static func replacing(_ value: JSONValue, at path: [String], with replacement: JSONValue?) -> JSONValue {
        guard let key = path.first, case .object(var members) = value else { return replacement ?? .null }
        if path.count == 1 {
            members[key] = replacement
        } else if case .array(var elements) = members[key] ?? .null, let first = elements.first {
            elements[0] = replacing(first, at: Array(path.dropFirst()), with: replacement)
            members[key] = .array(elements)
        } else {
            members[key] = replacing(members[key] ?? [:], at: Array(path.dropFirst()), with: replacement)
        }
        return .object(members)
    }

    @Test("The minimal task definition and service import and validate")
    func minimal() throws {
        let result = try ECSImport.run(ECSImport.Input(taskDefinitions: [Self.taskDefinition], services: Self.services))
        let service = try #require(result.platform.spec.services.first)
        #expect(service.name == "web")
        #expect(service.replicas == 3)
        #expect(service.resources?.cpu == "0.25 vCPU")
        #expect(service.resources?.memory == "512Mi")
        #expect(result.platform.validate().isEmpty)
    }

    @Test(
        "Malformed task definitions are errors naming the JSON path",
        arguments: [
            (["taskDefinition", "containerDefinitions"], JSONValue?.none, "taskDefinition.containerDefinitions"),
            (
                ["taskDefinition", "containerDefinitions"], JSONValue.string("web"),
                "taskDefinition.containerDefinitions"
            ),
            (["taskDefinition", "cpu"], JSONValue.string("lots"), "taskDefinition.cpu"),
            (["taskDefinition", "memory"], JSONValue.bool(true), "taskDefinition.memory"),
            (
                ["taskDefinition", "containerDefinitions", "image"], JSONValue?.none,
                "taskDefinition.containerDefinitions[0].image"
            ),
            (
                ["taskDefinition", "containerDefinitions", "portMappings"], JSONValue.array([["containerPort": 70000]]),
                "taskDefinition.containerDefinitions[0].portMappings[0].containerPort"
            ),
            (
                ["taskDefinition", "containerDefinitions", "secrets"],
                JSONValue.array([["name": "A", "valueFrom": "arn:aws:s3:::bucket"]]),
                "taskDefinition.containerDefinitions[0].secrets[0].valueFrom"
            ),
            (
                ["taskDefinition", "containerDefinitions", "healthCheck"], JSONValue.object(["interval": 30]),
                "taskDefinition.containerDefinitions[0].healthCheck.command"
            ),
        ] as [([String], JSONValue?, String)]
    )
    func malformedTaskDefinition(path: [String], replacement: JSONValue?, errorPath: String) {
        let document = Self.replacing(Self.taskDefinition, at: path, with: replacement)
        do {
            _ = try ECSImport.run(ECSImport.Input(taskDefinitions: [document], services: Self.services))
            Issue.record("expected an error at \(errorPath)")
        } catch {
            #expect(error.path == errorPath)
        }
    }

    @Test(
        "Malformed services are errors naming the JSON path",
        arguments: [
            (["services", "taskDefinition"], JSONValue.string("other:1"), "services[0].taskDefinition"),
            (
                ["services", "deploymentConfiguration"], JSONValue.object(["maximumPercent": 50]),
                "services[0].deploymentConfiguration.maximumPercent"
            ),
            (
                ["services", "deploymentConfiguration"], JSONValue.object(["minimumHealthyPercent": 150]),
                "services[0].deploymentConfiguration.minimumHealthyPercent"
            ),
            (
                ["services", "deploymentController"], JSONValue.object(["type": "MAGIC"]),
                "services[0].deploymentController.type"
            ),
            (["services", "desiredCount"], JSONValue.string("three"), "services[0].desiredCount"),
            (["services", "serviceName"], JSONValue?.none, "services[0].serviceName"),
        ] as [([String], JSONValue?, String)]
    )
    func malformedService(path: [String], replacement: JSONValue?, errorPath: String) {
        let document = Self.replacing(Self.services, at: path, with: replacement)
        do {
            _ = try ECSImport.run(ECSImport.Input(taskDefinitions: [Self.taskDefinition], services: document))
            Issue.record("expected an error at \(errorPath)")
        } catch {
            #expect(error.path == errorPath)
        }
    }

    @Test(
        "Deployment percentages become maxSurge and maxUnavailable of the desired count",
        arguments: [
            (Int64(200), Int64(100), IntOrPercent.string("100%"), IntOrPercent.int(0)),
            (150, 50, .string("50%"), .string("50%")),
            (100, 50, .int(0), .string("50%")),
            (100, 100, .int(1), .int(0)),
            (125, 75, .string("25%"), .string("25%")),
        ]
    )
    func percentages(maximum: Int64, minimum: Int64, surge: IntOrPercent, unavailable: IntOrPercent) throws {
        let document = Self.replacing(
            Self.services,
            at: ["services", "deploymentConfiguration"],
            with: ["maximumPercent": .integer(maximum), "minimumHealthyPercent": .integer(minimum)]
        )
        let result = try ECSImport.run(ECSImport.Input(taskDefinitions: [Self.taskDefinition], services: document))
        let rolling = try #require(result.platform.spec.services.first?.rollout?.rolling)
        #expect(rolling.maxSurge == surge)
        #expect(rolling.maxUnavailable == unavailable)
        #expect(rolling.rollbackOnFailure == false)
        #expect(result.platform.validate().isEmpty)
    }

    @Test(
        "Unreadable RDS and ElastiCache documents are errors naming the JSON path",
        arguments: [
            (JSONValue.object(["DBInstances": "none"]), JSONValue?.none, "DBInstances"),
            (
                JSONValue.object(["DBInstances": [["Engine": "postgres"]]]), JSONValue?.none,
                "DBInstances[0].DBInstanceIdentifier"
            ),
            (JSONValue.object(["Other": []]), JSONValue?.none, "DBInstances"),
            (
                JSONValue?.none, JSONValue.object(["CacheClusters": [["CacheClusterId": 5]]]),
                "CacheClusters[0].CacheClusterId"
            ),
        ] as [(JSONValue?, JSONValue?, String)]
    )
    func malformedDatastores(rds: JSONValue?, elasticache: JSONValue?, errorPath: String) {
        do {
            _ = try DatastoreImport.run(
                DatastoreImport.Input(rds: rds, elasticache: elasticache),
                platformName: "shop",
                options: ImportOptions(datastores: .operated)
            )
            Issue.record("expected an error at \(errorPath)")
        } catch {
            #expect(error.path == errorPath)
        }
    }

    @Test("MySQL and Memcached are dropped with a note, not guessed")
    func unsupportedEngines() throws {
        let output = try DatastoreImport.run(
            DatastoreImport.Input(
                rds: [
                    "DBInstances": [["DBInstanceIdentifier": "legacy", "Engine": "mysql", "EngineVersion": "8.0.35"]]
                ],
                elasticache: ["CacheClusters": [["CacheClusterId": "sessions", "Engine": "memcached"]]]
            ),
            platformName: "shop",
            options: ImportOptions(datastores: .operated)
        )
        #expect(output.datastores.isEmpty)
        #expect(
            output.notes.filter { $0.kind == .dropped }.map(\.awsPath) == [
                "DBInstances[0].Engine", "CacheClusters[0].Engine",
            ]
        )
    }
}
