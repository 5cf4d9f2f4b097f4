import KubeCore
import Testing

@Suite("Field selectors")
struct FieldSelectorTests {
    static let pod: JSONValue = [
        "metadata": ["name": "web-0", "namespace": "shop", "labels": ["app": "web"]],
        "spec": ["nodeName": "node-1", "replicas": 3, "paused": false],
        "status": ["phase": "Running"],
    ]

    static let cases: [(String, Bool)] = [
        ("", true),
        ("metadata.name=web-0", true),
        ("metadata.name==web-0", true),
        ("metadata.name!=web-0", false),
        ("metadata.name=web-1", false),
        ("metadata.name=web-0,metadata.namespace!=kube-system", true),
        ("metadata.name=web-0,metadata.namespace=kube-system", false),
        ("status.phase=Running", true),
        ("spec.replicas=3", true),
        ("spec.paused=false", true),
        ("spec.schedulerName=", true),
        ("spec.schedulerName!=", false),
        ("spec.nodeName!=", true),
        ("metadata.labels=", true),
        ("metadata.name=web-0,", true),
        ("metadata.name = web-0", false),
    ]

    @Test("Requirements match by the dotted path's value", arguments: cases)
    func matches(selector: String, expected: Bool) throws {
        #expect(try FieldSelector(parsing: selector).matches(Self.pod) == expected)
    }

    @Test("Parsing keeps terms, operators and escaped values")
    func parsing() throws {
        let selector = try FieldSelector(parsing: #"metadata.name=a\,b,spec.x!=c\=d,y==e\\f"#)
        #expect(
            selector.requirements == [
                .init(field: "metadata.name", operator: .equals, value: "a,b"),
                .init(field: "spec.x", operator: .notEquals, value: "c=d"),
                .init(field: "y", operator: .doubleEquals, value: #"e\f"#),
            ]
        )
        #expect(selector.description == #"metadata.name=a\,b,spec.x!=c\=d,y==e\\f"#)
        #expect(try FieldSelector(parsing: selector.description) == selector)
        #expect(selector.exactMatch(for: "metadata.name") == "a,b")
        #expect(selector.exactMatch(for: "spec.x") == nil)
        #expect(
            try FieldSelector(parsing: "a!b=c").requirements == [.init(field: "a!b", operator: .equals, value: "c")]
        )
    }

    @Test(
        "Terms without an operator or field are rejected with their position",
        arguments: [
            ("metadata.name", 0), ("a=b,nonsense", 4), ("=x", 0), ("a=b,c!d", 4),
        ]
    )
    func errors(selector: String, position: Int) {
        #expect(throws: FieldSelectorParseError.self) { try FieldSelector(parsing: selector) }
        do {
            _ = try FieldSelector(parsing: selector)
        } catch {
            #expect(error.position == position)
        }
    }
}
