import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import TestSupport
import Testing

/// Generated AgriPlatforms over the whole schema, valid and invalid, fed through `validate()` and the renderer.
///
/// The starting points are the repository's examples (services with rollouts, canaries, blue-green, autoscaling,
/// ingress, migrations; PostgreSQL, MongoDB, Redis, RabbitMQ, Consul, external datastores; observability; network
/// policy) and a platform that sets the settings the examples leave out (S3 backups, security settings, `envFrom`,
/// service-account token, pull secrets). Each input applies up to six edits to one of them: an optional subtree
/// removed, a settings block added, an element duplicated (duplicate names), a leaf replaced by a tricky or random
/// value, an enormous string or list. Edits that break decoding stand for documents the CRD schema rejects and are
/// counted apart.
///
/// The size is `AGRI_FUZZ_ITERATIONS` (default 1 000), the seed `AGRI_FUZZ_SEED` (printed with every failure).
enum SchemaFuzz {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_000
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_A6F1
    }

    /// The examples and a platform with the settings they do not use, as JSON.
    static let bases: [JSONValue] = {
        var bases = ((try? ExampleLoader.names()) ?? []).compactMap { name in
            (try? ExampleLoader.platform(name)).flatMap { try? JSONValue(encoding: $0) }
        }
        var service = PlatformService(name: "api", image: "ghcr.io/example/api:1")
        service.security = SecuritySettings(runAsUser: 1000, fsGroup: 2000, readOnlyRootFilesystem: false)
        service.envFrom = [EnvSource(secret: "api-env", prefix: "APP_"), EnvSource(configMap: "api-config")]
        service.env = [EnvVariable(name: "TOKEN", secret: KeyReference(name: "api-token", key: "token"))]
        service.migration = MigrationJob(command: ["sh", "-c", "migrate && echo done; rm -rf /"])
        var db = Datastore(name: "db", engine: .postgreSQL)
        var backup = BackupSpec(schedule: "0 3 * * *", window: "03:00-04:00", retentionDays: 7)
        var s3 = S3BackupTarget(bucket: "backups")
        s3.secretName = "s3-credentials"
        s3.prefix = "p/$(rm -rf /)"
        backup.s3 = s3
        db.backup = backup
        var spec = AgriPlatformSpec(services: [service], datastores: [db])
        spec.imagePullSecrets = ["registry"]
        spec.serviceAccount = PlatformServiceAccount(automountToken: true)
        spec.networkPolicy = PlatformNetworkPolicy(enabled: true, ingressNamespaces: ["ingress-nginx"])
        let extra = AgriPlatform(metadata: ObjectMeta(name: "extras", namespace: "ns", uid: "u1"), spec: spec)
        if let json = try? JSONValue(encoding: extra) { bases.append(json) }
        return bases
    }()

    static let tricky: [JSONValue] = [
        "", " ", "-", "A", "0", "-1", "100%", "101%", "0.5 vCPU", "1e400", "9999999999999999999Gi", "24:00-01:00",
        "*/0 * * * *", "@daily", "a\nb", "$(rm -rf /)", "; rm -rf / #", "`id`", "a|b&&c>d", "é", "../../etc/passwd",
        "UPPER_case", "-leading", "trailing-", "a..b", "ghcr.io/x/y@sha256:zz", "image:tag:tag", "http://p:9090",
        .string(String(repeating: "x", count: 64)), .string(String(repeating: "a", count: 254)),
        .integer(0), .integer(-1), .integer(Int64(Int32.max)), .integer(Int64(Int32.max) + 1), .integer(.max),
        .number(0.5), .number(1e300), .bool(true), .null, [:], [],
    ]

    /// Settings blocks the edits add, at paths relative to `spec`.
    static let additions: [([String], JSONValue)] = [
        (["suspend"], true),
        (["commonLabels"], ["team": "x", "Bad Key!": "v"]),
        (["imagePullSecrets"], ["a", "a"]),
        (["networkPolicy"], ["enabled": false]),
        (["serviceAccount"], ["automountToken": true, "name": "custom"]),
        (["observability"], ["metrics": ["enabled": true]]),
    ]

    enum Step: Hashable { case key(String), index(Int) }

    static func paths(_ value: JSONValue, prefix: [Step] = [], leavesOnly: Bool) -> [[Step]] {
        switch value {
        case .object(let members):
            let inner = members.keys.sorted().flatMap {
                paths(members[$0]!, prefix: prefix + [.key($0)], leavesOnly: leavesOnly)
            }
            return leavesOnly || prefix.isEmpty ? inner : [prefix] + inner
        case .array(let elements):
            let inner = elements.indices.flatMap {
                paths(elements[$0], prefix: prefix + [.index($0)], leavesOnly: leavesOnly)
            }
            return leavesOnly ? inner : [prefix] + inner
        default:
            return [prefix]
        }
    }

    /// `value` with the value at `path` replaced (`replacement` nil removes it; `duplicate` repeats a list element).
    static func edit(
        _ value: JSONValue,
        at path: ArraySlice<Step>,
        to replacement: JSONValue?,
        duplicate: Bool = false
    ) -> JSONValue {
        guard let step = path.first else { return replacement ?? .null }
        switch (value, step) {
        case (.object(var members), .key(let key)):
            if path.count == 1, replacement == nil, !duplicate {
                members[key] = nil
            } else if let member = members[key] {
                members[key] = edit(member, at: path.dropFirst(), to: replacement, duplicate: duplicate)
            } else if path.count == 1 {
                members[key] = replacement
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if path.count == 1, duplicate {
                elements.insert(elements[index], at: index)
            } else if path.count == 1, replacement == nil {
                elements.remove(at: index)
            } else {
                elements[index] = edit(elements[index], at: path.dropFirst(), to: replacement, duplicate: duplicate)
            }
            return .array(elements)
        default:
            return value
        }
    }

    /// One generated input: its JSON, and the platform when it decodes.
    static func next(_ random: inout SeededGenerator) -> (JSONValue, AgriPlatform?) {
        var json = bases[Int.random(in: 0..<bases.count, using: &random)]
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            switch Int.random(in: 0..<7, using: &random) {
            case 0, 1:  // remove an optional subtree (required ones make the spec invalid or undecodable)
                let all = paths(json[path: ["spec"]] ?? .null, leavesOnly: false)
                guard let path = all.randomElement(using: &random) else { continue }
                json = edit(json, at: ([.key("spec")] + path)[...], to: nil)
            case 2:  // add a settings block
                let (path, value) = additions.randomElement(using: &random)!
                json = edit(json, at: ([.key("spec")] + path.map { .key($0) })[...], to: value)
            case 3:  // duplicate a list element: duplicate names, ports, hosts
                let lists = paths(json, leavesOnly: false).filter {
                    if case .index = $0.last { return true } else { return false }
                }
                guard let path = lists.randomElement(using: &random) else { continue }
                json = edit(json, at: path[...], to: nil, duplicate: true)
            case 4, 5:  // a tricky value at a leaf
                guard let path = paths(json, leavesOnly: true).randomElement(using: &random) else { continue }
                json = edit(json, at: path[...], to: tricky.randomElement(using: &random)!)
            default:  // an enormous string or list
                guard let path = paths(json, leavesOnly: true).randomElement(using: &random) else { continue }
                let huge: JSONValue =
                    Bool.random(using: &random)
                    ? .string(String(repeating: "z", count: 100_000))
                    : .array(Array(repeating: "x", count: 5_000))
                json = edit(json, at: path[...], to: huge)
            }
        }
        return (json, try? json.decode(as: AgriPlatform.self))
    }

    /// Where a workload keeps its pod spec.
    static func podSpec(of object: DynamicObject) -> JSONValue? {
        switch object.kind {
        case "Deployment", "StatefulSet", "Job": object.json[path: ["spec", "template", "spec"]]
        case "CronJob": object.json[path: ["spec", "jobTemplate", "spec", "template", "spec"]]
        default: nil
        }
    }

    /// The secure defaults every rendered pod template must have; the result names each one missing.
    ///
    /// A service account token is mounted only where asked (`spec.serviceAccount.automountToken`) or where a
    /// datastore engine talks to the API server for peer discovery (RabbitMQ's `rabbit_peer_discovery_k8s`), or an
    /// S3 backup without `secretName` gets its credentials by workload identity.
    static func secureDefaultViolations(_ objects: [DynamicObject], _ platform: AgriPlatform) -> [String] {
        var violations: [String] = []
        let tokenAsked = platform.spec.serviceAccount?.automountToken == true
        for object in objects {
            guard let pod = podSpec(of: object) else { continue }
            let name = "\(object.kind ?? "?") \(object.name ?? "?")"
            let podSecurity = pod["securityContext"]
            let containers =
                (pod["containers"]?.arrayValue ?? []) + (pod["initContainers"]?.arrayValue ?? [])
            func everyContainer(_ path: [String], is expected: JSONValue) -> Bool {
                containers.allSatisfy { $0[path: ["securityContext"] + path] == expected }
            }
            if podSecurity?["runAsNonRoot"] != .bool(true), !everyContainer(["runAsNonRoot"], is: true) {
                violations.append("\(name): runAsNonRoot not set")
            }
            if podSecurity?[path: ["seccompProfile", "type"]] != "RuntimeDefault",
                !everyContainer(["seccompProfile", "type"], is: "RuntimeDefault")
            {
                violations.append("\(name): seccomp RuntimeDefault not set")
            }
            // Datastore engines that discover peers through the API, and S3 backups using workload identity.
            let usesAPI = ["StatefulSet", "CronJob"].contains(object.kind ?? "") && pod["serviceAccountName"] != nil
            if pod["automountServiceAccountToken"] != .bool(false), !tokenAsked, !usesAPI {
                violations.append("\(name): service account token mounted unasked")
            }
            for container in containers {
                let containerName = "\(name) container \(container["name"]?.stringValue ?? "?")"
                if container[path: ["securityContext", "allowPrivilegeEscalation"]] != .bool(false) {
                    violations.append("\(containerName): allowPrivilegeEscalation not false")
                }
                let drops = container[path: ["securityContext", "capabilities", "drop"]]?.arrayValue ?? []
                if !drops.contains("ALL") { violations.append("\(containerName): capabilities not dropped") }
            }
        }
        for service in platform.spec.services {
            let deployment = objects.first {
                $0.kind == "Deployment" && $0.name == "\(platform.metadata.name ?? "")-\(service.name)"
            }
            let wanted = JSONValue.bool(service.security?.readOnlyRootFilesystem ?? true)
            for container in deployment.flatMap(podSpec)?["containers"]?.arrayValue ?? []
            where container[path: ["securityContext", "readOnlyRootFilesystem"]] != wanted {
                violations.append("Deployment of \(service.name): readOnlyRootFilesystem is not \(wanted)")
            }
        }
        return violations
    }
}

@Suite("Fuzzing validation and rendering over the whole schema")
struct SchemaFuzzTests {
    @Test(
        "Generated specs never trap; every finding has a path and a message; every valid spec renders securely"
    )
    func generatedSpecs() async {
        let seed = SchemaFuzz.seed
        var random = SeededGenerator(seed: seed)
        let renderer = PlatformRenderer(
            context: RenderContext(verticalPodAutoscalerAvailable: true, prometheusOperatorAvailable: true)
        )
        var counts = (tried: 0, undecodable: 0, invalid: 0, valid: 0)
        var failures: Set<String> = []
        for iteration in 0..<SchemaFuzz.iterations {
            if iteration % 20 == 0 { await Task.yield() }
            let (json, decoded) = SchemaFuzz.next(&random)
            counts.tried += 1
            guard let platform = decoded else {
                counts.undecodable += 1
                continue
            }
            let errors = platform.validate()
            for error in errors {
                if !(error.path.hasPrefix("spec") || error.path.hasPrefix("metadata"))
                    || error.description.count <= error.path.count + 2
                {
                    failures.insert("finding without a path or message: \(error)")
                }
            }
            do {
                let objects = try renderer.render(platform)
                if errors.isEmpty {
                    for violation in SchemaFuzz.secureDefaultViolations(objects, platform) {
                        failures.insert(violation)
                    }
                }
            } catch {
                if errors.isEmpty {
                    let text = String(decoding: (try? json.serialized()) ?? Data(), as: UTF8.self)
                    failures.insert(
                        "a valid spec did not render: \(error) (iteration \(iteration)) \(text.prefix(3000))"
                    )
                }
                if error.path.isEmpty || error.message.isEmpty {
                    failures.insert("render error without path: \(error)")
                }
            }
            if errors.isEmpty { counts.valid += 1 } else { counts.invalid += 1 }
        }
        print(
            "schema fuzz: seed \(seed), \(counts.tried) tried, \(counts.valid) valid, \(counts.invalid) invalid, "
                + "\(counts.undecodable) undecodable, \(failures.count) distinct failures"
        )
        for failure in failures.sorted() { print("schema fuzz failure (seed \(seed)): \(failure.prefix(300))") }
        #expect(failures.isEmpty, "seed \(seed): \(failures.sorted().prefix(10).joined(separator: "\n"))")
        #expect(counts.valid > 0 && counts.invalid > 0, "the generator should produce both (seed \(seed))")
    }
}
