import Foundation
import KubeRuntime
import Logging
import Testing

@Suite("JSON log handler")
struct JSONLogHandlerTests {
    @Test("A record is one JSON line with time, level, logger, message and every metadata key as a field")
    func oneLine() throws {
        let lines = Locked<[String]>([])
        var logger = Logger(label: "kube-runtime.controller") { label in
            JSONLogHandler(label: label, now: { Date(timeIntervalSince1970: 1_800_000_000.25) }) { line in
                lines.withLock { $0.append(line) }
            }
        }
        logger[metadataKey: "controller"] = "agriplatform"
        logger.debug("not at info level")
        logger.info(
            "Reconciled",
            metadata: ["namespace": "farm", "name": "farmers-module", "reconcileID": "6f1c", "tags": ["a", "b"]]
        )
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["ts"] as? String == "2027-01-15T08:00:00.250Z")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "kube-runtime.controller")
        #expect(object["msg"] as? String == "Reconciled")
        #expect(object["controller"] as? String == "agriplatform")
        #expect(object["namespace"] as? String == "farm")
        #expect(object["name"] as? String == "farmers-module")
        #expect(object["reconcileID"] as? String == "6f1c")
        #expect(object["tags"] as? [String] == ["a", "b"])
    }
}
