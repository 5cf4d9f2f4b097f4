import Foundation
import KubeClient
import KubeCore
import KubeTestServer

/// `KubeBenchmarks runtime-server <objects>`: the API server side of the memory benchmark, in a process of its own
/// so that the benchmark process holds only the client and its cache.
///
/// It starts a ``KubeTestServer``, server-side applies `<objects>` realistic ConfigMaps through its own client (so
/// they carry `managedFields`), prints one JSON line with the connection details, then obeys commands on standard
/// input: `update <count> <round>` server-side applies an annotation and a data key to the first `<count>` objects
/// as a second field manager and prints `updated <seconds>`; `exit` stops the server.
enum RuntimeServer {
    /// What the benchmark process needs to connect.
    struct Connection: Codable {
        var url: String
        var caCertificatePEM: String
        var token: String?
        var seedSeconds: Double
    }

    static let namespaceCount = 10
    static let writers = 8
    /// The annotation each update round sets.
    static let roundAnnotation = "bench.agri.dev/round"

    static func name(_ index: Int) -> String { String(format: "settings-%05d", index) }
    static func namespace(_ index: Int) -> String { "bench-\(index % namespaceCount)" }

    static func run(objects: Int) async throws {
        var configuration = KubeTestServer.Configuration()
        configuration.watchHistoryLimit = 50_000
        let server = try await KubeTestServer.start(configuration)
        let client = try KubeClient(
            server: URL(string: server.url)!,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        let start = ContinuousClock.now
        var owners: [String: OwnerReference] = [:]
        for index in 0..<namespaceCount {
            let namespace = namespace(index)
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
            // The owner is a Secret so that the ConfigMap watch does not see it.
            let owner = try await client.create(
                Secret(metadata: ObjectMeta(name: "settings-owner", namespace: namespace))
            )
            owners[namespace] = OwnerReference(
                apiVersion: "v1",
                kind: "Secret",
                name: "settings-owner",
                uid: owner.metadata.uid ?? "",
                controller: true,
                blockOwnerDeletion: true
            )
        }
        let ownerReferences = owners
        try await inParallel(count: objects) { index in
            _ = try await client.apply(
                configMap(index, owner: ownerReferences[namespace(index)]!),
                fieldManager: "bench-seeder"
            )
        }
        let connection = Connection(
            url: server.url,
            caCertificatePEM: server.caCertificatePEM,
            token: server.configuration.bearerToken,
            seedSeconds: (ContinuousClock.now - start).seconds
        )
        let line = String(decoding: try JSONEncoder().encode(connection), as: UTF8.self)
        KubeBenchmarks.emit(line)

        while let command = await StandardInput.readLine() {
            let words = command.split(separator: " ").map(String.init)
            if words.first == "update", words.count == 3, let count = Int(words[1]) {
                let round = words[2]
                let updateStart = ContinuousClock.now
                try await inParallel(count: count) { index in
                    let update = ConfigMap(
                        metadata: ObjectMeta(
                            name: name(index),
                            namespace: namespace(index),
                            annotations: [roundAnnotation: round]
                        ),
                        data: ["revision": round]
                    )
                    _ = try await client.apply(update, fieldManager: "bench-updater")
                }
                KubeBenchmarks.emit("updated \((ContinuousClock.now - updateStart).seconds)")
            } else {
                break
            }
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    /// A ConfigMap as an operator would create it: three labels, a controller ownerReference and about 1 KiB of data.
    static func configMap(_ index: Int, owner: OwnerReference) -> ConfigMap {
        let lines = (0..<16).map { line in
            "setting-\(line): value-\(index)-\(line)-" + String(repeating: "abcdef0123456789", count: 3)
        }
        return ConfigMap(
            metadata: ObjectMeta(
                name: name(index),
                namespace: namespace(index),
                labels: [
                    "app.kubernetes.io/name": "settings",
                    "app.kubernetes.io/instance": "settings-\(index)",
                    "app.kubernetes.io/managed-by": "bench",
                ],
                ownerReferences: [owner]
            ),
            data: ["config.yaml": lines.joined(separator: "\n"), "mode": "production"]
        )
    }

    /// Runs `body(index)` for `0..<count` on `writers` concurrent tasks.
    static func inParallel(
        count: Int,
        writers: Int = writers,
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<writers {
                group.addTask {
                    for index in stride(from: worker, to: count, by: writers) { try await body(index) }
                }
            }
            try await group.waitForAll()
        }
    }
}
