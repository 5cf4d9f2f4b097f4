import Synchronization

/// A one-waiter wake-up flag: ``signal()`` wakes the waiter, or the next ``wait()`` if nobody waits yet.
///
/// Lets a background loop (e.g. ``WorkQueue/run()``) sleep until either its next deadline or a change that moves the
/// deadline, without missing a signal sent between its decision to sleep and the start of the sleep. The mutex
/// protects the pending flag and the waiter's continuation.
package final class WakeSignal: Sendable {
    private struct State {
        var isPending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    package init() {}

    /// Wakes the waiter, or makes the next ``wait()`` return at once.
    package func signal() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.isPending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns once signalled (consuming the signal) or when the task is cancelled. One waiter at a time.
    package func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.isPending || Task.isCancelled {
                        state.isPending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
