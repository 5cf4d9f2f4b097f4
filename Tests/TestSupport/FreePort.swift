import Foundation
import Synchronization

/// Free TCP ports on 127.0.0.1: the kernel picks one (bind to port 0), and ports handed out in this process are
/// never handed out twice.
public enum FreePort {
    private static let handedOut = Mutex<Set<UInt16>>([])

    /// A free port, never one handed out before in this process.
    public static func next() throws -> Int {
        for _ in 0..<50 {
            let port = try kernelPick()
            let fresh = handedOut.withLock { $0.insert(port).inserted }
            if fresh { return Int(port) }
        }
        throw FreePortError("no free loopback port")
    }

    private static func kernelPick() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FreePortError("socket() failed: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw FreePortError("bind() failed: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw FreePortError("getsockname() failed: \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// Why no free port could be found.
public struct FreePortError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
