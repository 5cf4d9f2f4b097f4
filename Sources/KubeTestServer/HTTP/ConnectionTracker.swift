import Foundation
import NIOCore
import Synchronization

/// The server's open connections and in-flight request tasks, so that shutdown can close the former and wait for the
/// latter before it stops the event loop.
///
/// Without it a request task finishing after the event loop stopped would try to write or close on a dead loop,
/// which SwiftNIO reports (and will later trap on).
final class ConnectionTracker: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var tasks: [UUID: Task<Void, Never>] = [:]
        var isShuttingDown = false
    }

    private let state = Mutex(State())

    /// Remembers a connection until it closes; a connection accepted during shutdown is closed at once.
    func connectionOpened(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let accepted = state.withLock { state -> Bool in
            guard !state.isShuttingDown else { return false }
            state.channels[id] = channel
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLock { _ = $0.channels.removeValue(forKey: id) }
        }
    }

    /// Starts `operation` as a tracked task; the task is forgotten when it ends.
    func run(_ operation: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let id = UUID()
        // The task is created under the lock, so its own removal (which takes the lock) cannot run before the
        // insertion, even if it finishes at once.
        return state.withLock { state in
            let task = Task {
                await operation()
                self.state.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
            state.tasks[id] = task
            return task
        }
    }

    /// Closes every connection, cancels and awaits every request task.
    func closeAll() async {
        let (channels, tasks) = state.withLock { state in
            state.isShuttingDown = true
            return (Array(state.channels.values), Array(state.tasks.values))
        }
        for channel in channels {
            try? await channel.close()
        }
        for task in tasks {
            task.cancel()
            await task.value
        }
    }
}
