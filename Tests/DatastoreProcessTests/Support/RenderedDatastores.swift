import AgriPlatformAPI
import Foundation
import KubeCore
import TestSupport

@testable import AgriPlatformRender

/// The profiles under test, rendered exactly as the operator renders them for one platform (`farm` in namespace
/// `prod`) with a PostgreSQL 15 + PostGIS datastore `db` (two members) and a Redis datastore `cache` (two members),
/// plus the Secret values the operator would generate for it (from a seeded generator).
struct RenderedDatastores {
    let platform: AgriPlatform
    let postgres: DatastoreIdentity
    let redis: DatastoreIdentity
    /// Secret name → key → value, as `GeneratedSecrets` makes them.
    let secrets: [String: [String: String]]

    init() throws {
        var db = Datastore(name: "db", engine: .postgreSQL)
        db.version = "15"  // Debian bookworm's server
        db.replicas = 2
        db.postgres = PostgresSettings(postGIS: true, database: "farmers_module", extensions: ["pg_trgm", "uuid-ossp"])
        var cache = Datastore(name: "cache", engine: .redis)
        cache.replicas = 2
        platform = AgriPlatform(
            metadata: ObjectMeta(name: "farm", namespace: "prod"),
            spec: AgriPlatformSpec(
                services: [PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")],
                datastores: [db, cache]
            )
        )
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        postgres = DatastoreIdentity(scope: scope, datastore: db)
        redis = DatastoreIdentity(scope: scope, datastore: cache)
        var generator = SeededGenerator(seed: 20_261_127)
        var secrets: [String: [String: String]] = [:]
        for secret in try GeneratedSecrets.secrets(for: platform, using: &generator) {
            let data = secret.json["stringData"]?.objectValue ?? [:]
            secrets[secret.json[path: ["metadata", "name"]]?.stringValue ?? ""] = data.compactMapValues(\.stringValue)
        }
        self.secrets = secrets
    }

    func profile(_ identity: DatastoreIdentity) throws -> EngineProfile {
        guard let profile = EngineProfile.profile(for: identity) else {
            throw ProcessTestError("no profile for \(identity.datastore.engine.rawValue)")
        }
        return profile
    }

    /// The connection Secret's value of `key`.
    func connection(_ identity: DatastoreIdentity, _ key: String) throws -> String {
        guard let value = secrets[identity.connectionSecretName]?[key] else {
            throw ProcessTestError("no \(key) in \(identity.connectionSecretName)")
        }
        return value
    }

    /// A container's `env` entries as the kubelet resolves them: plain values, `secretKeyRef`s from the generated
    /// Secrets, and `fieldRef: metadata.name` as `podName`. Fails on anything else.
    func resolve(_ entries: [JSONValue], podName: String) throws -> [String: String] {
        var environment: [String: String] = [:]
        for entry in entries {
            guard let name = entry["name"]?.stringValue else { throw ProcessTestError("env entry without name") }
            if let value = entry["value"]?.stringValue {
                environment[name] = value
            } else if let reference = entry[path: ["valueFrom", "secretKeyRef"]],
                let secret = reference["name"]?.stringValue, let key = reference["key"]?.stringValue,
                let value = secrets[secret]?[key]
            {
                environment[name] = value
            } else if entry[path: ["valueFrom", "fieldRef", "fieldPath"]]?.stringValue == "metadata.name" {
                environment[name] = podName
            } else {
                throw ProcessTestError("cannot resolve env entry \(entry)")
            }
        }
        return environment
    }
}

/// Temporary folders and the server binaries the tests need.
enum TestEnvironment {
    /// PostgreSQL 15's programs (Debian keeps them out of `PATH`).
    static let postgresBin = "/usr/lib/postgresql/15/bin"
    /// A `PATH` with PostgreSQL's programs first, as the image has them.
    static let path = "\(postgresBin):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Fails, naming the install script, when a binary is missing: the tests never skip.
    static func requireBinaries(_ names: [String]) throws {
        let missing = names.filter { ProcessRunner.which($0, path: path) == nil }
        if !missing.isEmpty {
            throw ProcessTestError(
                "missing \(missing.joined(separator: ", ")): run scripts/install-datastores (as root) first"
            )
        }
        if names.contains("postgres"),
            !FileManager.default.fileExists(atPath: "/usr/share/postgresql/15/extension/postgis.control")
        {
            throw ProcessTestError("PostGIS for PostgreSQL 15 is missing: run scripts/install-datastores first")
        }
    }

    /// A fresh temporary folder, owned by `owner` when given (PostgreSQL refuses to run as root).
    static func temporaryFolder(_ label: String, owner: String? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("agri-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let owner { try chown(url.path, to: owner) }
        return url
    }

    static func chown(_ path: String, to owner: String) throws {
        guard let entry = getpwnam(owner) else { throw ProcessTestError("no user \(owner)") }
        guard Glibc.chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw ProcessTestError("chown \(path) failed: \(errno)")
        }
    }

    /// Writes `files` into `folder`, readable by everyone.
    static func write(_ files: [String: String], into folder: URL) throws {
        for (name, contents) in files {
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}

extension String {
    /// `self` with `target` replaced, failing when `target` is absent, so a rewrite can never silently miss.
    func rewriting(_ target: String, with replacement: String) throws -> String {
        guard contains(target) else { throw ProcessTestError("rewrite target \"\(target)\" not found in:\n\(self)") }
        return replacing(target, with: replacement)
    }
}
