package import Foundation
package import KubeCore

/// The pure rules the registry strategies apply to every write: identity fields kept from the stored object,
/// `metadata.generation`, and what the main endpoint and the `status` subresource may change.
package enum ObjectRules {
    /// Whether the kind tracks `metadata.generation` (kinds with a spec/status split and custom resources).
    package static func tracksGeneration(_ type: ResourceType) -> Bool {
        type.isCustom || (type.hasStatus && type.groupResource != .namespaces)
    }

    /// The object with everything except `metadata` and `status` (when status is a subresource): the part whose
    /// changes bump `metadata.generation`.
    package static func specPart(of object: JSONValue, statusIsSubresource: Bool) -> JSONValue {
        var members = object.objectValue ?? [:]
        members["metadata"] = nil
        members["apiVersion"] = nil
        members["kind"] = nil
        if statusIsSubresource { members["status"] = nil }
        return .object(members)
    }

    /// The object to store on create: identity fields set, status reset where status is a subresource.
    package static func prepareCreate(
        _ type: ResourceType,
        object: JSONValue,
        uid: String,
        now: Date
    ) -> JSONValue {
        var object = object
        object["apiVersion"] = .string(type.apiVersion)
        object["kind"] = .string(type.kind)
        object[path: ["metadata", "uid"]] = .string(uid)
        object[path: ["metadata", "creationTimestamp"]] = .string(Time(now).description)
        object[path: ["metadata", "deletionTimestamp"]] = nil
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = nil
        object[path: ["metadata", "selfLink"]] = nil
        if tracksGeneration(type) {
            object[path: ["metadata", "generation"]] = 1
        } else {
            object[path: ["metadata", "generation"]] = nil
        }
        if type.groupResource == .namespaces {
            object["status"] = ["phase": "Active"]
            object[path: ["spec", "finalizers"]] = ["kubernetes"]
        } else if type.hasStatus, type.groupResource != .customResourceDefinitions,
            type.groupResource != GroupResource(group: "", resource: "pods")
        {
            object["status"] = nil
        }
        return object
    }

    /// The object to store on update of the main endpoint (`subresource == nil`) or of `status`.
    ///
    /// Identity fields (`uid`, `creationTimestamp`, `deletionTimestamp`, `generation`) always come from `old`.
    /// The main endpoint keeps `old.status` for kinds with a status subresource; `status` keeps everything but
    /// `status` and `managedFields` from `old`. `generation` is bumped when the spec part changed.
    package static func prepareUpdate(
        _ type: ResourceType,
        old: JSONValue,
        new: JSONValue,
        subresource: String?
    ) -> JSONValue {
        var result: JSONValue
        if subresource == "status" {
            // Everything but `status` comes from `old` — except managedFields: the field manager recorded who owns
            // the status fields written here (a `subresource: status` entry), and without that record a later
            // apply by the same manager could not remove a field it stopped setting.
            result = old
            result["status"] = new["status"]
            result[path: ["metadata", "managedFields"]] = new[path: ["metadata", "managedFields"]]
        } else {
            result = new
            if type.hasStatus { result["status"] = old["status"] }
        }
        result["apiVersion"] = old["apiVersion"]
        result["kind"] = old["kind"]
        for field in [
            "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "name", "namespace",
        ] {
            result[path: ["metadata", field]] = old[path: ["metadata", field]]
        }
        // A pending deletion may drop finalizers but not add new ones (the real server forbids it).
        let oldGeneration = old[path: ["metadata", "generation"]]?.integerValue ?? 1
        if tracksGeneration(type) {
            let changed =
                specPart(of: old, statusIsSubresource: type.hasStatus)
                != specPart(of: result, statusIsSubresource: type.hasStatus)
            result[path: ["metadata", "generation"]] = .integer(changed ? oldGeneration + 1 : oldGeneration)
        } else {
            result[path: ["metadata", "generation"]] = nil
        }
        return result
    }

    /// Whether two stored versions are the same apart from `resourceVersion` and `managedFields` timestamps:
    /// such an update is a no-op and does not get a new resourceVersion.
    package static func isNoOp(old: JSONValue, new: JSONValue) -> Bool {
        var lhs = old
        var rhs = new
        lhs[path: ["metadata", "resourceVersion"]] = nil
        rhs[path: ["metadata", "resourceVersion"]] = nil
        lhs[path: ["metadata", "managedFields"]] = nil
        rhs[path: ["metadata", "managedFields"]] = nil
        return lhs == rhs
    }

    /// The `metadata.finalizers` of an object.
    package static func finalizers(of object: JSONValue) -> [String] {
        object[path: ["metadata", "finalizers"]]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The owner uids in `metadata.ownerReferences`.
    package static func ownerUIDs(of object: JSONValue) -> [String] {
        object[path: ["metadata", "ownerReferences"]]?.arrayValue?.compactMap { $0["uid"]?.stringValue } ?? []
    }

    package static func isBeingDeleted(_ object: JSONValue) -> Bool {
        object[path: ["metadata", "deletionTimestamp"]].map { !$0.isNull } ?? false
    }

    package static func namespace(of object: JSONValue) -> String {
        object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    }

    package static func name(of object: JSONValue) -> String {
        object[path: ["metadata", "name"]]?.stringValue ?? ""
    }

    package static func uid(of object: JSONValue) -> String {
        object[path: ["metadata", "uid"]]?.stringValue ?? ""
    }

    package static func resourceVersion(of object: JSONValue) -> String? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue
    }

    /// The storage key of an object: `namespace/name` (`/name` for cluster-scoped objects).
    package static func key(namespace: String?, name: String) -> String { "\(namespace ?? "")/\(name)" }
}
