import ArgumentParser

/// `agri-operator validate`: checks AgriPlatform manifests offline and prints every problem with its line.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check AgriPlatform manifests and print every problem with its file, line and field path.",
        discussion: """
            Reads the YAML documents in each file (several may be separated by ---), and reports YAML syntax \
            errors, documents that are not agriplatform.io/v1alpha1 AgriPlatforms, values of the wrong type, \
            missing and unknown fields, and every rule the API server would enforce (ranges, names, cross-field \
            rules such as minReplicas <= maxReplicas or `uses` naming a declared datastore). Nothing is sent to a \
            cluster.

            Exit status: 0 when every file is valid, 1 when any problem was found, 2 when a file cannot be read.

            Examples:
              agri-operator validate -f examples/farmers-module.yaml
              agri-operator validate -f examples/
              kustomize build overlays/prod | agri-operator validate -f -

            Output:
              b.yaml:14:15: spec.services[0].replicas: expected an integer, found "two"
              b.yaml:8: spec.services[0].name: Invalid value: "API": a DNS-1035 label…
            """
    )

    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: "A manifest file, a directory of them, or - for standard input; repeat for several."
    )
    var filenames: [String]

    func run() throws {
        let sources: [ManifestInput.Source]
        do {
            sources = try ManifestInput.read(filenames)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let check = ManifestCheck(sources)
        for source in sources where check.validFiles.contains(source.name) {
            print("\(source.name): valid")
        }
        for error in check.errors {
            print(error)
        }
        if !check.errors.isEmpty { throw ExitCode(1) }
    }
}
