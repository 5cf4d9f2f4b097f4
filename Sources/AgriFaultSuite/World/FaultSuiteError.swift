/// Why a scenario run could not finish its checks.
public enum FaultSuiteError: Error, Sendable, CustomStringConvertible {
    /// A wait ran out of time.
    case timedOut(String)
    /// The world could not be set up (server, CRD, clients).
    case setUp(String)

    public var description: String {
        switch self {
        case .timedOut(let what): "timed out waiting until \(what)"
        case .setUp(let what): "could not set up: \(what)"
        }
    }
}
