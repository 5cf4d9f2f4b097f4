import Foundation
import KubeCore
import Testing

@Suite("JSON patch")
struct JSONPatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var document: String
        var patch: String
        /// The patched document, or `nil` when the patch must fail.
        var expected: String?
        var testDescription: String { name }
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    static func operations(_ text: String) throws -> [JSONPatchOperation] {
        try KubeJSON.decode([JSONPatchOperation].self, from: Data(text.utf8))
    }

    /// RFC 6902 appendix A (A.11 and A.13 are about unknown members and malformed documents, which decoding covers).
    static let appendixA: [Case] = [
        Case(
            name: "A.1 Adding an object member",
            document: #"{"foo": "bar"}"#,
            patch: #"[{"op": "add", "path": "/baz", "value": "qux"}]"#,
            expected: #"{"baz": "qux", "foo": "bar"}"#
        ),
        Case(
            name: "A.2 Adding an array element",
            document: #"{"foo": ["bar", "baz"]}"#,
            patch: #"[{"op": "add", "path": "/foo/1", "value": "qux"}]"#,
            expected: #"{"foo": ["bar", "qux", "baz"]}"#
        ),
        Case(
            name: "A.3 Removing an object member",
            document: #"{"baz": "qux", "foo": "bar"}"#,
            patch: #"[{"op": "remove", "path": "/baz"}]"#,
            expected: #"{"foo": "bar"}"#
        ),
        Case(
            name: "A.4 Removing an array element",
            document: #"{"foo": ["bar", "qux", "baz"]}"#,
            patch: #"[{"op": "remove", "path": "/foo/1"}]"#,
            expected: #"{"foo": ["bar", "baz"]}"#
        ),
        Case(
            name: "A.5 Replacing a value",
            document: #"{"baz": "qux", "foo": "bar"}"#,
            patch: #"[{"op": "replace", "path": "/baz", "value": "boo"}]"#,
            expected: #"{"baz": "boo", "foo": "bar"}"#
        ),
        Case(
            name: "A.6 Moving a value",
            document: #"{"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}"#,
            patch: #"[{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]"#,
            expected: #"{"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}"#
        ),
        Case(
            name: "A.7 Moving an array element",
            document: #"{"foo": ["all", "grass", "cows", "eat"]}"#,
            patch: #"[{"op": "move", "from": "/foo/1", "path": "/foo/3"}]"#,
            expected: #"{"foo": ["all", "cows", "eat", "grass"]}"#
        ),
        Case(
            name: "A.8 Testing a value: success",
            document: #"{"baz": "qux", "foo": ["a", 2, "c"]}"#,
            patch: #"[{"op": "test", "path": "/baz", "value": "qux"}, {"op": "test", "path": "/foo/1", "value": 2}]"#,
            expected: #"{"baz": "qux", "foo": ["a", 2, "c"]}"#
        ),
        Case(
            name: "A.9 Testing a value: error",
            document: #"{"baz": "qux"}"#,
            patch: #"[{"op": "test", "path": "/baz", "value": "bar"}]"#,
            expected: nil
        ),
        Case(
            name: "A.10 Adding a nested member object",
            document: #"{"foo": "bar"}"#,
            patch: #"[{"op": "add", "path": "/child", "value": {"grandchild": {}}}]"#,
            expected: #"{"foo": "bar", "child": {"grandchild": {}}}"#
        ),
        Case(
            name: "A.12 Adding to a nonexistent target",
            document: #"{"foo": "bar"}"#,
            patch: #"[{"op": "add", "path": "/baz/bat", "value": "qux"}]"#,
            expected: nil
        ),
        Case(
            name: "A.14 ~ escape ordering",
            document: #"{"/": 9, "~1": 10}"#,
            patch: #"[{"op": "test", "path": "/~01", "value": 10}]"#,
            expected: #"{"/": 9, "~1": 10}"#
        ),
        Case(
            name: "A.15 Comparing strings and numbers",
            document: #"{"/": 9, "~1": 10}"#,
            patch: #"[{"op": "test", "path": "/~01", "value": "10"}]"#,
            expected: nil
        ),
        Case(
            name: "A.16 Adding an array value",
            document: #"{"foo": ["bar"]}"#,
            patch: #"[{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}]"#,
            expected: #"{"foo": ["bar", ["abc", "def"]]}"#
        ),
    ]

    static let moreCases: [Case] = [
        Case(
            name: "~1 addresses a member with a slash",
            document: #"{"metadata": {"labels": {}}}"#,
            patch: #"[{"op": "add", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "web"}]"#,
            expected: #"{"metadata": {"labels": {"app.kubernetes.io/name": "web"}}}"#
        ),
        Case(
            name: "Insert at the end index and at the start",
            document: #"[1, 2]"#,
            patch: #"[{"op": "add", "path": "/2", "value": 3}, {"op": "add", "path": "/0", "value": 0}]"#,
            expected: #"[0, 1, 2, 3]"#
        ),
        Case(
            name: "Insert past the end fails",
            document: #"[1, 2]"#,
            patch: #"[{"op": "add", "path": "/3", "value": 3}]"#,
            expected: nil
        ),
        Case(
            name: "Index with a leading zero fails",
            document: #"[1, 2]"#,
            patch: #"[{"op": "replace", "path": "/01", "value": 3}]"#,
            expected: nil
        ),
        Case(
            name: "Replace needs an existing member",
            document: #"{"a": 1}"#,
            patch: #"[{"op": "replace", "path": "/b", "value": 2}]"#,
            expected: nil
        ),
        Case(
            name: "Replace the whole document",
            document: #"{"a": 1}"#,
            patch: #"[{"op": "replace", "path": "", "value": [true]}]"#,
            expected: #"[true]"#
        ),
        Case(
            name: "Copy duplicates a subtree",
            document: #"{"a": {"b": [1]}, "c": {}}"#,
            patch: #"[{"op": "copy", "from": "/a/b", "path": "/c/d"}, {"op": "add", "path": "/c/d/-", "value": 2}]"#,
            expected: #"{"a": {"b": [1]}, "c": {"d": [1, 2]}}"#
        ),
        Case(
            name: "Move into its own child fails",
            document: #"{"a": {"b": {}}}"#,
            patch: #"[{"op": "move", "from": "/a", "path": "/a/b/c"}]"#,
            expected: nil
        ),
        Case(
            name: "Move to the same place changes nothing",
            document: #"{"a": 1}"#,
            patch: #"[{"op": "move", "from": "/a", "path": "/a"}]"#,
            expected: #"{"a": 1}"#
        ),
        Case(
            name: "Test compares numbers by value and objects regardless of order",
            document: #"{"a": {"x": 1, "y": [1.0, "s"]}}"#,
            patch: #"[{"op": "test", "path": "/a", "value": {"y": [1, "s"], "x": 1.0}}]"#,
            expected: #"{"a": {"x": 1, "y": [1.0, "s"]}}"#
        ),
        Case(
            name: "Remove the last array element by index",
            document: #"{"a": [1, 2, 3]}"#,
            patch: #"[{"op": "remove", "path": "/a/2"}]"#,
            expected: #"{"a": [1, 2]}"#
        ),
        Case(
            name: "Remove with '-' fails",
            document: #"{"a": [1]}"#,
            patch: #"[{"op": "remove", "path": "/a/-"}]"#,
            expected: nil
        ),
        Case(
            name: "A pointer without a leading slash fails",
            document: #"{"a": 1}"#,
            patch: #"[{"op": "remove", "path": "a"}]"#,
            expected: nil
        ),
        Case(
            name: "Add without a value fails",
            document: #"{}"#,
            patch: #"[{"op": "add", "path": "/a"}]"#,
            expected: nil
        ),
        Case(
            name: "An empty member name is a valid key",
            document: #"{"": {"": 1}}"#,
            patch: #"[{"op": "replace", "path": "//", "value": 2}]"#,
            expected: #"{"": {"": 2}}"#
        ),
        Case(
            name: "A failure in a later operation discards the earlier ones",
            document: #"{"a": 1}"#,
            patch: #"[{"op": "add", "path": "/b", "value": 2}, {"op": "remove", "path": "/zzz"}]"#,
            expected: nil
        ),
    ]

    @Test("RFC 6902 appendix A examples", arguments: appendixA)
    func appendix(testCase: Case) throws {
        try check(testCase)
    }

    @Test("Edge cases of pointers, arrays and operations", arguments: moreCases)
    func edgeCases(testCase: Case) throws {
        try check(testCase)
    }

    func check(_ testCase: Case) throws {
        let document = try Self.json(testCase.document)
        let operations = try Self.operations(testCase.patch)
        if let expected = testCase.expected {
            let patched = try document.applyingJSONPatch(operations)
            #expect(patched.isEqualAsJSON(try Self.json(expected)), "\(patched)")
        } else {
            #expect(throws: JSONPatchError.self) { try document.applyingJSONPatch(operations) }
        }
    }

    /// Patch, the index of the failing operation, and words the message must contain.
    static let errors: [(String, Int, [String])] = [
        (
            #"[{"op": "test", "path": "/a", "value": 1}, {"op": "test", "path": "/a", "value": 2}]"#, 1,
            ["test", "\"/a\"", "test failed", "found 1", "expected 2"]
        ),
        (#"[{"op": "remove", "path": "/list/5"}]"#, 0, ["remove", "\"/list/5\"", "out of range", "2 elements"]),
        (
            #"[{"op": "add", "path": "/a", "value": 0}, {"op": "replace", "path": "/nope/x", "value": 0}]"#, 1,
            ["replace", "path not found", "\"nope\""]
        ),
        (#"[{"op": "copy", "path": "/b"}]"#, 0, ["copy", "missing \"from\""]),
        (#"[{"op": "add", "path": "/a/~2", "value": 0}]"#, 0, ["invalid escape"]),
        (#"[{"op": "add", "path": "/list/x", "value": 0}]"#, 0, ["\"x\" is not an array index"]),
    ]

    @Test("Errors name the operation index and what failed", arguments: errors)
    func errorMessages(patch: String, index: Int, words: [String]) throws {
        let document = try Self.json(#"{"a": 1, "list": [1, 2]}"#)
        let operations = try Self.operations(patch)
        do {
            _ = try document.applyingJSONPatch(operations)
            Issue.record("the patch applied")
        } catch {
            #expect(error.index == index)
            for word in words { #expect(error.message.contains(word), "\(error.message)") }
            #expect(error.description.hasPrefix("JSON patch operation \(index): "))
        }
    }

    @Test("JSON equality treats 1 and 1.0 as equal but not 1 and \"1\"")
    func jsonEquality() {
        #expect(JSONValue.integer(1).isEqualAsJSON(.number(1.0)))
        #expect(!JSONValue.integer(1).isEqualAsJSON(.number(1.5)))
        #expect(!JSONValue.integer(1).isEqualAsJSON(.string("1")))
        #expect(JSONValue.object(["a": [1, 2.0]]).isEqualAsJSON(["a": [1.0, 2]]))
        #expect(!JSONValue.object(["a": 1]).isEqualAsJSON(["a": 1, "b": 2]))
        #expect(!JSONValue.array([1]).isEqualAsJSON([1, 1]))
        #expect(JSONValue.null.isEqualAsJSON(nil))
    }
}
