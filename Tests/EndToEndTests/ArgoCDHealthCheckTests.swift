import Foundation
import KubeCore
import Testing
import Yams

/// The Argo CD health check we ship (`gitops/argocd/agriplatform-health.lua`), run by a real Lua 5.1 interpreter —
/// the language of Argo CD's gopher-lua — on AgriPlatforms in each phase the operator reports.
@Suite("The Argo CD health check", .timeLimit(.minutes(1)))
struct ArgoCDHealthCheckTests {
    static let script = PackageFiles.root.appendingPathComponent("gitops/argocd/agriplatform-health.lua")

    /// A Lua table constructor for `value`, as Argo CD hands the live object to the script.
    static func lua(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\"\(escaped)\""
        case .array(let elements): return "{" + elements.map(lua).joined(separator: ", ") + "}"
        case .object(let members):
            return "{"
                + members.keys.sorted().map { "[\(lua(.string($0)))] = \(lua(members[$0]!))" }
                .joined(separator: ", ") + "}"
        }
    }

    /// Runs the health check on `object`; returns `status` and `message`.
    static func health(of object: JSONValue) async throws -> (status: String, message: String) {
        let interpreter = ProcessInfo.processInfo.environment["AGRI_LUA"] ?? "/usr/bin/lua5.1"
        try #require(
            FileManager.default.isExecutableFile(atPath: interpreter),
            "lua5.1 not found: run scripts/install-datastores (scripts/test does) or set AGRI_LUA"
        )
        let check = try String(contentsOf: script, encoding: .utf8)
        let program = """
            obj = \(lua(object))
            local function check()
            \(check)
            end
            local hs = check()
            io.write(hs.status, "\\n", hs.message or "")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-"]
        let result = try await ProcessRun.run(process, stdin: program)
        try #require(result.status == 0, "lua failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(lines.first ?? ""), lines.count > 1 ? String(lines[1]) : "")
    }

    static func platform(
        generation: Int64 = 2,
        observed: Int64? = 2,
        phase: String?,
        conditions: JSONValue = []
    )
        -> JSONValue
    {
        var object: JSONValue = [
            "apiVersion": "agriplatform.io/v1alpha1", "kind": "AgriPlatform",
            "metadata": ["name": "farm", "generation": .integer(generation)],
        ]
        if let observed {
            var status: JSONValue = ["observedGeneration": .integer(observed), "conditions": conditions]
            if let phase { status["phase"] = .string(phase) }
            object["status"] = status
        }
        return object
    }

    static func condition(_ type: String, _ status: String, _ message: String) -> JSONValue {
        ["type": .string(type), "status": .string(status), "reason": "R", "message": .string(message)]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var object: JSONValue
        var health: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "no status yet",
            object: platform(observed: nil, phase: nil),
            health: "Progressing",
            message: "Waiting for agri-operator to observe the platform"
        ),
        Case(
            name: "an older generation observed",
            object: platform(generation: 3, observed: 2, phase: "Ready"),
            health: "Progressing",
            message: "Waiting for agri-operator to observe generation 3"
        ),
        Case(
            name: "Ready",
            object: platform(phase: "Ready", conditions: [condition("Ready", "True", "2 services ready")]),
            health: "Healthy",
            message: "2 services ready"
        ),
        Case(
            name: "rolling out",
            object: platform(phase: "Progressing", conditions: [condition("Ready", "False", "api: 1/2 updated")]),
            health: "Progressing",
            message: "api: 1/2 updated"
        ),
        Case(
            name: "a release waits for promotion",
            object: platform(phase: "Paused", conditions: [condition("Ready", "False", "api: waiting for promote")]),
            health: "Suspended",
            message: "api: waiting for promote"
        ),
        Case(
            name: "rolled back",
            object: platform(phase: "Degraded", conditions: [condition("Degraded", "True", "api: rolled back")]),
            health: "Degraded",
            message: "api: rolled back"
        ),
        Case(
            name: "an invalid spec",
            object: platform(
                phase: "Failed",
                conditions: [
                    condition("InvalidSpec", "True", "spec.services[0].image: required"),
                    condition("Degraded", "False", "nothing is failing"),
                ]
            ),
            health: "Degraded",
            message: "spec.services[0].image: required"
        ),
        Case(
            name: "a refused write",
            object: platform(
                phase: "Failed",
                conditions: [
                    condition("InvalidSpec", "False", "valid"),
                    condition("Degraded", "True", "Ingress farm-api: Forbidden"),
                ]
            ),
            health: "Degraded",
            message: "Ingress farm-api: Forbidden"
        ),
    ]

    @Test("Each phase maps to Argo CD's health with the operator's own message", arguments: cases)
    func phaseToHealth(_ example: Case) async throws {
        let health = try await Self.health(of: example.object)
        #expect(health.status == example.health)
        #expect(health.message == example.message)
    }

    @Test("The argocd-cm snippet carries the same script, under the key Argo CD looks up")
    func configMapCarriesTheScript() throws {
        let url = PackageFiles.root.appendingPathComponent("gitops/argocd/argocd-cm.yaml")
        let configMap = try #require(try YAMLDocuments.parse(try String(contentsOf: url, encoding: .utf8)).first)
        let embedded = configMap[path: ["data", "resource.customizations.health.agriplatform.io_AgriPlatform"]]
        #expect(embedded?.stringValue == (try String(contentsOf: Self.script, encoding: .utf8)))
    }
}
