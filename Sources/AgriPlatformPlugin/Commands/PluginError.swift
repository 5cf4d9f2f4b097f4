/// What `kubectl agri` refuses or could not do, worded for the person at the terminal.
///
/// Errors from the API server itself stay `KubeClient.KubeError`s; the executable words those.
public enum PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An argument is malformed (an output format, a duration, an undo revision).
    case invalidArgument(String)
    /// No AgriPlatform of that name in that namespace.
    case platformNotFound(name: String, namespace: String)
    /// The server does not serve AgriPlatforms: the CRD is not installed.
    case resourceNotInstalled
    /// The platform's spec has no service of that name; `services` are the ones it has.
    case serviceNotFound(service: String, platform: String, services: [String])
    /// `undo --to-revision` named a revision that is not in the service's history (`history` lists it).
    case revisionNotFound(revision: String, service: String, history: [String])
    /// `undo --to-revision` named a prefix that several revisions in the history share.
    case ambiguousRevision(revision: String, matches: [String])
    /// The operator did not record the command as handled within the wait.
    case waitTimedOut(command: String, seconds: Int, lastCommand: String?)
    /// While waiting, the command annotation changed to another value (another command was sent), or was removed.
    case superseded(command: String, by: String?)
    /// While waiting, the platform was deleted.
    case platformDeleted(name: String, namespace: String)

    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case .platformNotFound(let name, let namespace):
            return "agriplatform \"\(name)\" not found in namespace \"\(namespace)\""
        case .resourceNotInstalled:
            return "the server doesn't have resource type \"agriplatforms\": is the AgriPlatform CRD installed?"
        case .serviceNotFound(let service, let platform, let services):
            let known = services.isEmpty ? "none" : services.joined(separator: ", ")
            return "agriplatform \"\(platform)\" has no service \"\(service)\" (its services: \(known))"
        case .revisionNotFound(let revision, let service, let history):
            let known = history.isEmpty ? "none" : history.map { String($0.prefix(8)) }.joined(separator: ", ")
            return "revision \"\(revision)\" is not in the history of service \"\(service)\" (completed revisions, "
                + "newest first: \(known))"
        case .ambiguousRevision(let revision, let matches):
            return "revision \"\(revision)\" matches several revisions (\(matches.joined(separator: ", "))); "
                + "give more digits"
        case .waitTimedOut(let command, let seconds, let lastCommand):
            return "the operator did not handle \"\(command)\" within \(seconds)s (last handled: "
                + "\(lastCommand.map { "\"\($0)\"" } ?? "none")); is agri-operator running? The annotation stays "
                + "and is handled when it runs"
        case .superseded(let command, let other):
            if let other {
                return "\"\(command)\" was replaced by another command, \"\(other)\", before the operator handled it"
            }
            return "the command annotation \"\(command)\" was removed before the operator handled it"
        case .platformDeleted(let name, let namespace):
            return "agriplatform \"\(name)\" in namespace \"\(namespace)\" was deleted"
        }
    }
}
