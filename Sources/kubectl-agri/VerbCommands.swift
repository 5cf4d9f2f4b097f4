import AgriPlatformAPI
import ArgumentParser

/// `kubectl agri promote PLATFORM SERVICE [--full]`.
struct Promote: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "End the current canary step (a pause or a weight), or promote the ready blue-green preview.",
        discussion: "With --full: skip every remaining step and analysis and promote the new revision now."
    )

    @Flag(help: "Skip every remaining step and analysis.")
    var full = false

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(full ? .promoteFull : .promote)
    }
}

/// `kubectl agri abort PLATFORM SERVICE`.
struct Abort: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop the release: traffic returns to the stable revision first, then the new pods go."
    )

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(.abort)
    }
}

/// `kubectl agri retry PLATFORM SERVICE`.
struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release a revision that failed or was aborted again, from the first step."
    )

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(.retry)
    }
}

/// `kubectl agri pause PLATFORM SERVICE`.
struct Pause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hold a canary or blue-green release where it is until `kubectl agri resume`."
    )

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(.pause)
    }
}

/// `kubectl agri resume PLATFORM SERVICE`.
struct Resume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Continue a release held by `kubectl agri pause`."
    )

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(.resume)
    }
}

/// `kubectl agri undo PLATFORM SERVICE [--to-revision R]`.
struct Undo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Return to a previous completed revision: the one before the stable one, or --to-revision.",
        discussion: "Revisions are listed by `kubectl agri get`; 4 or more leading digits are enough."
    )

    @Option(help: ArgumentHelp("The completed revision to return to.", valueName: "revision"))
    var toRevision: String?

    @OptionGroup var arguments: CommandArguments

    func run() async throws {
        try await arguments.send(.undo, argument: toRevision?.lowercased())
    }
}
