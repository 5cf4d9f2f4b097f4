import Foundation
import KubeCore

/// Stand-in until KubeCore's digest lands in this branch.
struct AppliedFieldsDigest: Hashable, Sendable {
    var value: String
    init(desired: JSONValue) {
        value = (try? String(decoding: desired.serialized(), as: UTF8.self)) ?? ""
    }
}
