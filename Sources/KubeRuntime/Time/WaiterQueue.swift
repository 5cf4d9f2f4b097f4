import OrderedCollections
import Synchronization

/// Suspended callers waiting for a value, resumed in arrival order by their owner or with `nil` when cancelled.
///
/// Actors cannot touch their state from a task-cancellation handler, which runs synchronously on whatever thread
/// cancels. The continuations therefore live here, behind a `Mutex`, so the owner (e.g. ``WorkQueue``) can resume
/// the first waiter from its isolated code and the cancellation handler can resume a waiter with `nil` from anywhere.
/// The mutex protects the whole `State`; continuations are resumed after the lock is released.
package final class WaiterQueue<Value: Sendable>: Sendable {
    private enum Entry {
        case waiting(CheckedContinuation<Value?, Never>)
        /// The task was cancelled before its continuation was registered.
        case cancelled
    }

    private struct State {
        var nextID: UInt64 = 0
        var entries: OrderedDictionary<UInt64, Entry> = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Whether some caller is waiting.
    package var hasWaiters: Bool {
        state.withLock { state in
            state.entries.values.contains { if case .waiting = $0 { true } else { false } }
        }
    }

    /// Suspends the caller until ``resumeFirst(_:)`` or ``resumeAll(_:)`` hands it a value; returns `nil` when the
    /// task is cancelled.
    ///
    /// The caller checks whether it needs to wait and then calls this without a suspension point in between, so no
    /// value handed out meanwhile can be missed: registration happens synchronously in the caller's isolation.
    /// Callers outside an actor pass `ready` instead: it is evaluated under this queue's lock, right before
    /// registering, and a non-`nil` result is returned at once. Whoever makes `ready` true must do so before calling
    /// ``resumeAll(_:)``, and must not hold a lock that `ready` takes while calling into this queue.
    package func wait(
        isolation: isolated (any Actor)? = #isolation,
        ready: () -> Value? = { nil }
    ) async -> Value? {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let value = await withTaskCancellationHandler {
            await withCheckedContinuation(isolation: isolation) { (continuation: CheckedContinuation<Value?, Never>) in
                let immediate: Value?? = state.withLock { state in
                    if case .cancelled = state.entries[id] {
                        state.entries[id] = nil
                        return .some(nil)
                    }
                    if let value = ready() { return .some(value) }
                    state.entries[id] = .waiting(continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Value?, Never>? = state.withLock { state in
                switch state.entries[id] {
                case .waiting(let continuation):
                    state.entries[id] = nil
                    return continuation
                case .cancelled:
                    return nil
                case nil:
                    // Either not registered yet, or already resumed; the cleanup below removes the marker then.
                    state.entries[id] = .cancelled
                    return nil
                }
            }
            continuation?.resume(returning: nil)
        }
        // Once the handler is gone no marker can appear any more: drop one left by a cancellation after a resume.
        state.withLock { state in
            if case .cancelled = state.entries[id] { state.entries[id] = nil }
        }
        return value
    }

    /// Resumes the longest-waiting caller with the value `make()` returns; `make` runs only if there is a waiter.
    /// - Returns: Whether a waiter was resumed.
    @discardableResult
    package func resumeFirst(_ make: () -> Value) -> Bool {
        let continuation: CheckedContinuation<Value?, Never>? = state.withLock { state in
            guard
                let index = state.entries.values.firstIndex(where: { if case .waiting = $0 { true } else { false } })
            else { return nil }
            guard case .waiting(let continuation) = state.entries.remove(at: index).value else { return nil }
            return continuation
        }
        guard let continuation else { return false }
        continuation.resume(returning: make())
        return true
    }

    /// Resumes every waiting caller with `value` (`nil` tells them to give up).
    package func resumeAll(_ value: Value?) {
        let continuations: [CheckedContinuation<Value?, Never>] = state.withLock { state in
            var waiting: [CheckedContinuation<Value?, Never>] = []
            for (id, entry) in state.entries {
                if case .waiting(let continuation) = entry {
                    waiting.append(continuation)
                    state.entries[id] = nil
                }
            }
            return waiting
        }
        for continuation in continuations { continuation.resume(returning: value) }
    }
}
