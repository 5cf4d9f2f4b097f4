import AgriPlatformAPI
import AgriPlatformCLI
import Foundation
import KubeCore
import Testing

/// A small seeded generator (SplitMix64), so every fuzz run can be replayed from the seed it prints.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How many inputs the fuzz tests try: `AGRI_FUZZ_ITERATIONS` when set (the full run), a CI-sized default otherwise.
enum FuzzSize {
    static func iterations(default value: Int) -> Int {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_ITERATIONS"].flatMap(Int.init) ?? value
    }

    /// The seed: `AGRI_FUZZ_SEED` to replay a reported failure, fixed otherwise so CI is deterministic.
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["AGRI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_A6F1
    }
}

/// Malformed manifest text: the repository's examples truncated, with bytes replaced, inserted or removed, lines
/// duplicated (duplicate keys), tabs in indentation, values of the wrong type, huge numbers, deep nesting, alias
/// bombs and bytes that are not UTF-8. Each goes through the CLI's loader (`validate`/`render` read files with it)
/// and, when it loads, through semantic validation.
@Suite("Fuzzing the manifest loader")
struct ManifestFuzzTests {
    static let corpus: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap {
            try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)
        }
        return [ManifestLoaderTests.valid] + files
    }()

    static let fragments = [
        "\t", ": ", "- ", "---\n", "[", "]", "{", "}", "&a ", "*a", "*b ", "!!binary ", "!!int ", "\"", "'", "#",
        "|\n", ">-\n", "? ", "1e400", "99999999999999999999999999", "-0x8000000000000001", ".nan", "-.inf", "~",
        "null", "yes", "Off", "<<: *a\n", "%YAML 1.1\n", "\u{0}", "\u{FEFF}", "é", "\r\n", "\n  ", ",", "@", "`",
    ]

    /// One mutation of `text`, chosen by `random`.
    static func mutate(_ text: String, _ random: inout FuzzRandom) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0:  // truncation
            bytes.removeSubrange(at...)
        case 1:  // a random byte, possibly not UTF-8
            bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 2:  // a syntax fragment inserted
            bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: at)
        case 3:  // a range removed
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
        case 4:  // a line duplicated: usually a duplicate key
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Int.random(in: 0..<lines.count, using: &random)
            lines.insert(lines[line], at: line)
            return lines.joined(separator: "\n")
        case 5:  // indentation by a tab
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = Int.random(in: 0..<lines.count, using: &random)
            lines[line] = "\t" + lines[line].drop { $0 == " " }
            return lines.joined(separator: "\n")
        case 6:  // a scalar value replaced by one of another type
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = Int.random(in: 0..<lines.count, using: &random)
            if let colon = lines[line].firstIndex(of: ":") {
                let values = ["[1, 2]", "{a: b}", "99999999999999999999", "1.5", "-3", "true", "null", "\"\"", "x"]
                lines[line] = lines[line][...colon] + " " + values.randomElement(using: &random)!
            }
            return lines.joined(separator: "\n")
        case 7:  // random bytes appended
            for _ in 0..<Int.random(in: 1...64, using: &random) {
                bytes.append(UInt8.random(in: 0...255, using: &random))
            }
        default:  // a line swapped with another
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Int.random(in: 0..<lines.count, using: &random)
            lines.swapAt(first, Int.random(in: 0..<lines.count, using: &random))
            return lines.joined(separator: "\n")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Loads `text` as `validate` does and checks what a user would see: a rejection always says where and what.
    static func check(_ text: String) -> [String] {
        var failures: [String] = []
        let result = ManifestLoader.load(text)
        for diagnostic in result.diagnostics {
            if diagnostic.message.isEmpty { failures.append("empty message: \(diagnostic)") }
            if diagnostic.path == nil, diagnostic.position == nil, diagnostic.message != "no YAML documents found" {
                failures.append("neither a path nor a position: \(diagnostic.message)")
            }
        }
        for entry in result.platforms {
            for error in entry.platform.validate() {
                if error.path.isEmpty || error.description.count <= error.path.count + 2 {
                    failures.append("finding without path or message: \(error)")
                }
                let placed = ManifestLoader.diagnostic(
                    path: error.path,
                    message: error.description,
                    document: entry.document
                )
                if placed.message.isEmpty { failures.append("placed finding without message: \(error)") }
            }
        }
        return failures
    }

    @Test("Mutated example manifests never crash the loader, and every problem has a place and a message")
    func mutatedManifests() async {
        let seed = FuzzSize.seed
        var random = FuzzRandom(seed: seed)
        let iterations = FuzzSize.iterations(default: 1500)
        var rejected = 0
        var failures: [String] = []
        for iteration in 0..<iterations {
            if iteration % 50 == 0 { await Task.yield() }
            var text = Self.corpus[iteration % Self.corpus.count]
            for _ in 0...Int.random(in: 0..<4, using: &random) { text = Self.mutate(text, &random) }
            let found = Self.check(text)
            if !ManifestLoader.load(text).diagnostics.isEmpty { rejected += 1 }
            failures += found.map { "iteration \(iteration): \($0)\n--- input ---\n\(text)" }
        }
        print("manifest fuzz: seed \(seed), \(iterations) inputs, \(rejected) rejected, \(failures.count) failures")
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(3).joined(separator: "\n"))")
        #expect(rejected > iterations / 4, "the mutations should break most inputs (seed \(seed))")
    }

    /// Hand-made hostile texts: each must be answered (rejected or loaded) quickly and without a trap.
    static let hostile: [(String, String)] = [
        (
            "billion laughs",
            """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        ),
        (
            "an alias bomb inside a platform",
            """
            apiVersion: agriplatform.io/v1alpha1
            kind: AgriPlatform
            metadata: {name: p}
            x0: &x0 [a, a, a, a, a, a, a, a, a, a]
            x1: &x1 [*x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0]
            x2: &x2 [*x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1]
            x3: &x3 [*x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2]
            x4: &x4 [*x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3]
            x5: &x5 [*x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4]
            x6: &x6 [*x5, *x5, *x5, *x5, *x5, *x5, *x5, *x5, *x5, *x5]
            spec: {services: [{name: a, image: b, command: *x6}]}
            """
        ),
        ("deep flow lists", String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)),
        ("deep flow mappings", String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000)),
        (
            "deep block nesting",
            (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1"
        ),
        ("huge numbers", ManifestLoaderTests.valid.replacing("replicas: 2", with: "replicas: 1e400")),
        (
            "a number beyond 64 bits",
            ManifestLoaderTests.valid.replacing("port: 8080", with: "port: 123456789012345678901234567890")
        ),
        (
            "a hex number beyond 64 bits",
            ManifestLoaderTests.valid.replacing("replicas: 2", with: "replicas: 0xFFFFFFFFFFFFFFFFFF")
        ),
        ("duplicate keys", ManifestLoaderTests.valid.replacing("  name: farmers", with: "  name: farmers\n  name: x")),
        ("a tab as indentation", ManifestLoaderTests.valid.replacing("  name: farmers", with: "\tname: farmers")),
        ("an undefined alias", "a: *nothing"),
        ("a merge key", "a: &a {b: 1}\nc:\n  <<: *a\n"),
        ("a complex key", "? [a, b]\n: c\n"),
        ("NUL bytes", "apiVersion: \u{0}\u{0}\nkind: AgriPlatform\n"),
        ("not UTF-8", String(decoding: [0xFF, 0xFE, 0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], as: UTF8.self)),
        ("only a comment", "# nothing here"),
        ("an empty file", ""),
        ("a long string", "a: " + String(repeating: "x", count: 1_000_000)),
        ("many documents", String(repeating: ManifestLoaderTests.valid + "\n---\n", count: 200)),
        ("a scalar document", "just text"),
        ("a list document", "- 1\n- 2"),
    ]

    @Test("Hostile texts are answered without a trap, and every problem has a place and a message", arguments: 0..<21)
    func hostileText(index: Int) {
        let (name, text) = Self.hostile[index]
        let failures = Self.check(text)
        #expect(failures.isEmpty, "\(name): \(failures.prefix(3))")
    }

    @Test("A control character is reported at its line and column")
    func controlCharacter() {
        let result = ManifestLoader.load("kind: AgriPlatform\nmetadata:\n  name: a\u{1}b\n")
        #expect(
            result.diagnostics.map { $0.formatted(file: "f.yaml") } == [
                "f.yaml:3:10: cannot read the text: control characters are not allowed"
            ]
        )
    }

    @Test("Nesting deeper than the limit is refused with its path")
    func deepNesting() {
        let text = "a: " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        let result = ManifestLoader.load(text)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("nested more than 100 levels") == true)
        #expect(result.diagnostics.first?.path?.hasPrefix("a[0][0]") == true)
    }

    @Test("An alias bomb is refused with a message about its size")
    func aliasBomb() {
        let result = ManifestLoader.load(Self.hostile[0].1)
        #expect(result.platforms.isEmpty)
        #expect(result.diagnostics.contains { $0.message.contains("alias") }, "\(result.diagnostics)")
    }
}
