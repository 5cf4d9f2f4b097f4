import AgriPlatformRender
import KubeCore

/// A service pod as the operator caches it: identity, the labels that place it, readiness and its containers'
/// restart counts and waiting reasons — what the release state machine judges a revision by, and nothing else.
///
/// The operator watches every service pod, five or more per platform. Cached as a typed ``KubeCore/Pod``, even
/// stripped of everything but these fields, each pod kept the whole struct's inline storage (1 185 bytes, most of it
/// an empty `PodSpec`) plus an array of 473-byte container statuses (`MemoryLayout` sizes; docs/benchmarks.md has
/// what the change saved at 1 000 platforms). It decodes from a pod's JSON — metadata from the parsed members, of
/// the status only the fields it keeps, the spec not at all — and encodes as a pod carrying only what it kept.
struct ServicePod: KubernetesObject, JSONValueDecodable, Hashable {
    /// One container's status, as kept.
    struct Container: Hashable {
        var name: String
        var restartCount: Int32
        /// Why the container is waiting (`CrashLoopBackOff`, `ImagePullBackOff`, …), when it is.
        var waitingReason: String?
    }

    /// The labels kept: the service, the platform and the release revision.
    static let keptLabels = [PlatformLabels.name, PlatformLabels.instance, ReleaseLabels.revision]

    static var resource: ResourceDescriptor { Pod.resource }

    var apiVersion: String?
    var kind: String?
    /// Name, namespace, uid, resourceVersion, creation and deletion times, and ``keptLabels``.
    var metadata: ObjectMeta
    /// The `Ready` condition's status, when the pod has one.
    var readyStatus: String?
    /// When the `Ready` condition last changed.
    var readyChangedAt: Time?
    var containers: [Container]

    /// Keeps what the operator reads of `pod`.
    init(_ pod: Pod) {
        apiVersion = pod.apiVersion
        kind = pod.kind
        metadata = Self.slim(pod.metadata)
        let ready = pod.status?.conditions?.first { $0.type == "Ready" }
        readyStatus = ready?.status
        readyChangedAt = ready?.lastTransitionTime
        containers = (pod.status?.containerStatuses ?? []).map { status in
            Container(
                name: status.name,
                restartCount: status.restartCount ?? 0,
                waitingReason: status.state?.waiting?.reason
            )
        }
    }

    /// Reads a pod's JSON: metadata from the parsed members, of the status only what it keeps.
    ///
    /// The fields read are checked as `PodStatus`'s `Decodable` form would check them, with the coding path of the
    /// field: a member of the wrong type (or an item that is not an object, or a count beyond `Int32`) throws
    /// `DecodingError.typeMismatch`, a container status without `name`, a condition before the `Ready` one without
    /// `type` and the `Ready` condition without `status` throw `DecodingError.keyNotFound` (also for a `null` one,
    /// where `Decodable` says `valueNotFound`). The rest of the status is not read, so a malformed field there — a
    /// condition after `Ready`, the pod's phase — no longer fails the pod: decoding all of it through `Decodable` was
    /// a twentieth of a restarted operator's CPU at 1 000 platforms, for fields the operator never reads.
    init(json: JSONValue) throws {
        apiVersion = json["apiVersion"]?.stringValue
        kind = json["kind"]?.stringValue
        metadata = Self.slim(try json["metadata"].map(ObjectMeta.init(json:)) ?? ObjectMeta())
        let status = try StatusReader(json["status"], path: ["status"])
        readyStatus = nil
        readyChangedAt = nil
        for condition in try status?.objects("conditions") ?? [] where try condition.required("type") == "Ready" {
            readyStatus = try condition.required("status")
            readyChangedAt = try condition.time("lastTransitionTime")
            break
        }
        containers = try (status?.objects("containerStatuses") ?? []).map { status in
            Container(
                name: try status.required("name"),
                restartCount: try status.int32("restartCount") ?? 0,
                waitingReason: try status.object("state")?.object("waiting")?.string("reason")
            )
        }
    }

    /// The same as ``init(json:)``: reads the JSON, not a whole `Pod` (whose spec could fail to decode).
    init(from decoder: any Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
    }

    /// The pod this summary keeps, e.g. for a test's fake cache.
    var pod: Pod {
        var status = PodStatus()
        status.conditions = readyStatus.map {
            [PodCondition(type: "Ready", status: $0, lastTransitionTime: readyChangedAt)]
        }
        status.containerStatuses =
            containers.isEmpty
            ? nil
            : containers.map { container in
                ContainerStatus(
                    name: container.name,
                    state: container.waitingReason.map { ContainerState(waiting: ContainerStateWaiting(reason: $0)) },
                    restartCount: container.restartCount
                )
            }
        var pod = Pod(metadata: metadata, status: status)
        pod.apiVersion = apiVersion
        pod.kind = kind
        return pod
    }

    private static func slim(_ full: ObjectMeta) -> ObjectMeta {
        var metadata = ObjectMeta(name: full.name, namespace: full.namespace)
        metadata.uid = full.uid
        metadata.resourceVersion = full.resourceVersion
        metadata.creationTimestamp = full.creationTimestamp
        metadata.deletionTimestamp = full.deletionTimestamp
        metadata.labels = full.labels?.filter { keptLabels.contains($0.key) }
        return metadata
    }
}

/// Reads members of one object of a pod's status with the rules of a synthesized `Decodable`: absent or `null` is
/// `nil`, a wrong type throws `typeMismatch`, a missing required member `keyNotFound`, each with its coding path.
private struct StatusReader {
    private let members: JSONObject
    private let path: [String]

    /// Reads `json` at `path`; `nil` when it is absent or `null`.
    init?(_ json: JSONValue?, path: [String]) throws {
        guard let json, !json.isNull else { return nil }
        guard let members = json.objectValue else { throw Self.mismatch([String: JSONValue].self, json, path) }
        self.members = members
        self.path = path
    }

    func string(_ key: String) throws -> String? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw Self.mismatch(String.self, value, path + [key]) }
        return string
    }

    func required(_ key: String) throws -> String {
        guard let string = try string(key) else {
            throw DecodingError.keyNotFound(
                Key(key),
                .init(codingPath: path.map(Key.init), debugDescription: "no value for \"\(key)\"")
            )
        }
        return string
    }

    func int32(_ key: String) throws -> Int32? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let number = value.integerValue.flatMap(Int32.init(exactly:)) else {
            throw Self.mismatch(Int32.self, value, path + [key])
        }
        return number
    }

    func time(_ key: String) throws -> Time? {
        guard let text = try string(key) else { return nil }
        guard let date = Time.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: (path + [key]).map(Key.init), debugDescription: "not an RFC 3339 time: \(text)")
            )
        }
        return Time(date)
    }

    func object(_ key: String) throws -> StatusReader? {
        try StatusReader(members[key], path: path + [key])
    }

    /// The objects of the list `key`; empty when it is absent or `null`.
    func objects(_ key: String) throws -> [StatusReader] {
        guard let value = members[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Self.mismatch([JSONValue].self, value, path + [key]) }
        return try items.enumerated().map { index, item in
            guard let reader = try StatusReader(item, path: path + [key, String(index)]) else {
                throw Self.mismatch([String: JSONValue].self, item, path + [key, String(index)])
            }
            return reader
        }
    }

    private static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [String]) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path.map(Key.init), debugDescription: "found \(value.typeName)"))
    }

    /// A coding key of the error paths: a member name, or a list position written as a number.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { Int(stringValue) }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { stringValue = String(intValue) }
    }
}
