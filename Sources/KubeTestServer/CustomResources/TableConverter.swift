package import KubeCore

/// A column of `kubectl get` output (`additionalPrinterColumns` of a CRD version, or a built-in kind's columns).
package struct PrinterColumn: Sendable, Hashable {
    package var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`.
    package var type: String
    package var format: String?
    package var description: String?
    package var priority: Int
    /// A simple JSONPath such as `.spec.replicas` or `.status.conditions[?(@.type=="Ready")].status`.
    package var jsonPath: String

    package init(
        name: String,
        type: String,
        format: String? = nil,
        description: String? = nil,
        priority: Int = 0,
        jsonPath: String
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
    }
}

/// Renders objects as a `meta.k8s.io/v1` `Table`, which `kubectl get` asks for with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
///
/// Placeholder: the implementation lands in this file.
package enum TableConverter {
    /// A Table of `objects` with a `Name` column, `columns`, and `Age` when `columns` has no date column named Age.
    /// `listMetadata` is the list's metadata (resourceVersion, continue); `includeObject` is `None`, `Metadata` or
    /// `Object` as requested by the client.
    package static func table(
        objects: [JSONValue],
        columns: [PrinterColumn],
        listMetadata: JSONValue,
        includeObject: String,
        now: Time
    ) -> JSONValue {
        ["apiVersion": "meta.k8s.io/v1", "kind": "Table", "metadata": listMetadata, "columnDefinitions": [], "rows": []]
    }
}
