import Foundation
package import KubeCore

/// The form a client asked the response in, negotiated from its `Accept` header as the API server's
/// `negotiation.NegotiateOutputMediaType` does for `as=`/`g=`/`v=` parameters.
///
/// Media ranges are tried in order (quality values are not weighed). A range without `as`, `g` and `v` asks for the
/// object itself; this server answers every such range with JSON (also protobuf ones, which clients list with a JSON
/// fallback). A range with them is acceptable only for `g=meta.k8s.io`, `v=v1` or `v1beta1` and `as=Table`,
/// `PartialObjectMetadata` or `PartialObjectMetadataList`; otherwise the next range is tried, and when none is
/// acceptable the request fails with `406 Not Acceptable`, as on a real server. See
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables>.
package enum ResponseRepresentation: Sendable, Hashable {
    /// The object (or list) itself.
    case object
    /// A `meta.k8s.io` Table, as `kubectl get` asks for.
    case table
    /// `PartialObjectMetadata` of the given `meta.k8s.io` version (for a get or a watch).
    case partialObjectMetadata(version: String)
    /// `PartialObjectMetadataList` of the given `meta.k8s.io` version (for a list).
    case partialObjectMetadataList(version: String)

    /// Negotiates the representation of an `Accept` header; `nil` or empty asks for the object.
    /// - Throws: ``APIError`` 406 NotAcceptable when no media range is acceptable.
    package init(accept: String?) throws(APIError) {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else {
            self = .object
            return
        }
        for range in accept.split(separator: ",") {
            if let representation = Self.representation(of: range) {
                self = representation
                return
            }
        }
        throw APIError.notAcceptable(
            "only the following media types are accepted: application/json, application/yaml, "
                + "application/vnd.kubernetes.protobuf"
        )
    }

    /// The representation one media range asks for, or `nil` when it is not acceptable.
    private static func representation(of range: Substring) -> ResponseRepresentation? {
        var parameters: [String: String] = [:]
        for parameter in range.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            parameters[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let kind = parameters["as"]
        let group = parameters["g"]
        let version = parameters["v"]
        if kind == nil, group == nil, version == nil { return .object }
        guard let kind, group == "meta.k8s.io", let version, ["v1", "v1beta1"].contains(version) else { return nil }
        switch kind {
        case "Table": return .table
        case "PartialObjectMetadata": return .partialObjectMetadata(version: version)
        case "PartialObjectMetadataList": return .partialObjectMetadataList(version: version)
        default: return nil
        }
    }

    /// An object reduced to its metadata, as `meta.AsPartialObjectMetadata` does: `apiVersion`
    /// `meta.k8s.io/<version>`, kind `PartialObjectMetadata` and `metadata`, nothing else.
    package static func partialObjectMetadata(of object: JSONValue, version: String) -> JSONValue {
        [
            "apiVersion": .string("meta.k8s.io/\(version)"),
            "kind": "PartialObjectMetadata",
            "metadata": object["metadata"] ?? [:],
        ]
    }
}
