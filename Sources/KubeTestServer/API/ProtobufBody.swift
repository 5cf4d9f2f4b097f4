import Foundation
import KubeCore

/// Decodes the protobuf request bodies that kubectl's generators send (`kubectl create namespace`, `create
/// configmap`, `create secret`, `create serviceaccount`) into JSON.
///
/// Only those kinds and the common `ObjectMeta` fields (name, generateName, namespace, labels, annotations,
/// finalizers) are understood; any other protobuf body is answered with 415 UnsupportedMediaType. Responses are
/// always JSON, which clients accept because they list `application/json` as a fallback.
enum ProtobufBody {
    /// One field of a message in wire format.
    enum Value {
        case varint(UInt64)
        case bytes([UInt8])
        case fixed
    }

    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    static func unsupported() -> APIError {
        APIError(
            status: Status(
                message: "the body of the request was in an unknown format - accepted media types include: "
                    + "application/json, application/yaml",
                reason: "UnsupportedMediaType",
                code: 415
            )
        )
    }

    /// The JSON form of a `k8s\0`-prefixed protobuf body.
    static func decode(_ data: Data) throws(APIError) -> JSONValue {
        let bytes = [UInt8](data)
        guard bytes.starts(with: magic), let envelope = fields(Array(bytes.dropFirst(4))) else { throw unsupported() }
        var apiVersion = ""
        var kind = ""
        var raw: [UInt8] = []
        for (number, value) in envelope {
            guard case .bytes(let payload) = value else { continue }
            if number == 1, let typeMeta = fields(payload) {
                for (inner, value) in typeMeta {
                    guard case .bytes(let text) = value else { continue }
                    if inner == 1 { apiVersion = string(text) }
                    if inner == 2 { kind = string(text) }
                }
            }
            if number == 2 { raw = payload }
        }
        guard apiVersion == "v1", let message = fields(raw) else { throw unsupported() }
        var object: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind)]
        for (number, value) in message {
            guard case .bytes(let payload) = value else {
                if case .varint(let flag) = value,
                    (kind == "ConfigMap" && number == 4) || (kind == "Secret" && number == 5)
                {
                    object["immutable"] = .bool(flag != 0)
                }
                continue
            }
            switch (kind, number) {
            case (_, 1): object["metadata"] = try objectMeta(payload)
            case ("Namespace", 2):
                let finalizers = (fields(payload) ?? []).compactMap { field -> JSONValue? in
                    guard field.0 == 1, case .bytes(let text) = field.1 else { return nil }
                    return .string(string(text))
                }
                object["spec"] = ["finalizers": .array(finalizers)]
            case ("ConfigMap", 2), ("Secret", 4):
                let (key, text) = try mapEntry(payload)
                object[path: [kind == "ConfigMap" ? "data" : "stringData", key]] = .string(string(text))
            case ("ConfigMap", 3), ("Secret", 2):
                let (key, blob) = try mapEntry(payload)
                object[path: [kind == "ConfigMap" ? "binaryData" : "data", key]] = .string(
                    Data(blob).base64EncodedString()
                )
            case ("Secret", 3): object["type"] = .string(string(payload))
            case ("ServiceAccount", _), ("Namespace", _): continue
            default: throw unsupported()
            }
        }
        guard ["Namespace", "ConfigMap", "Secret", "ServiceAccount"].contains(kind) else { throw unsupported() }
        return object
    }

    private static func objectMeta(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        guard let message = fields(bytes) else { throw unsupported() }
        var meta: JSONValue = [:]
        var finalizers: [JSONValue] = []
        for (number, value) in message {
            guard case .bytes(let payload) = value else { continue }
            switch number {
            case 1: meta["name"] = .string(string(payload))
            case 2: meta["generateName"] = .string(string(payload))
            case 3: meta["namespace"] = .string(string(payload))
            case 11, 12:
                let (key, text) = try mapEntry(payload)
                meta[path: [number == 11 ? "labels" : "annotations", key]] = .string(string(text))
            case 14: finalizers.append(.string(string(payload)))
            default: continue
            }
        }
        if !finalizers.isEmpty { meta["finalizers"] = .array(finalizers) }
        return meta
    }

    private static func mapEntry(_ bytes: [UInt8]) throws(APIError) -> (String, [UInt8]) {
        guard let entry = fields(bytes) else { throw unsupported() }
        var key = ""
        var value: [UInt8] = []
        for (number, field) in entry {
            guard case .bytes(let payload) = field else { continue }
            if number == 1 { key = string(payload) }
            if number == 2 { value = payload }
        }
        return (key, value)
    }

    private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Splits a message into its fields, or `nil` when the bytes are not valid wire format.
    static func fields(_ bytes: [UInt8]) -> [(Int, Value)]? {
        var result: [(Int, Value)] = []
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint() else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint() else { return nil }
                result.append((number, .varint(value)))
            case 1:
                guard index + 8 <= bytes.count else { return nil }
                index += 8
                result.append((number, .fixed))
            case 2:
                guard let length = varint(), index + Int(length) <= bytes.count else { return nil }
                result.append((number, .bytes(Array(bytes[index..<index + Int(length)]))))
                index += Int(length)
            case 5:
                guard index + 4 <= bytes.count else { return nil }
                index += 4
                result.append((number, .fixed))
            default: return nil
            }
        }
        return result
    }
}
