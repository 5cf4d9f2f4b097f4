import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

private let now = Time(Date(timeIntervalSince1970: 1_800_000_000))

private func timestamp(secondsAgo: Double) -> JSONValue {
    .string(Time(now.date.addingTimeInterval(-secondsAgo)).description)
}

@Suite("Table conversion for kubectl get")
struct TableConverterTests {
    static let ages: [(Double, String)] = [
        (-5, "<invalid>"), (-1, "0s"), (0, "0s"), (5, "5s"), (119, "119s"), (120, "2m"), (192, "3m12s"),
        (600, "10m"), (179 * 60, "179m"), (3 * 3600, "3h"), (2 * 3600 + 5 * 60 + 3 * 3600, "5h5m"),
        (10 * 3600, "10h"), (51 * 3600, "2d3h"), (3 * 86_400, "3d"), (30 * 86_400, "30d"),
        (800 * 86_400, "2y70d"), (9 * 365 * 86_400, "9y"),
    ]

    @Test("Ages are humanized like kubectl", arguments: ages)
    func humanDuration(seconds: Double, expected: String) {
        #expect(TableConverter.humanDuration(seconds) == expected)
    }

    @Test("Printer columns come from a CRD version")
    func crdColumns() {
        let version: JSONValue = [
            "name": "v1",
            "additionalPrinterColumns": [
                ["name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"],
                ["name": "Phase", "type": "string", "jsonPath": ".status.phase", "priority": 1, "description": "d"],
                ["name": "Broken", "jsonPath": ".x"],
            ],
        ]
        #expect(
            PrinterColumn.columns(fromCRDVersion: version) == [
                PrinterColumn(name: "Replicas", type: "integer", jsonPath: ".spec.replicas"),
                PrinterColumn(name: "Phase", type: "string", description: "d", priority: 1, jsonPath: ".status.phase"),
            ]
        )
    }

    @Test("Rows carry Name, printer columns with the Ready-condition filter, and Age")
    func rows() throws {
        let object: JSONValue = [
            "apiVersion": "agri.example.com/v1", "kind": "Platform",
            "metadata": ["name": "prod", "namespace": "farm", "creationTimestamp": timestamp(secondsAgo: 192)],
            "spec": ["replicas": 3, "hosts": ["a", "b"]],
            "status": [
                "conditions": [
                    ["type": "Progressing", "status": "False"],
                    ["type": "Ready", "status": "True"],
                ],
                "lastUpdate": timestamp(secondsAgo: 51 * 3600),
            ],
        ]
        let columns = [
            PrinterColumn(name: "Replicas", type: "integer", jsonPath: ".spec.replicas"),
            PrinterColumn(name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type==\"Ready\")].status"),
            PrinterColumn(name: "First", type: "string", jsonPath: ".spec.hosts[0]"),
            PrinterColumn(name: "Hosts", type: "string", jsonPath: "{.spec.hosts[*]}"),
            PrinterColumn(name: "Missing", type: "string", jsonPath: ".status.nothing"),
            PrinterColumn(name: "Updated", type: "date", jsonPath: ".status.lastUpdate"),
        ]
        let table = TableConverter.table(
            objects: [object],
            columns: columns,
            listMetadata: ["resourceVersion": "7"],
            includeObject: "",
            now: now
        )
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(table["metadata"] == ["resourceVersion": "7"])
        let definitions = try #require(table["columnDefinitions"]?.arrayValue)
        #expect(
            definitions.compactMap { $0["name"]?.stringValue } == [
                "Name", "Replicas", "Ready", "First", "Hosts", "Missing", "Updated", "Age",
            ]
        )
        #expect(definitions.first?["format"] == "name")
        #expect(definitions.last?["type"] == "date")
        let row = try #require(table["rows"]?.arrayValue?.first)
        #expect(row["cells"] == ["prod", 3, "True", "a", "a b", nil, "2d3h", "3m12s"])
        #expect(
            row["object"] == [
                "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"]!,
            ]
        )
    }

    @Test("includeObject selects the row object", arguments: ["None", "Object", "Metadata"])
    func includeObject(_ mode: String) throws {
        let object: JSONValue = ["kind": "ConfigMap", "metadata": ["name": "c"], "data": ["a": "1"]]
        let table = TableConverter.table(
            objects: [object],
            columns: [],
            listMetadata: [:],
            includeObject: mode,
            now: now
        )
        let row = try #require(table["rows"]?.arrayValue?.first)
        switch mode {
        case "None": #expect(row["object"] == nil)
        case "Object": #expect(row["object"] == object)
        default: #expect(row["object"]?["kind"] == "PartialObjectMetadata")
        }
        #expect(row["cells"] == ["c", "<unknown>"])
    }

    @Test("Built-in Deployment columns show ready/desired replicas and zero for missing counts")
    func deploymentColumns() throws {
        let columns = try #require(PrinterColumn.builtInColumns(kind: "Deployment"))
        let deployment: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": timestamp(secondsAgo: 10)],
            "spec": [
                "replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                "template": ["spec": ["containers": [["name": "app", "image": "nginx:1"]]]],
            ],
            "status": ["readyReplicas": 2, "updatedReplicas": 3],
        ]
        let table = TableConverter.table(
            objects: [deployment],
            columns: columns,
            listMetadata: [:],
            includeObject: "None",
            now: now
        )
        let names = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
        #expect(table["rows"]?.arrayValue?.first?["cells"] == ["web", "2/3", 3, 0, "10s", "app", "nginx:1", "app=web"])
    }

    @Test("Built-in Pod, Service, ConfigMap and Namespace cells")
    func otherBuiltIns() throws {
        let pod: JSONValue = [
            "metadata": ["name": "p"],
            "spec": ["containers": [["name": "a"], ["name": "b"]]],
            "status": [
                "phase": "Running",
                "containerStatuses": [
                    ["ready": true, "restartCount": 2, "state": ["running": [:]]],
                    ["ready": false, "restartCount": 1, "state": ["waiting": ["reason": "CrashLoopBackOff"]]],
                ],
            ],
        ]
        let service: JSONValue = [
            "metadata": ["name": "s"],
            "spec": [
                "type": "NodePort", "clusterIP": "10.0.0.1",
                "ports": [["port": 80, "protocol": "TCP"], ["port": 53, "nodePort": 30053, "protocol": "UDP"]],
            ],
        ]
        let configMap: JSONValue = ["metadata": ["name": "c"], "data": ["a": "1", "b": "2"], "binaryData": ["c": ""]]
        let namespace: JSONValue = ["metadata": ["name": "n"], "status": ["phase": "Active"]]
        func cells(_ kind: String, _ object: JSONValue) throws -> JSONValue? {
            let columns = try #require(PrinterColumn.builtInColumns(kind: kind))
            let table = TableConverter.table(
                objects: [object],
                columns: columns,
                listMetadata: [:],
                includeObject: "None",
                now: now
            )
            return table["rows"]?.arrayValue?.first?["cells"]
        }
        #expect(try cells("Pod", pod) == ["p", "1/2", "CrashLoopBackOff", "3", "<unknown>", nil, nil])
        #expect(
            try cells("Service", service)
                == ["s", "NodePort", "10.0.0.1", "<none>", "80/TCP,53:30053/UDP", "<unknown>", "<none>"]
        )
        #expect(try cells("ConfigMap", configMap) == ["c", 3, "<unknown>"])
        #expect(try cells("Namespace", namespace) == ["n", "Active", "<unknown>"])
        #expect(PrinterColumn.builtInColumns(kind: "Lease") == nil)
    }

    @Test("JSONPath expressions select fields, indexes, wildcards and filters")
    func jsonPath() throws {
        let value: JSONValue = [
            "items": [["n": 1, "t": "a"], ["n": 2, "t": "b"], ["n": 3, "t": "b"]],
            "a.b": "dotted",
        ]
        func select(_ text: String) throws -> [JSONValue] {
            try #require(JSONPathExpression(text)).evaluate(value)
        }
        #expect(try select(".items[0].n") == [1])
        #expect(try select("$.items[-1].n") == [3])
        #expect(try select(".items[*].t") == ["a", "b", "b"])
        #expect(try select(".items[?(@.t=='b')].n") == [2, 3])
        #expect(try select(".items[?(@.n > 1)].t") == ["b", "b"])
        #expect(try select(".items[?(@.n != 2)].n") == [1, 3])
        #expect(try select("['a.b']") == ["dotted"])
        #expect(try select(".missing.deeper") == [])
        #expect(JSONPathExpression("..recursive") == nil)
    }
}
