import Foundation
import KubeCore

extension ObjectStore {
    /// Installs (or with `nil` removes) the observer called with every recorded event.
    func setEventObserver(_ observer: (@Sendable (StoredEvent) -> Void)?) {
        eventObserver = observer
    }

    /// Runs `body` inside the store's isolation, so a simulation step reads and writes atomically.
    func perform<T: Sendable>(_ body: @Sendable (isolated ObjectStore) -> T) -> T {
        body(self)
    }

    /// The stored object for a key, or `nil`.
    func stored(_ key: WorkloadKey) -> JSONValue? {
        objects[key.resource]?[key.storageKey]?.object
    }

    /// Every stored object of a resource, unordered.
    func storedObjects(of resource: GroupResource) -> [JSONValue] {
        (objects[resource] ?? [:]).values.map(\.object)
    }
}
