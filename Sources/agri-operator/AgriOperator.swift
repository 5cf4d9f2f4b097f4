import ArgumentParser

/// The `agri-operator` command.
@main
struct AgriOperator: AsyncParsableCommand {
    /// The operator's version: the image tag and the Helm chart's `appVersion` (a test holds them equal).
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "agri-operator",
        abstract: "A Kubernetes operator for agritech platforms described as one AgriPlatform resource.",
        discussion: """
            `run` reconciles AgriPlatforms in a cluster (the Helm chart and config/ run it in a pod); `dev` starts \
            the playground, an in-process Kubernetes API server with simulated workloads that real kubectl works \
            against, with the operator reconciling an example. Offline, `validate` checks manifests with line \
            numbers, `render` prints the Kubernetes objects they become and `crd` prints the \
            CustomResourceDefinition; `import` turns ECS or App Runner descriptions into an AgriPlatform. See \
            docs/getting-started.md.
            """,
        version: version,
        subcommands: [Validate.self, Render.self, CRDCommand.self, Dev.self, Run.self, Import.self]
    )
}
