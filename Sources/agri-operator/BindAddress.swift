/// A listen address as controller-runtime's `--metrics-bind-address` and `--health-probe-bind-address` spell it:
/// `:8080` (every interface), `127.0.0.1:8080`, `[::1]:8080`, or `0` to disable the endpoint.
struct BindAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address to bind; `0.0.0.0` when the flag names only a port.
    var host: String
    /// The port; `0` picks a free one (the process logs which).
    var port: Int

    /// The address as given back to a user: `host:port`, brackets around an IPv6 host.
    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Why a bind address was rejected.
    enum ParseError: Error, Hashable, CustomStringConvertible {
        /// No `:` separates host and port.
        case missingPort(String)
        /// The port is not a number from 0 to 65535.
        case invalidPort(String)

        var description: String {
            switch self {
            case .missingPort(let text):
                "\"\(text)\" is not an address: write :PORT, HOST:PORT or 0 to disable"
            case .invalidPort(let text):
                "\"\(text)\" has no valid port: the port must be a number from 0 to 65535"
            }
        }
    }

    /// Parses a flag value.
    /// - Parameter text: `:8080`, `host:8080`, `[::1]:8080`, or `0`.
    /// - Returns: The address, or `nil` for `0` (disabled).
    /// - Throws: ``ParseError`` for anything else.
    static func parse(_ text: String) throws(ParseError) -> BindAddress? {
        if text == "0" { return nil }
        guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port), !portText.hasPrefix("+") else {
            throw .invalidPort(text)
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return BindAddress(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }
}
