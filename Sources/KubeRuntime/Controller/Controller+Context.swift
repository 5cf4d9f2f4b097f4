public import KubeClient
public import KubeCore
public import Logging

extension Controller {
    /// What a reconcile may use besides its request: the caches, the client and a logger.
    ///
    /// Read from the caches, never from the API server; write through ``client``, then call ``recordWrite(_:)``
    /// with what the server returned so the next reconcile of that object waits for the cache to catch up
    /// (read-your-writes, see ``Store``).
    public struct Context: Sendable {
        /// The controller's name.
        public let controller: String
        /// The cache of the primary kind.
        public let store: Store<Primary>
        /// The API client.
        public let client: KubeClient
        /// A logger carrying `controller`, `namespace`, `name` and `reconcileID` metadata.
        public let logger: Logger
        /// A unique id of this reconcile (a UUID string), also in ``logger``'s metadata.
        public let reconcileID: String

        let stores: [ObjectIdentifier: any Sendable]

        /// The cache of an owned or watched kind; the primary cache for the primary kind unless the controller
        /// also owns or watches that kind (then the owned or watched cache, which the label selector does not
        /// filter); `nil` if the controller does not watch `type`.
        public func store<Object: KubernetesObject>(for type: Object.Type) -> Store<Object>? {
            if let other = stores[ObjectIdentifier(type)] as? Store<Object> { return other }
            return store as? Store<Object>
        }

        /// Records our own successful write in the caches of its kind (the primary cache and an owned or watched
        /// cache of that kind), so later reconciles never read an older state of that object. Pass the object the
        /// API server returned.
        public func recordWrite<Object: KubernetesObject>(_ written: Object) {
            (stores[ObjectIdentifier(Object.self)] as? Store<Object>)?.recordWrite(written)
            (store as? Store<Object>)?.recordWrite(written)
        }
    }
}
