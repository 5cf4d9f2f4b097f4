/// A Job that runs to completion before a new revision of its service starts, typically schema migrations
/// (`alembic upgrade head`, `migrate up`). The new revision waits for it; a failed migration stops the release and
/// leaves the running revision serving.
public struct MigrationJob: Codable, Sendable, Hashable {
    /// The image; defaults to the service's image.
    public var image: String?
    /// The command, e.g. `["alembic", "upgrade", "head"]`.
    public var command: [String]
    /// Arguments to the command.
    public var args: [String]?
    /// Retries before the migration counts as failed; defaults to 0 (migrations are rarely safe to repeat blindly).
    public var backoffLimit: Int32?
    /// Seconds the migration may run before it is stopped and counts as failed; defaults to 600.
    public var timeoutSeconds: Int64?

    /// Creates a migration running `command`.
    public init(command: [String]) {
        self.command = command
    }
}
