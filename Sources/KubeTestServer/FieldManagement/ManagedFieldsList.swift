import Foundation
package import KubeCore

/// The `metadata.managedFields` of an object, decoded into field sets.
///
/// Entries are identified as the API server identifies managers (`BuildManagerIdentifier`): by manager name,
/// operation and subresource, plus `apiVersion` for `Update` entries only (an applier keeps one entry whatever
/// version it applies at). Unchanged entries are re-encoded exactly as they were read, and when no entry changed
/// the original array is returned untouched, so a no-op keeps the stored object byte-for-byte equal.
package struct ManagedFieldsList: Sendable, Hashable {
    /// The operation that last recorded an entry's fields.
    package enum Operation: String, Sendable, Hashable {
        case apply = "Apply"
        case update = "Update"
    }

    /// What makes two entries the same manager.
    package struct Identity: Sendable, Hashable {
        package var manager: String
        package var operation: Operation
        package var subresource: String?
        /// Set for `Update` entries only.
        package var apiVersion: String?

        package init(manager: String, operation: Operation, subresource: String?, apiVersion: String?) {
            self.manager = manager
            self.operation = operation
            self.subresource = subresource.flatMap { $0.isEmpty ? nil : $0 }
            self.apiVersion = operation == .update ? apiVersion : nil
        }
    }

    /// One entry.
    package struct Entry: Sendable, Hashable {
        package var identity: Identity
        package var apiVersion: String
        /// RFC 3339, as stored.
        package var time: String?
        package var fields: FieldSet
        /// The entry's JSON as read, reused when nothing about the entry changed.
        var original: JSONValue?
        /// What `original` decoded to.
        private var originalContent: Content?

        private struct Content: Sendable, Hashable {
            var identity: Identity
            var apiVersion: String
            var time: String?
            var fields: FieldSet
        }

        private var content: Content {
            Content(identity: identity, apiVersion: apiVersion, time: time, fields: fields)
        }

        package init(identity: Identity, apiVersion: String, time: String?, fields: FieldSet) {
            self.identity = identity
            self.apiVersion = apiVersion
            self.time = time
            self.fields = fields
        }

        var isUnchanged: Bool { original != nil && originalContent == content }

        /// Reads one `ManagedFieldsEntry`; an unknown operation reads as `Update`.
        init(json: JSONValue) {
            let operation = Operation(rawValue: json["operation"]?.stringValue ?? "") ?? .update
            let apiVersion = json["apiVersion"]?.stringValue ?? ""
            self.identity = Identity(
                manager: json["manager"]?.stringValue ?? "",
                operation: operation,
                subresource: json["subresource"]?.stringValue,
                apiVersion: apiVersion
            )
            self.apiVersion = apiVersion
            self.time = json["time"]?.stringValue
            self.fields = json["fieldsV1"].map(FieldSet.init(fieldsV1:)) ?? FieldSet()
            self.original = json
            self.originalContent = content
        }

        var json: JSONValue {
            if isUnchanged, let original { return original }
            var members: JSONObject = [
                "manager": .string(identity.manager),
                "operation": .string(identity.operation.rawValue),
                "apiVersion": .string(apiVersion),
                "fieldsType": "FieldsV1",
                "fieldsV1": fields.fieldsV1,
            ]
            if let time { members["time"] = .string(time) }
            if let subresource = identity.subresource { members["subresource"] = .string(subresource) }
            return .object(members)
        }
    }

    package var entries: [Entry]
    /// The `managedFields` array as read.
    private var original: JSONValue?

    /// Reads `metadata.managedFields` of `object`.
    package init(object: JSONValue?) {
        original = object?[path: ["metadata", "managedFields"]]
        entries = original?.arrayValue?.map(Entry.init(json:)) ?? []
    }

    package subscript(identity: Identity) -> Entry? {
        entries.first { $0.identity == identity }
    }

    /// Replaces (or appends) the entry with `entry.identity`.
    package mutating func set(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.identity == entry.identity }) {
            entries[index].identity = entry.identity
            entries[index].apiVersion = entry.apiVersion
            entries[index].time = entry.time
            entries[index].fields = entry.fields
        } else {
            entries.append(entry)
        }
    }

    /// Removes `fields` from every entry except `identity`'s.
    mutating func removeFields(_ fields: FieldSet, exceptFrom identity: Identity? = nil) {
        guard !fields.isEmpty else { return }
        for index in entries.indices where entries[index].identity != identity {
            entries[index].fields = entries[index].fields.subtracting(fields)
        }
    }

    /// `object` with these entries as its `metadata.managedFields`: entries with no fields are dropped, the rest
    /// sorted as the API server sorts them (Apply before Update, then by time, manager, apiVersion, subresource).
    package func writing(into object: JSONValue) -> JSONValue {
        var result = object
        let kept = entries.filter { !$0.fields.isEmpty }
        let originalCount = original?.arrayValue?.count ?? 0
        if kept.count == originalCount && kept.allSatisfy(\.isUnchanged), let original {
            result[path: ["metadata", "managedFields"]] = original
            return result
        }
        if kept.isEmpty {
            if result["metadata"] != nil { result[path: ["metadata", "managedFields"]] = nil }
            return result
        }
        let sorted = kept.enumerated().sorted { lhs, rhs in
            Self.sortsBefore(lhs.element, rhs.element)
                || (!Self.sortsBefore(rhs.element, lhs.element)
                    && lhs.offset < rhs.offset)
        }
        result[path: ["metadata", "managedFields"]] = .array(sorted.map(\.element.json))
        return result
    }

    private static func sortsBefore(_ p: Entry, _ q: Entry) -> Bool {
        if p.identity.operation != q.identity.operation {
            return p.identity.operation.rawValue < q.identity.operation.rawValue
        }
        let pSeconds = p.time.flatMap(Time.parse)?.timeIntervalSince1970.rounded(.down) ?? 0
        let qSeconds = q.time.flatMap(Time.parse)?.timeIntervalSince1970.rounded(.down) ?? 0
        if pSeconds != qSeconds { return pSeconds < qSeconds }
        if p.identity.manager != q.identity.manager { return p.identity.manager < q.identity.manager }
        if p.apiVersion != q.apiVersion { return p.apiVersion < q.apiVersion }
        return (p.identity.subresource ?? "") < (q.identity.subresource ?? "")
    }
}

extension JSONValue {
    /// The object without `metadata.managedFields`.
    var removingManagedFields: JSONValue {
        guard self[path: ["metadata", "managedFields"]] != nil else { return self }
        var result = self
        result[path: ["metadata", "managedFields"]] = nil
        return result
    }
}
