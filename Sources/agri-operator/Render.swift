import AgriPlatformCLI
import ArgumentParser
import KubeCore

/// `agri-operator render`: prints the Kubernetes objects an AgriPlatform becomes, without a cluster.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the Kubernetes objects the operator would create for AgriPlatform manifests.",
        discussion: """
            Validates first, as `agri-operator validate` does, and renders nothing when any document is invalid: \
            every problem is printed to standard error and the exit status is 1. Otherwise prints the objects — \
            ServiceAccount, Deployments, Services, HorizontalPodAutoscalers, PodDisruptionBudgets, Ingresses, \
            NetworkPolicies and more — in a stable order, byte for byte the same for the same input.

            Output is a YAML stream (one document per object, like `kubectl get -o yaml` per object) or, with \
            -o json, one JSON List as `kubectl get -o json` prints it. The output can be piped to \
            `kubectl diff -f -` or `kubectl apply --server-side --dry-run=server -f -`.

            Exit status: 0 on success, 1 when a manifest is invalid or cannot be rendered, 2 when a file cannot \
            be read.

            Examples:
              agri-operator render -f examples/farmers-module.yaml
              agri-operator render -f examples/ava-olo.yaml -o json | jq '.items[].kind'
              agri-operator render -f platform.yaml --vpa | kubectl diff -f -
              agri-operator render -f examples/agrimaan.yaml --prometheus-operator
            """
    )

    /// The output formats.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case yaml
        case json
    }

    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: "A manifest file, a directory of them, or - for standard input; repeat for several."
    )
    var filenames: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: yaml or json.")
    var output: OutputFormat = .yaml

    @Flag(help: "Also render VerticalPodAutoscalers, as when the VPA CRD is installed in the cluster.")
    var vpa = false

    @Flag(
        name: .customLong("prometheus-operator"),
        help: """
            Also render monitoring (PodMonitors, the PrometheusRule, the Grafana dashboard, datastore exporters), as \
            when the Prometheus Operator's CRDs are installed in the cluster.
            """
    )
    var prometheusOperator = false

    func run() throws {
        let sources: [ManifestInput.Source]
        do {
            sources = try ManifestInput.read(filenames)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let check = ManifestCheck(sources)
        guard check.errors.isEmpty else {
            check.errors.forEach(printError)
            throw ExitCode(1)
        }
        var objects: [JSONValue] = []
        for entry in check.platforms {
            do {
                objects += try PlatformPipeline.render(
                    entry.platform,
                    includeVPA: vpa,
                    includeMonitoring: prometheusOperator
                )
            } catch {
                printError("\(entry.file): document \(entry.document): cannot render: \(error)")
                throw ExitCode(1)
            }
        }
        switch output {
        case .yaml:
            print(JSONValue.yamlStream(objects), terminator: "")
        case .json:
            let list: JSONValue = [
                "apiVersion": "v1",
                "kind": "List",
                "metadata": ["resourceVersion": ""],
                "items": .array(objects),
            ]
            print(list.indentedJSON())
        }
    }
}
