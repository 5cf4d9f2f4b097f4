public import KubeCore

extension AnalysisLabels: SchemaDescribing {
    /// The label names of the built-in analysis queries.
    public static var openAPISchema: JSONSchemaProps {
        func label(_ description: String, _ name: String) -> JSONSchemaProps {
            .string(
                "\(description) Default \(name).",
                maxLength: APIConstraints.shortStringMaxLength,
                minLength: 1,
                pattern: APIConstraints.prometheusLabelPattern
            )
        }
        return .object(
            "The Prometheus label names the built-in analysis queries select a release's series by.",
            properties: [
                "namespace": label("The label holding the namespace.", Defaults.Analysis.namespaceLabel),
                "service": label("The label holding the service name.", Defaults.Analysis.serviceLabel),
                "revision": label("The label holding the pod's revision.", Defaults.Analysis.revisionLabel),
                "statusCode": label("The label holding the HTTP status code.", Defaults.Analysis.statusCodeLabel),
            ]
        )
    }
}
