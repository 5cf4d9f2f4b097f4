public import AgriPlatformAPI
public import KubeCore

/// The Secrets the operator generates for an operated datastore, once: the connection Secret services read and the
/// credentials Secret only the members read.
///
/// The renderer stays pure: it never puts generated values among its desired objects (a server-side apply of new
/// random values would rotate them on every reconcile). Instead ``secrets(for:using:)`` builds the Secrets from a
/// caller's random number generator; the reconciler creates each one that is missing with a plain create (never an
/// update), so values are made once and never rotated by accident. Tests pass a seeded generator.
///
/// Values are made of `[A-Za-z0-9]` (passwords, 32 characters, ~190 bits) or base64 bytes (keys a system defines
/// by length, such as Consul's 32-byte gossip key), so a password never needs escaping in a URI.
///
/// Ownership follows the data: with `storage.reclaimPolicy: Retain` (the default) the Secrets have no owner
/// reference and outlive the platform, like the volumes whose data they unlock; with `Delete` they are owned and
/// go with it.
public enum GeneratedSecrets {
    /// The platform's Secrets to create, by name: for each operated datastore its connection Secret and, where the
    /// engine has member-only keys, its credentials Secret. Empty for external datastores.
    public static func secrets(
        for platform: AgriPlatform,
        using generator: inout some RandomNumberGenerator
    ) throws(RenderError) -> [DynamicObject] {
        let scope = try PlatformScope(platform: platform, context: RenderContext())
        var secrets: [DynamicObject] = []
        for datastore in platform.spec.datastores ?? [] where datastore.external == nil {
            let identity = DatastoreIdentity(scope: scope, datastore: datastore)
            guard let profile = EngineProfile.profile(for: identity) else { continue }
            secrets.append(
                secret(
                    identity,
                    name: identity.connectionSecretName,
                    data: connectionData(profile.connection, host: identity.clientHost, &generator)
                )
            )
            if !profile.memberSecrets.isEmpty {
                var data: [String: String] = [:]
                for key in profile.memberSecrets { data[key.key] = value(key.recipe, &generator) }
                secrets.append(secret(identity, name: identity.credentialsSecretName, data: data))
            }
        }
        return secrets
    }

    /// The names of the Secrets ``secrets(for:using:)`` would create, by datastore name, without generating
    /// anything.
    public static func secretNames(for platform: AgriPlatform) -> [String: [String]] {
        guard let scope = try? PlatformScope(platform: platform, context: RenderContext()) else { return [:] }
        var names: [String: [String]] = [:]
        for datastore in platform.spec.datastores ?? [] where datastore.external == nil {
            let identity = DatastoreIdentity(scope: scope, datastore: datastore)
            guard let profile = EngineProfile.profile(for: identity) else { continue }
            var secrets = [identity.connectionSecretName]
            if !profile.memberSecrets.isEmpty { secrets.append(identity.credentialsSecretName) }
            names[datastore.name] = secrets
        }
        return names
    }

    /// The connection keys: `HOST` (the client Service), `PORT`, and as the engine has them `USERNAME`, `PASSWORD`,
    /// `DATABASE`, then `URI`.
    static func connectionData(
        _ template: ConnectionTemplate,
        host: String,
        _ generator: inout some RandomNumberGenerator
    ) -> [String: String] {
        var data = ["HOST": host, "PORT": String(template.port)]
        var uri = template.uriTemplate
        if let username = template.username {
            data["USERNAME"] = username
            uri = uri.replacing("$(USERNAME)", with: username)
        }
        if template.hasPassword {
            let password = value(.alphanumeric(length: passwordLength), &generator)
            data["PASSWORD"] = password
            uri = uri.replacing("$(PASSWORD)", with: password)
        }
        if let database = template.database { data["DATABASE"] = database }
        data["URI"] = uri
        return data
    }

    /// Characters in a generated password.
    static let passwordLength = 32

    static func value(_ recipe: GeneratedKey.Recipe, _ generator: inout some RandomNumberGenerator) -> String {
        switch recipe {
        case .alphanumeric(let length):
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length)
            for _ in 0..<length {
                bytes.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
            }
            return String(decoding: bytes, as: UTF8.self)
        case .base64(let count):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            for _ in 0..<count { bytes.append(UInt8.random(in: .min ... .max, using: &generator)) }
            return base64(bytes)
        }
    }

    /// Standard base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = UInt32(bytes[index])
            let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = first << 16 | second << 8 | third
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            output.append(remaining > 1 ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func secret(_ identity: DatastoreIdentity, name: String, data: [String: String]) -> DynamicObject {
        let scope = identity.scope
        let retained = (identity.datastore.storage?.reclaimPolicy ?? Defaults.Datastore.reclaimPolicy) != "Delete"
        var metadata = scope.metadata(name: name, labels: identity.labelsJSON)
        if retained { metadata["ownerReferences"] = nil }
        let object = scope.object(apiVersion: "v1", kind: "Secret", metadata: metadata, spec: nil)
        var json = object
        json["type"] = "Opaque"
        json["stringData"] = .strings(data)
        return DynamicObject(json: json)
    }
}
