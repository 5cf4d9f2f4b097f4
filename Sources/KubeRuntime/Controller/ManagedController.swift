/// A controller as a ``ControllerManager`` runs it: caches always, workers only while leading.
///
/// ``Controller`` conforms; the protocol lets one manager run controllers of different primary kinds.
public protocol ManagedController: Sendable {
    /// The controller's name.
    var name: String { get }
    /// Whether every watched kind has been listed once.
    var cachesSynced: Bool { get }
    /// Returns once every watched kind has been listed once, or when the calling task is cancelled.
    func waitUntilCachesSynced() async
    /// Runs the watchers until graceful shutdown or cancellation.
    func runCaches() async throws
    /// Runs the workers until graceful shutdown (drain) or cancellation; drops requests while `isLeading` is false.
    func runWorkers(while isLeading: @escaping @Sendable () -> Bool) async
}
