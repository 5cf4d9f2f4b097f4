import KubeClient
import Testing

@Suite("Watch line framer")
struct LineFramerTests {
    private func lines(_ chunks: [String], finish: Bool = true) throws -> [String] {
        var framer = LineFramer()
        var result: [String] = []
        for chunk in chunks {
            framer.append(Array(chunk.utf8))
            while let line = try framer.nextLine() { result.append(String(decoding: line, as: UTF8.self)) }
        }
        if finish, let rest = framer.finish() { result.append(String(decoding: rest, as: UTF8.self)) }
        return result
    }

    @Test("An event split across chunks comes out whole")
    func splitAcrossChunks() throws {
        #expect(try lines(["{\"type\":\"ADD", "ED\",\"object\":{}", "}\n"]) == ["{\"type\":\"ADDED\",\"object\":{}}"])
    }

    @Test("Several events in one chunk come out one by one")
    func severalInOneChunk() throws {
        #expect(try lines(["{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n"]) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    }

    @Test("A trailing partial line is returned only when the stream finishes")
    func trailingPartialLine() throws {
        #expect(try lines(["{\"a\":1}\n{\"b\":"], finish: false) == ["{\"a\":1}"])
        #expect(try lines(["{\"a\":1}\n{\"b\":", "2}"]) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test("Blank lines and CRLF terminators are dropped")
    func blankLinesAndCRLF() throws {
        #expect(try lines(["\n{\"a\":1}\r\n\r\n", "\n{\"b\":2}\r", "\n  "]) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test("A newline alone in its own chunk ends the pending line")
    func newlineInOwnChunk() throws {
        #expect(try lines(["{\"a\":", "1}", "\n", "{\"b\":2}", "\n"]) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test("Byte-by-byte delivery reassembles every event", arguments: [1, 2, 3, 7])
    func byteByByte(chunkSize: Int) throws {
        let text = "{\"type\":\"ADDED\"}\n{\"type\":\"MODIFIED\"}\n{\"type\":\"DELETED\"}\n"
        let bytes = Array(text.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map {
            String(decoding: bytes[$0..<min($0 + chunkSize, bytes.count)], as: UTF8.self)
        }
        #expect(try lines(chunks) == ["{\"type\":\"ADDED\"}", "{\"type\":\"MODIFIED\"}", "{\"type\":\"DELETED\"}"])
    }

    @Test("An unterminated line longer than the limit is an error")
    func lineTooLong() throws {
        var framer = LineFramer(maxLineLength: 8)
        framer.append(Array("0123456789".utf8))
        #expect(throws: LineFramer.LineTooLong.self) { try framer.nextLine() }
    }
}
