import Foundation
import KubeCore

/// The opaque `continue` token of a paged list: the list's resourceVersion and the last key returned.
package struct ContinueToken: Sendable, Hashable {
    package var resourceVersion: Int
    /// The storage key (`namespace/name`) of the last item of the previous page.
    package var lastKey: String

    package init(resourceVersion: Int, lastKey: String) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    /// Base64url of a small JSON document, like the real server's tokens (clients must treat it as opaque).
    package var encoded: String {
        let json: JSONValue = [
            "v": "meta.k8s.io/v1", "rv": .integer(Int64(resourceVersion)), "start": .string(lastKey),
        ]
        let data = (try? json.serialized()) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token; `nil` when it is malformed.
    package init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let json = try? JSONValue(parsing: data),
            let revision = json["rv"]?.integerValue, let start = json["start"]?.stringValue
        else { return nil }
        self.init(resourceVersion: Int(revision), lastKey: start)
    }
}
