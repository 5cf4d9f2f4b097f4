package import Foundation
package import KubeCore
import Synchronization

/// A stored object and its JSON text, serialized once on first use and then shared by every watch event and list
/// page that sends the object as stored.
///
/// The API server's watch cache does the same for events (`cachingObject` serializes an event once for all its
/// watchers); here the text also serves lists, because a list is the other place a server spends its time writing
/// JSON — an operator restarting over thousands of objects lists them all, and on a benchmark's shared cores that
/// serialization would be charged to the operator's start-up. The bytes are exactly ``KubeCore/JSONValue/serialized()``'s.
///
/// Each write of an object makes a new `SerializedObject`, so the text can never be stale: a reader holding an older
/// one holds the older object too.
package final class SerializedObject: Sendable {
    /// The object as stored.
    package let object: JSONValue
    private let text = Mutex<Data?>(nil)

    package init(_ object: JSONValue) {
        self.object = object
    }

    /// The object's compact JSON with sorted keys; written by the first caller, read by the rest.
    package var serialized: Data {
        text.withLock { text in
            if let text { return text }
            // Only a NaN or infinite number fails, which JSON text cannot hold; one built in Swift (`seed`) is
            // written as `{}`, as `APIServer.json` writes a body it cannot serialize.
            let written = (try? object.serialized()) ?? Data("{}".utf8)
            text = written
            return written
        }
    }
}
