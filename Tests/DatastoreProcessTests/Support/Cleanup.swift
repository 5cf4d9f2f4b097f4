import Foundation

/// Servers and folders a test started or made, stopped and removed when the test ends, whether it passed, failed
/// or threw.
actor Cleanup {
    private var servers: [(ServerProcess, Int32)] = []
    private var folders: [URL] = []

    func track(_ server: ServerProcess, stopSignal: Int32) { servers.append((server, stopSignal)) }
    func track(_ folder: URL) { folders.append(folder) }

    func run() async {
        for (server, signal) in servers.reversed() {
            await timed("stop pid \(server.process.processIdentifier)") { await server.stop(signal: signal) }
        }
        servers = []
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders = []
    }
}

/// Runs `body` with a ``Cleanup`` that runs afterwards in every case.
func withCleanup<T>(_ body: (Cleanup) async throws -> T) async throws -> T {
    let cleanup = Cleanup()
    do {
        let result = try await body(cleanup)
        await cleanup.run()
        return result
    } catch {
        await cleanup.run()
        throw error
    }
}
