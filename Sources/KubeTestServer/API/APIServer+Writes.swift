import Foundation
import KubeCore

extension APIServer {
    private func preparation(_ context: RequestContext) async -> WritePreparation {
        let schema = await store.registry.customVersion(for: context.type)?.schema
        return WritePreparation(
            type: context.type,
            schema: schema,
            fieldValidation: context.query["fieldValidation"] ?? "Warn",
            fieldManager: context.fieldManager,
            subresource: context.route.subresource,
            warnings: WritePreparation.Warnings()
        )
    }

    /// Checks apiVersion, kind, namespace and name of a body against the request.
    private func checkIdentity(_ object: inout JSONValue, context: RequestContext) throws(APIError) {
        if let apiVersion = object["apiVersion"]?.stringValue, apiVersion != context.type.apiVersion {
            throw APIError.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version "
                    + "(\(context.type.apiVersion))"
            )
        }
        if let kind = object["kind"]?.stringValue, kind != context.type.kind {
            throw APIError.badRequest(
                "the kind in the data (\(kind)) does not match the expected kind (\(context.type.kind))"
            )
        }
        if context.type.namespaced {
            let namespace = context.route.namespace ?? ""
            if let given = object[path: ["metadata", "namespace"]]?.stringValue, !given.isEmpty, given != namespace {
                throw APIError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request"
                )
            }
            object[path: ["metadata", "namespace"]] = .string(namespace)
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        if let name = context.route.name {
            let given = ObjectRules.name(of: object)
            if given.isEmpty {
                object[path: ["metadata", "name"]] = .string(name)
            } else if given != name {
                throw APIError.badRequest(
                    "the name of the object (\(given)) does not match the name on the URL (\(name))"
                )
            }
        }
    }

    func create(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        guard context.route.name == nil else {
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        if context.type.namespaced, context.route.namespace == nil {
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        var object = try context.bodyObject()
        try checkIdentity(&object, context: context)
        if ObjectRules.name(of: object).isEmpty,
            let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty
        {
            object[path: ["metadata", "name"]] = .string(prefix + Self.randomSuffix())
        }
        object[path: ["metadata", "resourceVersion"]] = nil
        let preparation = await preparation(context)
        object = try preparation.prepare(object, old: nil)
        let created = try await store.create(context.type, object: object, dryRun: context.isDryRun)
        return Self.json(created, status: 201, headers: preparation.warnings.headers)
    }

    func update(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        var object = try context.bodyObject()
        let name = context.route.name ?? ""
        let type = context.type
        if context.route.subresource == "scale" {
            let scale = object
            let (updated, _) = try await store.update(
                type,
                namespace: context.namespace,
                name: name,
                subresource: nil,
                dryRun: context.isDryRun
            ) { old throws(APIError) in
                try ScaleSubresource.applying(scale, to: old ?? [:], type: type)
            }
            return Self.json(try ScaleSubresource.scale(of: updated, type: type))
        }
        try checkIdentity(&object, context: context)
        let preparation = await preparation(context)
        let body = object
        let (updated, created) = try await store.update(
            type,
            namespace: context.namespace,
            name: name,
            subresource: context.route.subresource,
            dryRun: context.isDryRun
        ) { old throws(APIError) in
            try preparation.prepare(
                Self.keepingSubresourceParts(body, old: old, type: type, context: context),
                old: old
            )
        }
        return Self.json(updated, status: created ? 201 : 200, headers: preparation.warnings.headers)
    }

    /// For a status write, the body's status on top of the stored object (so validation sees a whole object).
    private static func keepingSubresourceParts(
        _ body: JSONValue,
        old: JSONValue?,
        type: ResourceType,
        context: RequestContext
    ) -> JSONValue {
        guard context.route.subresource == "status", var merged = old else { return body }
        merged["status"] = body["status"]
        merged[path: ["metadata", "resourceVersion"]] = body[path: ["metadata", "resourceVersion"]]
        return merged
    }

    func patch(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let contentType =
            (context.request.header("content-type") ?? "")
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let name = context.route.name ?? ""
        let type = context.type
        let body = context.request.body
        let preparation = await preparation(context)
        let isApply = contentType == "application/apply-patch+yaml"
        let force = context.query["force"] == "true"
        if isApply, (context.query["fieldManager"] ?? "").isEmpty {
            throw APIError.badRequest("PATCH /apply requires fieldManager to be set")
        }
        let patch: Patcher
        switch contentType {
        case "application/merge-patch+json": patch = .merge(try Self.parse(body))
        case "application/json-patch+json":
            do {
                patch = .json(try KubeJSON.decoder.decode([JSONPatchOperation].self, from: body))
            } catch {
                throw APIError.badRequest("error decoding patch: \(error)")
            }
        case "application/strategic-merge-patch+json":
            if type.isCustom { throw APIError.unsupportedMediaType(contentType) }
            patch = .strategic(try Self.parse(body))
        case "application/apply-patch+yaml":
            patch = .apply(try Self.parse(body))
        default: throw APIError.unsupportedMediaType(contentType)
        }
        let subresource = context.route.subresource
        let (updated, created) = try await store.update(
            type,
            namespace: context.namespace,
            name: name,
            subresource: subresource == "scale" ? nil : subresource,
            allowCreate: isApply && subresource == nil,
            dryRun: context.isDryRun
        ) { old throws(APIError) in
            if subresource == "scale" {
                let scale = try patch.apply(
                    to: try ScaleSubresource.scale(of: old ?? [:], type: type),
                    preparation: preparation,
                    force: force
                )
                return try ScaleSubresource.applying(scale, to: old ?? [:], type: type)
            }
            var new = try patch.apply(to: old, preparation: preparation, force: force)
            new[path: ["metadata", "name"]] = .string(name)
            if let namespace = context.namespace { new[path: ["metadata", "namespace"]] = .string(namespace) }
            return try preparation.prepare(new, old: old, recordManager: !isApply)
        }
        if subresource == "scale" { return Self.json(try ScaleSubresource.scale(of: updated, type: type)) }
        return Self.json(updated, status: created ? 201 : 200, headers: preparation.warnings.headers)
    }

    private static func parse(_ body: Data) throws(APIError) -> JSONValue {
        do {
            return try JSONValue(parsing: body)
        } catch {
            throw APIError.badRequest(
                "error decoding patch: only JSON bodies are supported by the test server (YAML apply bodies are not)"
            )
        }
    }

    func delete(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let options = try Self.deleteOptions(context)
        let result = try await store.delete(
            context.type,
            namespace: context.namespace,
            name: context.route.name ?? "",
            propagationPolicy: options.policy,
            preconditionUID: options.uid,
            preconditionResourceVersion: options.resourceVersion,
            dryRun: options.dryRun || context.isDryRun
        )
        switch result {
        case .pending(let object): return Self.json(object)
        case .deleted(let object):
            if context.type.isCustom || context.type.groupResource == GroupResource(group: "", resource: "pods") {
                return Self.json(object)
            }
            let status = Status(
                status: "Success",
                details: StatusDetails(
                    name: ObjectRules.name(of: object),
                    group: context.type.group,
                    kind: context.type.plural,
                    uid: ObjectRules.uid(of: object)
                )
            )
            return Self.json((try? JSONValue(encoding: status)) ?? [:])
        }
    }

    func deleteCollection(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let options = try Self.deleteOptions(context)
        let listed = try await store.list(
            context.type,
            namespace: context.namespace,
            labels: try context.labelSelector(),
            fields: try context.fieldSelector()
        )
        var deleted: [JSONValue] = []
        for object in listed.items {
            do throws(APIError) {
                switch try await store.delete(
                    context.type,
                    namespace: context.namespace,
                    name: ObjectRules.name(of: object),
                    propagationPolicy: options.policy,
                    dryRun: options.dryRun || context.isDryRun
                )
                {
                case .deleted(let object), .pending(let object): deleted.append(object)
                }
            } catch  where error.code == 404 {
                continue
            }
        }
        return Self.json([
            "apiVersion": .string(context.type.apiVersion), "kind": .string(context.type.listKind),
            "metadata": ["resourceVersion": .string(String(await store.revision))], "items": .array(deleted),
        ])
    }

    private struct DeleteParameters {
        var policy: ObjectStore.PropagationPolicy
        var uid: String?
        var resourceVersion: String?
        var dryRun: Bool
    }

    private static func deleteOptions(_ context: RequestContext) throws(APIError) -> DeleteParameters {
        var options: JSONValue = [:]
        if !context.request.body.isEmpty {
            guard let parsed = try? JSONValue(parsing: context.request.body) else {
                throw APIError.badRequest("the body of the request was in an unknown format")
            }
            options = parsed
        }
        let policyText = options["propagationPolicy"]?.stringValue ?? context.query["propagationPolicy"]
        var policy = ObjectStore.PropagationPolicy.background
        if let policyText {
            guard let parsed = ObjectStore.PropagationPolicy(rawValue: policyText) else {
                throw APIError.invalid(
                    kind: "DeleteOptions",
                    group: "",
                    name: "",
                    causes: [
                        StatusCause(
                            reason: "FieldValueNotSupported",
                            message: "Unsupported value: \"\(policyText)\": supported values: \"Foreground\", "
                                + "\"Background\", \"Orphan\"",
                            field: "propagationPolicy"
                        )
                    ]
                )
            }
            policy = parsed
        } else if options["orphanDependents"]?.boolValue == true || context.query["orphanDependents"] == "true" {
            policy = .orphan
        }
        let dryRun = options["dryRun"]?.arrayValue?.contains("All") ?? false
        return DeleteParameters(
            policy: policy,
            uid: options[path: ["preconditions", "uid"]]?.stringValue,
            resourceVersion: options[path: ["preconditions", "resourceVersion"]]?.stringValue,
            dryRun: dryRun
        )
    }

    /// Five characters from the alphabet `generateName` uses (no vowels, no look-alike digits).
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}

/// One patch body, by content type.
enum Patcher: Sendable {
    case merge(JSONValue)
    case json([JSONPatchOperation])
    case strategic(JSONValue)
    case apply(JSONValue)

    /// The patched object; `old` is `nil` only for an apply that creates.
    func apply(to old: JSONValue?, preparation: WritePreparation, force: Bool) throws(APIError) -> JSONValue {
        switch self {
        case .apply(let config):
            let duplicates = DuplicateListKeys.errors(in: config, schema: preparation.mergeSchema)
            if !duplicates.isEmpty {
                // structured-merge-diff cannot type the patch; the API server passes its plain error on as a 500
                // with an empty reason (kubernetes/kubernetes#121575).
                let namespace = (old ?? config)[path: ["metadata", "namespace"]]?.stringValue ?? ""
                let object = "\(namespace)/\(ObjectRules.name(of: old ?? config))"
                let kind = "\(preparation.type.apiVersion), Kind=\(preparation.type.kind)"
                let detail =
                    duplicates.count == 1 ? duplicates[0] : "errors:\n  " + duplicates.joined(separator: "\n  ")
                throw APIError(
                    status: Status(
                        message: "failed to create typed patch object (\(object); \(kind)): \(detail)",
                        reason: "",
                        code: 500
                    )
                )
            }
            do {
                return try FieldManager.apply(
                    live: old,
                    config: config,
                    manager: preparation.fieldManager,
                    apiVersion: preparation.type.apiVersion,
                    subresource: preparation.subresource,
                    force: force,
                    schema: preparation.mergeSchema,
                    now: Time(Date())
                )
            } catch {
                throw Self.conflict(error, preparation: preparation, name: ObjectRules.name(of: old ?? config))
            }
        default: break
        }
        guard let old else { throw APIError.notFound(preparation.type.groupResource, name: "") }
        switch self {
        case .merge(let patch): return old.applyingMergePatch(patch)
        case .json(let operations):
            do {
                return try old.applyingJSONPatch(operations)
            } catch {
                throw APIError(
                    status: Status(
                        message: "the server rejected our request due to an error in our request: \(error)",
                        reason: "Invalid",
                        code: 422
                    )
                )
            }
        case .strategic(let patch):
            do {
                return try StrategicMergePatch.apply(patch, to: old, schema: preparation.mergeSchema)
            } catch {
                throw APIError.badRequest("unable to apply strategic merge patch: \(error)")
            }
        case .apply: return old
        }
    }

    /// 409 Conflict with one `FieldManagerConflict` cause per contested field, as server-side apply reports it.
    static func conflict(_ error: ApplyConflict, preparation: WritePreparation, name: String) -> APIError {
        let causes = error.conflicts.map { conflict in
            StatusCause(
                reason: "FieldManagerConflict",
                message: "conflict with \"\(conflict.manager)\"",
                field: conflict.field
            )
        }
        let lines = error.conflicts.map { "conflict with \"\($0.manager)\": \($0.field)" }
        let count = error.conflicts.count
        let message =
            "Apply failed with \(count) conflict\(count == 1 ? "" : "s"): " + lines.joined(separator: "\n")
        let resource = preparation.type.groupResource
        return APIError(
            status: Status(
                message: message,
                reason: "Conflict",
                details: StatusDetails(name: name, group: resource.group, kind: resource.resource, causes: causes),
                code: 409
            )
        )
    }
}
