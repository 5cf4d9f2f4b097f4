import Foundation
import Synchronization

/// Injects failures into a running ``KubeTestServer`` so tests can exercise retries, relists and reconnects.
///
/// ```swift
/// server.faults.inject(.tooManyRequests(retryAfterSeconds: 1), count: 2, verb: "list", resource: "pods")
/// await server.faults.dropAllWatches()
/// ```
public final class FaultInjector: Sendable {
    /// What a matching request receives instead of its normal answer.
    public enum Fault: Sendable, Hashable {
        /// 429 TooManyRequests with a `Retry-After` header and `details.retryAfterSeconds`.
        case tooManyRequests(retryAfterSeconds: Int)
        /// 500 InternalError.
        case internalError
        /// 503 ServiceUnavailable.
        case serviceUnavailable
        /// 504 Timeout.
        case timeout
        /// The request is served normally after this delay.
        case latency(Duration)
        /// 409 Conflict ("the object has been modified"), as a write racing another writer receives.
        case conflict
    }

    struct Rule {
        var fault: Fault
        var remaining: Int
        var verb: String?
        var resource: String?
        var name: String?
        var userAgentPrefix: String?
    }

    struct State {
        var rules: [Rule] = []
        var expiredWatches = 0
        var stalled = false
        var partitioned: Set<String> = []
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())
    private let store: ObjectStore

    init(store: ObjectStore) { self.store = store }

    /// Answers the next `count` requests that match every given filter with `fault`.
    ///
    /// - Parameters:
    ///   - fault: The failure (or delay) to inject.
    ///   - count: How many matching requests are affected.
    ///   - verb: A Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`,
    ///     `deletecollection`), or `nil` for any.
    ///   - resource: A plural resource name such as `deployments`, or `nil` for any.
    ///   - name: An object name, or `nil` for any.
    ///   - userAgentPrefix: Only requests whose `User-Agent` starts with this (one client), or `nil` for any.
    public func inject(
        _ fault: Fault,
        count: Int = 1,
        verb: String? = nil,
        resource: String? = nil,
        name: String? = nil,
        userAgentPrefix: String? = nil
    ) {
        let rule = Rule(
            fault: fault,
            remaining: count,
            verb: verb,
            resource: resource,
            name: name,
            userAgentPrefix: userAgentPrefix
        )
        state.withLock { $0.rules.append(rule) }
    }

    /// Cuts the clients whose `User-Agent` starts with `userAgentPrefix` off the server until
    /// ``heal(userAgentPrefix:)``: each of their requests is answered 503 ServiceUnavailable at once, as if it never
    /// arrived, and every open watch is closed (all clients re-watch; the cut-off ones cannot).
    ///
    /// A model of a network partition between one client and the API server: the other clients are unaffected.
    /// Unlike a real partition, a request is refused rather than left hanging until the client's timeout.
    public func partition(userAgentPrefix: String) async {
        state.withLock { _ = $0.partitioned.insert(userAgentPrefix) }
        await store.dropAllWatches()
    }

    /// Ends a ``partition(userAgentPrefix:)``.
    public func heal(userAgentPrefix: String) {
        state.withLock { _ = $0.partitioned.remove(userAgentPrefix) }
    }

    /// Whether requests carrying `userAgent` are cut off by a ``partition(userAgentPrefix:)``.
    func isPartitioned(userAgent: String?) -> Bool {
        guard let userAgent else { return false }
        return state.withLock { state in state.partitioned.contains { userAgent.hasPrefix($0) } }
    }

    /// Removes every pending injected fault and partition, and resumes stalled watches.
    public func clear() {
        state.withLock { state in
            state.rules.removeAll()
            state.partitioned.removeAll()
        }
        resumeWatches()
    }

    /// Closes every open watch stream; clients see the response end and must re-watch.
    public func dropAllWatches() async {
        await store.dropAllWatches()
    }

    /// Keeps watch connections open but sends nothing (no events, no bookmarks) until ``resumeWatches()``.
    ///
    /// Events produced meanwhile are buffered and sent on resume (a watch whose buffer overflows is closed).
    public func stallWatches() {
        state.withLock { $0.stalled = true }
    }

    /// Resumes stalled watches.
    public func resumeWatches() {
        let waiters = state.withLock { state in
            state.stalled = false
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Makes the next `count` watch requests fail with an ERROR event carrying 410 Expired.
    public func expireNextWatch(count: Int = 1) {
        state.withLock { $0.expiredWatches += count }
    }

    /// Forgets the event history up to now, so watches from any older resourceVersion get 410 Expired.
    public func compactHistory() async {
        await store.compactHistory()
    }

    /// Consumes and returns the first fault matching a request.
    func fault(verb: String, resource: String?, name: String?, userAgent: String? = nil) -> Fault? {
        state.withLock { state in
            guard
                let index = state.rules.firstIndex(where: { rule in
                    (rule.verb == nil || rule.verb == verb) && (rule.resource == nil || rule.resource == resource)
                        && (rule.name == nil || rule.name == name)
                        && (rule.userAgentPrefix == nil || userAgent?.hasPrefix(rule.userAgentPrefix ?? "") == true)
                })
            else { return nil }
            let fault = state.rules[index].fault
            state.rules[index].remaining -= 1
            if state.rules[index].remaining <= 0 { state.rules.remove(at: index) }
            return fault
        }
    }

    /// Consumes one forced expiry of a watch.
    func consumeExpiredWatch() -> Bool {
        state.withLock { state in
            guard state.expiredWatches > 0 else { return false }
            state.expiredWatches -= 1
            return true
        }
    }

    /// Returns at once unless watches are stalled; otherwise waits for ``resumeWatches()`` or cancellation.
    func waitWhileStalled() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard state.stalled, !Task.isCancelled else { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
