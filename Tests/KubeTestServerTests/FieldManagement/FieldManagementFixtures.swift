import Foundation
import KubeCore

@testable import KubeTestServer

/// Builders shared by the field-management tests.
enum Fixtures {
    static let t0 = Time(Date(timeIntervalSince1970: 1_800_000_000))
    static let t1 = Time(Date(timeIntervalSince1970: 1_800_000_100))
    static let t2 = Time(Date(timeIntervalSince1970: 1_800_000_200))

    static func container(_ name: String, image: String, env: [String: String] = [:]) -> JSONValue {
        var container: JSONValue = ["name": .string(name), "image": .string(image)]
        if !env.isEmpty {
            container["env"] = .array(
                env.keys.sorted().map { ["name": .string($0), "value": .string(env[$0] ?? "")] }
            )
        }
        return container
    }

    /// A Deployment `web` with the given parts; `nil` parts are left out.
    static func deployment(
        labels: [String: String]? = nil,
        replicas: Int64? = nil,
        containers: [JSONValue]? = nil
    ) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "namespace": "default"],
        ]
        if let labels { object[path: ["metadata", "labels"]] = .object(JSONObject(strings: labels)) }
        if let replicas { object[path: ["spec", "replicas"]] = .integer(replicas) }
        if let containers { object[path: ["spec", "template", "spec", "containers"]] = .array(containers) }
        return object
    }

    static func apply(
        _ config: JSONValue,
        to live: JSONValue?,
        manager: String,
        force: Bool = false,
        now: Time = t0
    ) throws(ApplyConflict) -> JSONValue {
        try FieldManager.apply(
            live: live,
            config: config,
            manager: manager,
            apiVersion: "apps/v1",
            subresource: nil,
            force: force,
            schema: .builtIn,
            now: now
        )
    }

    static func update(
        _ new: JSONValue,
        from old: JSONValue?,
        manager: String,
        subresource: String? = nil,
        now: Time = t0
    ) -> JSONValue {
        FieldManager.update(
            old: old,
            new: new,
            manager: manager,
            apiVersion: "apps/v1",
            subresource: subresource,
            schema: .builtIn,
            now: now
        )
    }

    /// The managedFields entry of `manager` with `operation`, if any.
    static func entry(_ object: JSONValue, manager: String, operation: String = "Apply") -> JSONValue? {
        object[path: ["metadata", "managedFields"]]?.arrayValue?.first {
            $0["manager"]?.stringValue == manager && $0["operation"]?.stringValue == operation
        }
    }

    /// The printed paths `manager` owns, sorted.
    static func owned(_ object: JSONValue, manager: String, operation: String = "Apply") -> [String] {
        guard let fields = entry(object, manager: manager, operation: operation)?["fieldsV1"] else { return [] }
        return FieldSet(fieldsV1: fields).sortedPaths.map(\.printed)
    }

    static func containerNames(_ object: JSONValue) -> [String] {
        (object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []).compactMap {
            $0["name"]?.stringValue
        }
    }
}
