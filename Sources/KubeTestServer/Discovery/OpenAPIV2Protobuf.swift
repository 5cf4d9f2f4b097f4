/// The protobuf form of `/openapi/v2`, which kubectl's discovery client requests
/// (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`) and decodes as a gnostic
/// `openapi_v2.Document`.
///
/// Checked with kubectl v1.33 against these documents: create, apply (client- and server-side), edit and explain
/// read only `/openapi/v3`, but client-side `kubectl apply` of an existing built-in object downloads `/openapi/v2`
/// (protobuf only) and retries a failed download several times before it falls back. What it reads from the document
/// matters little: a kind missing from v2 makes kubectl use the merge metadata compiled into it (the patch it sent
/// carried `$setElementOrder/containers`), and client-side validation is skipped because the v3 documents advertise
/// server-side field validation. So this encodes only `swagger` and `info`, the fields gnostic's `Document` needs;
/// definitions and paths are in ``OpenAPIDocuments/v2Document(resources:)`` as JSON.
/// Message layout: <https://github.com/google/gnostic/blob/main/openapiv2/OpenAPIv2.proto>.
enum OpenAPIV2Protobuf {
    /// The content type the real server answers with.
    static let contentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    /// `Document { swagger = 1; info = 2 { title = 1; version = 2 } }`.
    static func document(title: String, version: String) -> [UInt8] {
        let info = field(1, string: title) + field(2, string: version)
        return field(1, string: "2.0") + field(2, bytes: info)
    }

    private static func field(_ number: UInt64, string: String) -> [UInt8] {
        field(number, bytes: Array(string.utf8))
    }

    /// A length-delimited field (wire type 2).
    private static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var remaining = value
        var encoded: [UInt8] = []
        while remaining >= 0x80 {
            encoded.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        encoded.append(UInt8(remaining))
        return encoded
    }
}
