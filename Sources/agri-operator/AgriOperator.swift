import ArgumentParser

/// The `agri-operator` command.
@main
struct AgriOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agri-operator",
        abstract: "A Kubernetes operator for agritech platforms described as one AgriPlatform resource.",
        discussion: """
            Today the operator's foundation exists: the `dev` playground starts an in-process Kubernetes API server \
            that real kubectl works against. Reconciling AgriPlatform resources arrives with the reconciler issue.
            """,
        subcommands: [Dev.self]
    )
}
