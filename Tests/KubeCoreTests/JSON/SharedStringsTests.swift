import Foundation
import Testing

@testable import KubeCore

@Suite("Shared strings: repeats within a document are one string")
struct SharedStringsTests {
    /// Where a string's UTF-8 lives: equal for two copies of one shared string, different for two allocations.
    static func storage(of string: String) -> UnsafePointer<UInt8>? {
        string.utf8.withContiguousStorageIfAvailable { $0.baseAddress }.flatMap { $0 }
    }

    @Test(
        "A repeated long ASCII value or name is the same string; short, long-beyond-the-limit and non-ASCII ones are not shared"
    )
    func repeatsAreShared() throws {
        let long = "bench-platform-0001-api"
        let tooLong = String(repeating: "x", count: JSONParser.sharedValueLength + 1)
        let accented = "café-platform-0001-api"
        let text =
            #"[""# + [long, long, "short", "short", tooLong, tooLong, accented, accented].joined(separator: #"",""#)
            + #""]"#
        let values = try JSONValue(parsing: Data(text.utf8)).arrayValue?.compactMap(\.stringValue) ?? []
        #expect(values == [long, long, "short", "short", tooLong, tooLong, accented, accented])
        #expect(Self.storage(of: values[0]) == Self.storage(of: values[1]))
        #expect(Self.storage(of: values[4]) != Self.storage(of: values[5]))
        #expect(Self.storage(of: values[6]) != Self.storage(of: values[7]))
    }

    @Test("Thousands of distinct names, each repeated, come back equal to the text after the table grows")
    func growth() throws {
        let names = (0..<5_000).map { "platform-\($0)-service-name" }
        let members = (names + names.reversed()).enumerated().map { #""k\#($0.offset)":""# + $0.element + #"""# }
        let parsed = try JSONValue(parsing: Data(("{" + members.joined(separator: ",") + "}").utf8))
        for (index, name) in (names + names.reversed()).enumerated() {
            #expect(parsed["k\(index)"]?.stringValue == name)
        }
        let first = try #require(parsed["k0"]?.stringValue)
        let repeated = try #require(parsed["k\(2 * names.count - 1)"]?.stringValue)
        #expect(first == repeated)
        #expect(Self.storage(of: first) == Self.storage(of: repeated))
    }

    @Test("Strings of equal length and different bytes are never confused")
    func equalLengths() {
        var table = SharedStrings()
        let words = (0..<2_000).map { String(format: "name-%011d", $0) }
        for word in words + words {
            let shared = Array(word.utf8).withUnsafeBufferPointer { table.string($0) }
            #expect(shared == word)
        }
    }
}
