import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("CEL validation rules through the API")
struct ValidationRuleServerTests {
    typealias F = ValidationRuleFixtures

    struct Reply {
        var code: Int
        var body: JSONValue
    }

    /// One request through the server's request pipeline (routing, admission, storage), without a socket.
    static func send(
        _ server: KubeTestServer,
        _ method: String,
        _ path: String,
        _ body: JSONValue? = nil,
        contentType: String = "application/json"
    ) async throws -> Reply {
        var headers = [("Content-Type", contentType)]
        if let token = server.configuration.bearerToken { headers.append(("Authorization", "Bearer \(token)")) }
        let request = HTTPRequest(
            method: method,
            uri: path,
            headers: headers,
            body: try body?.serialized() ?? Data()
        )
        let response = await server.api.respond(to: request)
        return Reply(code: response.status, body: (try? JSONValue(parsing: response.bodyData)) ?? .null)
    }

    static let crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
    static let platforms = "/apis/agri.example.com/v1/namespaces/default/platforms"
    static let invalid = "Platform.agri.example.com \"p\" is invalid: "

    @Test("A CRD whose rule does not compile is rejected with 422 at the rule's path")
    func uncompilableRule() async throws {
        let server = try await KubeTestServer.start()
        let rules = [
            "spec", "versions", "0", "schema", "openAPIV3Schema", "properties", "spec", "x-kubernetes-validations",
        ]
        let crd = F.setting(
            F.crd,
            path: rules[...],
            to: [["rule": "self.minReplicas <="], ["rule": "self.minReplicas == 1", "messageExpression": "'a' +"]]
        )
        let reply = try await Self.send(server, "POST", Self.crds, crd)
        #expect(reply.code == 422)
        #expect(reply.body["reason"] == "Invalid")
        let causes = reply.body[path: ["details", "causes"]]?.arrayValue ?? []
        #expect(
            causes.compactMap { $0["field"]?.stringValue } == [
                "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule",
                "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].messageExpression",
            ]
        )
        let message = causes.first?["message"]?.stringValue ?? ""
        #expect(
            message.hasPrefix(
                "Invalid value: apiextensions.ValidationRule{Rule:\"self.minReplicas <=\", Message:\"\", "
                    + "MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", "
                    + "OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:20: Syntax error:"
            )
        )
        #expect(try await Self.send(server, "GET", Self.crds + "/platforms.agri.example.com").code == 404)
        try await server.shutdown()
    }

    @Test("Creates, updates and patches are rejected by rules as kubectl apply would see it")
    func endToEnd() async throws {
        let server = try await KubeTestServer.start()
        #expect(try await Self.send(server, "POST", Self.crds, F.crd).code == 201)

        let invalid = F.valid(setting: ["spec", "minReplicas"], to: 5)
        let rejected = try await Self.send(server, "POST", Self.platforms, invalid)
        #expect(rejected.code == 422)
        #expect(
            rejected.body["message"]
                == .string(Self.invalid + "spec: Invalid value: \"object\": minReplicas must be <= maxReplicas")
        )
        #expect(rejected.body[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec")

        // On create the transition rule is skipped; on update it compares with the stored object.
        #expect(try await Self.send(server, "POST", Self.platforms, F.valid).code == 201)
        var stored = try await Self.send(server, "GET", Self.platforms + "/p").body
        stored[path: ["spec", "storageClass"]] = "slow"
        let update = try await Self.send(server, "PUT", Self.platforms + "/p", stored)
        #expect(update.code == 422)
        #expect(
            update.body["message"]
                == .string(Self.invalid + "spec.storageClass: Invalid value: \"string\": storageClass is immutable")
        )

        let patch: JSONValue = ["spec": ["services": [["name": "api", "port": 8080, "uses": ["queue"]]]]]
        let patched = try await Self.send(
            server,
            "PATCH",
            Self.platforms + "/p",
            patch,
            contentType: "application/merge-patch+json"
        )
        #expect(patched.code == 422)
        #expect(
            patched.body["message"]
                == .string(
                    Self.invalid
                        + "spec.services: Invalid value: \"object\": "
                        + "services may only use declared datastores: db, cache"
                )
        )

        let fine = try await Self.send(
            server,
            "PATCH",
            Self.platforms + "/p",
            ["spec": ["maxReplicas": 4]],
            contentType: "application/merge-patch+json"
        )
        #expect(fine.code == 200)
        #expect(fine.body[path: ["spec", "maxReplicas"]] == 4)
        try await server.shutdown()
    }
}
