import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Secret stringData")
struct SecretStringDataTests {
    @Test("stringData is merged into data as base64 and never stored, and its keys win")
    func stringDataIsMerged() throws {
        let secret: JSONValue = [
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": ["name": "db"],
            "data": ["HOST": .string(Data("old".utf8).base64EncodedString()), "USER": "YWRtaW4="],
            "stringData": ["HOST": "db.internal", "PORT": "5432"],
        ]
        let stored = WritePreparation.mergingStringData(secret)
        #expect(stored["stringData"] == nil)
        let data = try #require(stored["data"]?.objectValue)
        #expect(data["HOST"]?.stringValue == Data("db.internal".utf8).base64EncodedString())
        #expect(data["PORT"]?.stringValue == Data("5432".utf8).base64EncodedString())
        #expect(data["USER"]?.stringValue == "YWRtaW4=")
    }

    @Test("A Secret without stringData is stored as sent")
    func withoutStringData() {
        let secret: JSONValue = ["kind": "Secret", "data": ["A": "Yg=="]]
        #expect(WritePreparation.mergingStringData(secret) == secret)
    }
}
