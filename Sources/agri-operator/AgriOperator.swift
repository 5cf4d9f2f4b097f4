import ArgumentParser

/// The `agri-operator` command.
@main
struct AgriOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agri-operator",
        abstract: "A Kubernetes operator for agritech platforms described as one AgriPlatform resource.",
        discussion: """
            Work with AgriPlatform manifests offline — `validate` checks them with line numbers, `render` prints the \
            Kubernetes objects they become, `crd` prints the CustomResourceDefinition — or start the `dev` \
            playground, an in-process Kubernetes API server that real kubectl works against. Reconciling \
            AgriPlatform resources arrives with the reconciler issue.
            """,
        subcommands: [Validate.self, Render.self, CRDCommand.self, Dev.self, Run.self, Import.self]
    )
}
