public import KubeTestServer

/// One request from the server's request log, reduced to what the invariant checks read.
public struct LoggedRequest: Sendable, Hashable {
    /// The Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, …).
    public var verb: String
    /// The plural resource, `nil` for non-resource paths.
    public var resource: String?
    /// The subresource (`status`), if any.
    public var subresource: String?
    /// The object's name, if the path names one.
    public var name: String?
    /// The HTTP status of the answer.
    public var code: Int
    /// The client's `User-Agent`.
    public var userAgent: String?
    /// When the request arrived, on the server's request counter.
    public var received: Int
    /// When its answer was ready, on the same counter.
    public var answered: Int

    /// A request.
    public init(
        verb: String,
        resource: String?,
        subresource: String? = nil,
        name: String?,
        code: Int = 200,
        userAgent: String?,
        received: Int,
        answered: Int
    ) {
        self.verb = verb
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.code = code
        self.userAgent = userAgent
        self.received = received
        self.answered = answered
    }

    /// The request `entry` describes.
    public init(_ entry: RequestLog.Entry) {
        self.init(
            verb: entry.verb,
            resource: entry.resource,
            subresource: entry.subresource,
            name: entry.name,
            code: entry.code,
            userAgent: entry.userAgent,
            received: entry.receivedSequence,
            answered: entry.answeredSequence
        )
    }

    /// Whether the verb changes state.
    public var isWrite: Bool { ["create", "update", "patch", "delete", "deletecollection"].contains(verb) }

    /// Whether the server carried it out (2xx).
    public var succeeded: Bool { (200..<300).contains(code) }

    /// Whether it comes from a client whose `User-Agent` starts with `prefix`.
    public func isFrom(_ prefix: String) -> Bool { userAgent?.hasPrefix(prefix) == true }

    /// A write that acts on the cluster on the operator's behalf: not a Lease (leader election's own traffic) and
    /// not an Event (reporting, sent by a separate recorder task).
    public var isActingWrite: Bool { isWrite && resource != "leases" && resource != "events" }

    /// `verb resource[/subresource]/name`, for messages.
    public var description: String {
        "\(verb) \(resource ?? "")\(subresource.map { "/\($0)" } ?? "")/\(name ?? "") (\(code))"
    }
}
