import KubeCore

/// A person's instruction to one service's release: promote, abort, retry, pause, resume or undo.
///
/// Commands travel as an annotation on the AgriPlatform, one key per service, so commands for different services
/// never overwrite each other and the spec (owned by the user or a GitOps tool) is never touched:
///
/// ```yaml
/// metadata:
///   annotations:
///     api.rollout.agriplatform.io/command: "promote@1764238500123-4f2a"
///     web.rollout.agriplatform.io/command: "undo:3f2a9c1b@1764238511002-91cc"
/// ```
///
/// The value is `<verb>[:<argument>]@<id>`. The id makes each command unique: the operator records the whole
/// value it handled in ``RolloutStatus/lastCommand`` and carries out a command only when the annotation differs
/// from it, so a command is carried out exactly once, even across operator restarts, and leaving the annotation
/// in place is harmless. `kubectl agri` writes these annotations; `kubectl annotate` works too.
public struct RolloutCommand: Sendable, Hashable, CustomStringConvertible {
    /// What to do.
    public var verb: Verb
    /// `undo`'s target revision (a prefix of at least 4 digits is enough); absent for the other verbs.
    public var argument: String?
    /// What makes this command unique, e.g. the time it was issued in milliseconds and a random suffix.
    public var id: String

    /// The command verbs.
    public enum Verb: String, Sendable, Hashable, CaseIterable {
        /// Finish the current pause (canary) or promote the preview (blue-green).
        case promote
        /// Skip every remaining step and analysis and promote now.
        case promoteFull = "promote-full"
        /// Stop the release: traffic returns to the stable revision, then the new pods go.
        case abort
        /// Release a revision that failed or was aborted again, from the first step.
        case retry
        /// Hold the release where it is until `resume`.
        case pause
        /// Continue a release held by `pause`.
        case resume
        /// Return to a previous completed revision (the one before the stable one, or ``argument``).
        case undo
    }

    /// Creates a command.
    public init(verb: Verb, argument: String? = nil, id: String) {
        self.verb = verb
        self.argument = argument
        self.id = id
    }

    /// The annotation key that carries commands for `service`: `<service>.rollout.agriplatform.io/command`.
    public static func annotationKey(service: String) -> String {
        "\(service).rollout.agriplatform.io/command"
    }

    /// The annotation value: `<verb>[:<argument>]@<id>`.
    public var description: String {
        "\(verb.rawValue)\(argument.map { ":\($0)" } ?? "")@\(id)"
    }

    /// Parses an annotation value.
    /// - Throws: ``RolloutCommandError`` naming what is wrong with `value`.
    public init(parsing value: String) throws(RolloutCommandError) {
        guard let at = value.lastIndex(of: "@") else {
            throw RolloutCommandError(value: value, problem: "it has no \"@<id>\" suffix")
        }
        let id = String(value[value.index(after: at)...])
        guard !id.isEmpty, id.utf8.count <= 64, id.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw RolloutCommandError(value: value, problem: "the id after \"@\" must be 1–64 visible ASCII characters")
        }
        let head = value[..<at]
        let verbText: Substring
        var argument: String?
        if let colon = head.firstIndex(of: ":") {
            verbText = head[..<colon]
            argument = String(head[head.index(after: colon)...])
        } else {
            verbText = head
        }
        guard let verb = Verb(rawValue: String(verbText)) else {
            let verbs = Verb.allCases.map(\.rawValue).joined(separator: ", ")
            throw RolloutCommandError(value: value, problem: "\"\(verbText)\" is not a command (one of: \(verbs))")
        }
        if let given = argument {
            guard verb == .undo else {
                throw RolloutCommandError(value: value, problem: "\(verb.rawValue) takes no argument")
            }
            guard given.utf8.count >= 4, given.utf8.count <= 64, given.allSatisfy(\.isHexDigit) else {
                throw RolloutCommandError(
                    value: value,
                    problem: "undo's revision must be 4–64 hexadecimal digits (see kubectl agri get)"
                )
            }
            argument = given.lowercased()
        }
        self.init(verb: verb, argument: argument, id: id)
    }
}

/// A command annotation that cannot be parsed; reported on the service's rollout status and in an Event.
public struct RolloutCommandError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The annotation's value.
    public var value: String
    /// What is wrong with it.
    public var problem: String

    public var description: String { "command \"\(value)\" was ignored: \(problem)" }
}

extension AgriPlatform {
    /// The command annotation's value for `service`, if there is one (parsed or not).
    public func rolloutCommandValue(service: String) -> String? {
        metadata.annotations?[RolloutCommand.annotationKey(service: service)]
    }
}
