import AgriPlatformAPI
import Foundation
import KubeCore
import Testing

@testable import AgriPlatformRender

@Suite("MongoDB members Job")
struct MongoDBMembersJobTests {
    typealias Profile = MongoDBProfileTests

    static func job(replicas: Int32) throws -> JSONValue {
        let profile = try Profile.profile(replicas: replicas)
        #expect(profile.extraObjects.count == 1)
        return try #require(profile.extraObjects.first)
    }

    static func env(_ job: JSONValue) throws -> [JSONValue] {
        try #require(job[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"]?.arrayValue)
    }

    static func members(replicas: Int32) throws -> String {
        let value = try env(job(replicas: replicas)).first { $0["name"] == "MEMBERS" }?["value"]?.stringValue
        return try #require(value)
    }

    @Test("Each target size names its own Job", arguments: [Int32(3), 5])
    func name(replicas: Int32) throws {
        let job = try Self.job(replicas: replicas)
        #expect(job["kind"] == "Job")
        #expect(job[path: ["metadata", "name"]] == .string("farm-mongodb-members-\(replicas)"))
        #expect(job[path: ["metadata", "namespace"]] == "prod")
        let hosts = (0..<replicas).map {
            "farm-mongodb-\($0).farm-mongodb-headless.prod.svc.cluster.local:27017"
        }
        #expect(try Self.members(replicas: replicas) == hosts.joined(separator: " "))
    }

    @Test("The Job runs once, never restarts in place, retries a few times and is not garbage-collected by TTL")
    func jobSpec() throws {
        let job = try Self.job(replicas: 3)
        let spec = try #require(job["spec"])
        #expect(spec["backoffLimit"] == 6)
        #expect(spec["activeDeadlineSeconds"] == 1800)
        #expect(spec["ttlSecondsAfterFinished"] == nil)
        #expect(spec[path: ["template", "spec", "restartPolicy"]] == "Never")
        #expect(spec[path: ["template", "spec", "securityContext", "runAsNonRoot"]] == true)
        let container = try #require(spec[path: ["template", "spec", "containers"]]?.arrayValue?.first)
        #expect(container["image"] == "mongo:7.0")
        #expect(container["command"]?.arrayValue?.prefix(4) == ["mongosh", "--nodb", "--quiet", "--eval"])
        #expect(container["command"]?.arrayValue?.last == .string(EngineProfile.mongoDBMembersScript))
    }

    @Test("Its pods are not selected as members by the Services or the PodDisruptionBudget")
    func labels() throws {
        let job = try Self.job(replicas: 3)
        let podLabels = try #require(job[path: ["spec", "template", "metadata", "labels"]]?.objectValue)
        #expect(podLabels[PlatformLabels.name] == "mongodb-members")
        #expect(podLabels[PlatformLabels.instance] == "farm")
        #expect(job[path: ["metadata", "labels", PlatformLabels.name]] == "mongodb-members")
    }

    @Test("Credentials come from the connection Secret by reference")
    func credentials() throws {
        let env = try Self.env(Self.job(replicas: 3))
        #expect(Profile.secretRef(env, "MONGO_USERNAME") == ["name": "farm-mongodb-connection", "key": "USERNAME"])
        #expect(Profile.secretRef(env, "MONGO_PASSWORD") == ["name": "farm-mongodb-connection", "key": "PASSWORD"])
        #expect(env.first { $0["name"] == "REPLICA_SET" }?["value"] == "mongodb")
        #expect(!EngineProfile.mongoDBMembersScript.contains("printjson"))
    }

    @Test("The script is valid JavaScript")
    func syntax() throws {
        try Self.requireNode()
        let file = FileManager.default.temporaryDirectory.appending(path: "members-\(UUID().uuidString).js")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(EngineProfile.mongoDBMembersScript.utf8).write(to: file)
        let result = try Self.node(["--check", file.path], environment: [:])
        #expect(result.status == 0, "\(result.output)")
    }

    /// A replica set scenario for the simulated `mongosh` (see ``harness``).
    struct Scenario: CustomTestStringConvertible, Sendable {
        var label: String
        /// Target size (the Job's N).
        var target: Int32
        /// Members in the current configuration (0 = not initiated).
        var configured: Int32
        /// Ordinal of the current primary.
        var primary: Int32 = 0
        /// Members that answer.
        var up: Int32
        var expectedStatus: Int32 = 0
        var testDescription: String { label }
    }

    static let scenarios: [Scenario] = [
        Scenario(label: "first start initiates all members", target: 3, configured: 0, up: 3),
        Scenario(label: "scale-up 3 → 5 adds one member per reconfig", target: 5, configured: 3, up: 5),
        Scenario(label: "scale-down 5 → 3 with member 4 primary", target: 3, configured: 5, primary: 4, up: 5),
        Scenario(label: "scale-down 5 → 3 with member 0 primary", target: 3, configured: 5, up: 5),
        Scenario(label: "nothing to do", target: 3, configured: 3, primary: 1, up: 3),
        Scenario(label: "a member never answers", target: 3, configured: 0, up: 2, expectedStatus: 1),
    ]

    @Test(
        "The script drives a simulated replica set to exactly N members, one voting change at a time",
        arguments: Self.scenarios
    )
    func simulation(scenario: Scenario) throws {
        try Self.requireNode()
        let all = try Self.members(replicas: 5).split(separator: " ").map(String.init)
        let want = try Self.members(replicas: scenario.target)
        let state: JSONValue = [
            "hosts": .array(all.prefix(Int(scenario.up)).map { .string($0) }),
            "config": scenario.configured == 0
                ? nil
                : [
                    "_id": "mongodb", "version": 1,
                    "members": .array(
                        all.prefix(Int(scenario.configured)).enumerated().map { index, host in
                            ["_id": .integer(Int64(index)), "host": .string(host), "priority": 1, "votes": 1]
                        }
                    ),
                ],
            "primary": scenario.configured == 0 ? nil : .string(all[Int(scenario.primary)]),
        ]
        let root = FileManager.default.temporaryDirectory.appending(path: "members-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Self.harness.utf8).write(to: root.appending(path: "harness.js"))
        try Data(EngineProfile.mongoDBMembersScript.utf8).write(to: root.appending(path: "members.js"))
        let result = try Self.node(
            [root.appending(path: "harness.js").path, root.appending(path: "members.js").path],
            environment: [
                "MEMBERS": want, "REPLICA_SET": "mongodb", "MONGO_USERNAME": "root",
                "MONGO_PASSWORD": "Pa55word", "SCENARIO": String(decoding: try state.serialized(), as: UTF8.self),
            ]
        )
        let outcome = try JSONDecoder().decode(JSONValue.self, from: Data(result.output.utf8))
        #expect(outcome["status"] == .integer(Int64(scenario.expectedStatus)), "\(result.output)")
        #expect(outcome["violation"] == .null, "\(result.output)")
        guard scenario.expectedStatus == 0 else {
            #expect(outcome["initiated"] == false)
            return
        }
        let hosts = outcome[path: ["config", "members"]]?.arrayValue?.compactMap { $0["host"]?.stringValue }
        #expect(hosts.map(Set.init) == Set(want.split(separator: " ").map(String.init)))
        let votingChanges = scenario.configured == 0 ? 0 : abs(Int64(scenario.target) - Int64(scenario.configured))
        #expect(outcome["votingChanges"] == .integer(votingChanges))
        let primary = try #require(outcome["primary"]?.stringValue)
        #expect(want.contains(primary))
        #expect(!result.output.contains("Pa55word"))
    }

    /// Node.js runs the script in place of mongosh (same JavaScript engine family); never skipped silently.
    static func requireNode() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/node"),
            "node not found at /usr/bin/node: run scripts/install-datastores (installs Debian's nodejs)"
        )
    }

    static func node(_ arguments: [String], environment: [String: String]) throws -> Profile.ShellRun.Result {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/node")
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// A stand-in for `mongosh --nodb`: globals `Mongo`, `print`, `sleep`, `quit` over a simulated replica set
    /// that enforces what real members enforce (authentication for replica set commands, reconfigs only on the
    /// primary, consecutive versions, at most one voting member added or removed, the primary kept, initiation
    /// only once with reachable members). It prints one JSON line: exit status, final config and primary, the
    /// number of voting changes, whether it initiated, and the first rule the script broke.
    static let harness = #"""
        const fs = require("fs");
        const state = JSON.parse(process.env.SCENARIO);
        let config = state.config;
        let primary = state.primary;
        let votingChanges = 0;
        let initiated = false;
        let violation = null;
        const output = [];
        class Quit { constructor(code) { this.code = code; } }
        function fail(message) { if (!violation) violation = message; throw new Error(message); }
        function voters(c) { return c.members.filter((m) => m.votes !== 0).map((m) => m.host); }
        function run(conn, cmd) {
          if (!state.hosts.includes(conn.host)) throw new Error("connection refused: " + conn.host);
          if (cmd.hello) {
            const member = config && config.members.some((m) => m.host === conn.host);
            return member
              ? { ok: 1, setName: config._id, primary: primary, isWritablePrimary: primary === conn.host }
              : { ok: 1, isreplicaset: true };
          }
          if (conn.user !== process.env.MONGO_USERNAME || conn.password !== process.env.MONGO_PASSWORD) {
            fail("unauthenticated " + Object.keys(cmd)[0]);
          }
          if (cmd.replSetInitiate) {
            if (config) fail("initiated twice");
            const members = cmd.replSetInitiate.members;
            if (members.some((m) => !state.hosts.includes(m.host))) fail("initiated with an unreachable member");
            if (members.some((m, i) => m._id !== i)) fail("member ids are not 0...N-1");
            config = { _id: cmd.replSetInitiate._id, version: 1, members: members };
            primary = conn.host;
            initiated = true;
            return { ok: 1 };
          }
          if (cmd.replSetGetConfig) {
            return { ok: 1, config: JSON.parse(JSON.stringify(config)), commitmentStatus: true };
          }
          if (cmd.replSetGetStatus) {
            const stateOf = (host) => (host === primary ? "PRIMARY" : "SECONDARY");
            const members = config.members.map((m) => ({ name: m.host, stateStr: stateOf(m.host) }));
            return { ok: 1, members: members };
          }
          if (conn.host !== primary) fail(Object.keys(cmd)[0] + " on a secondary");
          if (cmd.replSetReconfig) {
            const next = cmd.replSetReconfig;
            if (next.version !== config.version + 1) fail("version not incremented by one");
            const before = voters(config);
            const after = voters(next);
            const removed = before.filter((h) => !after.includes(h)).length;
            const changed = removed + after.filter((h) => !before.includes(h)).length;
            if (changed > 1) fail("more than one voting change in one reconfig");
            if (!next.members.some((m) => m.host === primary)) fail("removed the primary");
            votingChanges += changed;
            config = next;
            return { ok: 1 };
          }
          if (cmd.replSetStepDown) {
            const electable = config.members.find((m) => m.host !== primary && m.priority !== 0);
            primary = electable.host;
            return { ok: 1 };
          }
          fail("unexpected command " + JSON.stringify(cmd));
        }
        globalThis.print = (message) => output.push(String(message));
        globalThis.sleep = () => {};
        globalThis.quit = (code) => { throw new Quit(code); };
        globalThis.Mongo = class {
          constructor(uri) {
            const m = /^mongodb:\/\/(?:([^:@]+):([^@]+)@)?([^/]+)\//.exec(uri);
            if (!m) fail("bad URI");
            this.user = m[1];
            this.password = m[2];
            this.host = m[3];
          }
          close() {}
          getDB() { return { runCommand: (cmd) => run(this, cmd) }; }
        };
        let status = 0;
        try {
          (0, eval)(fs.readFileSync(process.argv[2], "utf8"));
        } catch (e) {
          if (e instanceof Quit) status = e.code; else { status = 1; output.push("uncaught: " + e.message); }
        }
        console.log(JSON.stringify({ status, config, primary, votingChanges, initiated, violation, output }));
        """#
}
