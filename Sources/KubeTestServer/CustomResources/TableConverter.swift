import Foundation
package import KubeCore

/// Renders objects as a `meta.k8s.io/v1` `Table`, which `kubectl get` asks for with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
///
/// Cells follow the apiserver's CRD table convertor: a column selecting one value shows it as is (a `date` column
/// as a humanized age), several values are joined with spaces, and no value gives a `null` cell (kubectl prints
/// `<none>`). See <https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables>.
package enum TableConverter {
    /// A Table of `objects` with a `Name` column, `columns`, and `Age` when `columns` has no column named Age.
    /// `listMetadata` is the list's metadata (resourceVersion, continue); `includeObject` is `None`, `Metadata` or
    /// `Object` as requested by the client (empty means `Metadata`, kubectl's default).
    ///
    /// Unlike the real server, a CRD whose `additionalPrinterColumns` omit Age still gets an Age column.
    package static func table(
        objects: [JSONValue],
        columns: [PrinterColumn],
        listMetadata: JSONValue,
        includeObject: String,
        now: Time
    ) -> JSONValue {
        var allColumns = columns
        if !columns.contains(where: { $0.name == "Age" }) { allColumns.append(.age) }
        let definitions: [JSONValue] =
            [
                [
                    "name": "Name",
                    "type": "string",
                    "format": "name",
                    "description": .string(nameDescription),
                    "priority": 0,
                ]
            ]
            + allColumns.map { column in
                [
                    "name": .string(column.name),
                    "type": .string(column.type),
                    "format": .string(column.format ?? ""),
                    "description": .string(column.description ?? ""),
                    "priority": .integer(Int64(column.priority)),
                ]
            }
        let expressions = allColumns.map { JSONPathExpression($0.jsonPath) }
        let rows: [JSONValue] = objects.map { object in
            var cells: [JSONValue] = [object[path: ["metadata", "name"]] ?? ""]
            for (column, expression) in zip(allColumns, expressions) {
                cells.append(cell(object, column: column, expression: expression, now: now))
            }
            var row: JSONValue = ["cells": .array(cells)]
            switch includeObject {
            case "None":
                break
            case "Object":
                row["object"] = object
            default:
                row["object"] = [
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": object["metadata"] ?? [:],
                ]
            }
            return row
        }
        return [
            "apiVersion": "meta.k8s.io/v1",
            "kind": "Table",
            "metadata": listMetadata,
            "columnDefinitions": .array(definitions),
            "rows": .array(rows),
        ]
    }

    /// The age of something created at `created` as kubectl prints it (`duration.HumanDuration`): `45s`, `3m12s`,
    /// `15m`, `2h5m`, `10h`, `2d3h`, `30d`, `2y15d`; `<invalid>` more than a second in the future.
    package static func humanDuration(_ interval: Double) -> String {
        HumanDuration.text(interval)
    }

    private static func cell(
        _ object: JSONValue,
        column: PrinterColumn,
        expression: JSONPathExpression?,
        now: Time
    ) -> JSONValue {
        if let computation = column.computation { return computation.cell(for: object) }
        let results = expression?.evaluate(object) ?? []
        guard let first = results.first else {
            return column.name == "Age" && column.type == "date" ? "<unknown>" : .null
        }
        if results.count > 1 {
            return .string(results.map(text).joined(separator: " "))
        }
        if column.type == "date" {
            guard let created = first.stringValue.flatMap(Time.parse) else { return .null }
            return .string(humanDuration(now.date.timeIntervalSince(created)))
        }
        return first
    }

    private static func text(_ value: JSONValue) -> String {
        if let string = value.stringValue { return string }
        return SchemaValidator.render(value)
    }

    private static let nameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may "
        + "allow a client to request the generation of an appropriate name automatically. Name is primarily intended "
        + "for creation idempotence and configuration definition. Cannot be updated. More info: "
        + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
}
