package import KubeCore

/// A column of `kubectl get` output (`additionalPrinterColumns` of a CRD version, or a built-in kind's columns).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#additional-printer-columns>.
package struct PrinterColumn: Sendable, Hashable {
    package var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`.
    package var type: String
    package var format: String?
    package var description: String?
    /// 0 for the default view, higher for `-o wide` only.
    package var priority: Int
    /// A simple JSONPath such as `.spec.replicas` or `.status.conditions[?(@.type=="Ready")].status`.
    package var jsonPath: String
    /// A cell that JSONPath cannot express (built-in kinds); when set, `jsonPath` only documents the source.
    package var computation: Computation?

    package init(
        name: String,
        type: String,
        format: String? = nil,
        description: String? = nil,
        priority: Int = 0,
        jsonPath: String,
        computation: Computation? = nil
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
        self.computation = computation
    }

    /// The `additionalPrinterColumns` of one entry of a CRD's `spec.versions`; columns without a name, type or
    /// JSONPath are skipped.
    package static func columns(fromCRDVersion version: JSONValue) -> [PrinterColumn] {
        (version["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column in
            guard let name = column["name"]?.stringValue,
                let type = column["type"]?.stringValue,
                let jsonPath = column["jsonPath"]?.stringValue
            else { return nil }
            return PrinterColumn(
                name: name,
                type: type,
                format: column["format"]?.stringValue,
                description: column["description"]?.stringValue,
                priority: Int(column["priority"]?.integerValue ?? 0),
                jsonPath: jsonPath
            )
        }
    }

    /// The Age column every kind shows: the creation timestamp rendered as a duration.
    package static let age = PrinterColumn(
        name: "Age",
        type: "date",
        description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
        jsonPath: ".metadata.creationTimestamp"
    )
}
