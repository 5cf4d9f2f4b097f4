/// Splits a byte stream into newline-terminated lines, across chunk boundaries: the watch body is
/// newline-delimited JSON, and HTTP chunks (or HTTP/2 DATA frames) fall anywhere inside an event.
///
/// A pure value: feed it chunks with ``append(_:)``, take complete lines with ``nextLine()``, and call
/// ``finish()`` at the end of the stream for a final line the server did not terminate. Empty lines are skipped
/// and a `\r` before the `\n` is dropped.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#watch-bookmarks> for the stream format.
public struct LineFramer: Sendable {
    private var buffer: [UInt8] = []
    /// Where the unread part of ``buffer`` starts; compacted lazily so each byte is copied O(1) times.
    private var readIndex = 0
    /// Where to resume searching for the next newline.
    private var scanIndex = 0

    /// The largest line accepted; a longer one means a broken stream (or a 1.5 MB etcd object limit exceeded many
    /// times over) rather than an event.
    public let maxLineLength: Int

    /// Creates an empty framer.
    ///
    /// - Parameter maxLineLength: The longest line accepted, in bytes (default 64 MiB).
    public init(maxLineLength: Int = 64 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// An unterminated line exceeded ``maxLineLength``.
    public struct LineTooLong: Error, Hashable {
        /// The bytes buffered without a newline.
        public var length: Int
    }

    /// Adds the next chunk of the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line without its terminator, or `nil` when no complete line is buffered.
    ///
    /// - Throws: ``LineTooLong`` when the unterminated remainder exceeds ``maxLineLength``.
    public mutating func nextLine() throws(LineTooLong) -> [UInt8]? {
        while true {
            guard let newline = buffer[scanIndex...].firstIndex(of: UInt8(ascii: "\n")) else {
                scanIndex = buffer.count
                if buffer.count - readIndex > maxLineLength { throw LineTooLong(length: buffer.count - readIndex) }
                return nil
            }
            var end = newline
            if end > readIndex, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = Array(buffer[readIndex..<end])
            readIndex = newline + 1
            scanIndex = readIndex
            if !line.isEmpty { return line }
        }
    }

    /// Ends the stream: returns the unterminated remainder, if it is not empty, and empties the framer.
    public mutating func finish() -> [UInt8]? {
        var rest = Array(buffer[readIndex...])
        if rest.last == UInt8(ascii: "\r") { rest.removeLast() }
        buffer = []
        readIndex = 0
        scanIndex = 0
        let isBlank = rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return isBlank ? nil : rest
    }
}
