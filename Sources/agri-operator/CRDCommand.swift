import ArgumentParser

/// `agri-operator crd`: prints the AgriPlatform CustomResourceDefinition.
struct CRDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crd",
        abstract: "Print the AgriPlatform CustomResourceDefinition as YAML.",
        discussion: """
            The CRD is generated from the Swift types of the API, with OpenAPI validation, CEL rules for \
            cross-field checks and printer columns; it is the same text as crds/agriplatform.io_agriplatforms.yaml.

            Examples:
              agri-operator crd | kubectl apply --server-side -f -
              agri-operator crd | diff - crds/agriplatform.io_agriplatforms.yaml
            """
    )

    func run() throws {
        do {
            print(try PlatformPipeline.crdYAML(), terminator: "")
        } catch {
            printError("agri-operator crd: \(error)")
            throw ExitCode(1)
        }
    }
}
