import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// Generated credentials, drawn from the system's CSPRNG as the operator draws them (`SystemRandomNumberGenerator`,
/// `getrandom(2)` on Linux; PlanExecutor.createSecrets): long enough, from the documented alphabets, never repeated.
@Suite("Generated credentials")
struct GeneratedCredentialTests {
    static var platform: AgriPlatform {
        let engines: [DatastoreEngine] = [.postgreSQL, .redis, .mongoDB, .rabbitMQ, .consul]
        let datastores = engines.enumerated().map { Datastore(name: "store\($0.offset)", engine: $0.element) }
        return AgriPlatform(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: AgriPlatformSpec(services: [PlatformService(name: "api", image: "app:1")], datastores: datastores)
        )
    }

    /// Every generated value by `secret/key`, except the connection's host, port, user and database names.
    static func generated() throws -> [String: String] {
        var generator = SystemRandomNumberGenerator()
        var values: [String: String] = [:]
        for secret in try GeneratedSecrets.secrets(for: platform, using: &generator) {
            for (key, value) in secret.json["stringData"]?.objectValue ?? [:]
            where !["HOST", "PORT", "USERNAME", "DATABASE", "URI"].contains(key) {
                values["\(secret.name ?? "")/\(key)"] = value.stringValue
            }
        }
        return values
    }

    @Test("Every password has at least 32 characters from 62 (190 bits); keys have at least 190 bits too")
    func lengthAndAlphabet() throws {
        let values = try Self.generated()
        let passwords = values.filter { $0.key.hasSuffix("/PASSWORD") }
        #expect(passwords.count >= 4)
        let alphanumerics = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for (name, value) in values {
            if name.hasSuffix("/PASSWORD") || name.lowercased().contains("cookie") {
                #expect(value.count >= 32, "\(name)")
                #expect(value.allSatisfy(alphanumerics.contains), "\(name)")
                #expect(Double(value.count) * log2(62) >= 190, "\(name)")
            } else {
                // base64 keys (MongoDB keyfile, Consul gossip key): at least 32 random bytes.
                let bytes = try #require(Data(base64Encoded: value), "\(name) is not base64")
                #expect(bytes.count >= 32, "\(name)")
            }
        }
    }

    @Test("Two generations share no value")
    func neverRepeated() throws {
        let first = try Self.generated()
        let second = try Self.generated()
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, value) in first { #expect(second[name] != value, "\(name) repeated") }
    }
}
