import AgriPlatformAPI
import AgriPlatformPlugin
import KubeClient
import KubeCore
import TestSupport
import Testing

@Suite("kubectl agri commands against KubeTestServer", .timeLimit(.minutes(2)))
struct CommandSenderServerTests {
    @Test("promote writes the service's command annotation as field manager kubectl-agri and leaves the spec alone")
    func writesAnnotation() async throws {
        try await withPlatformServer { cluster in
            let sender = CommandSender(client: cluster.client)
            let command = RolloutCommand(verb: .promote, id: "1764238500123-4f2a")
            let receipt = try await sender.send(command, service: "api", platform: "shop", namespace: "default")
            #expect(receipt.value == "promote@1764238500123-4f2a")
            let stored = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            #expect(
                stored.metadata.annotations == ["api.rollout.agriplatform.io/command": "promote@1764238500123-4f2a"]
            )
            #expect(stored.rolloutCommandValue(service: "api") == receipt.value)
            #expect(stored.spec == Fixtures.platform().spec)
            let managers = (stored.metadata.managedFields ?? []).map(\.manager)
            #expect(managers.contains("kubectl-agri"), "\(managers)")
            #expect(receipt.resourceVersion == stored.metadata.resourceVersion)

            let undo = RolloutCommand(verb: .undo, argument: "3f2a", id: "1764238500999-0001")
            _ = try await sender.send(undo, service: "web", platform: "shop", namespace: "default")
            let both = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            #expect(both.rolloutCommandValue(service: "api") == "promote@1764238500123-4f2a")
            #expect(both.rolloutCommandValue(service: "web") == "undo:3f2a@1764238500999-0001")
        }
    }

    @Test("An unknown platform, an unknown service and a missing CRD are clear errors, and nothing is written")
    func refusals() async throws {
        let command = RolloutCommand(verb: .abort, id: "1-0000")
        try await withPlatformServer { cluster in
            let sender = CommandSender(client: cluster.client)
            await #expect(throws: PluginError.platformNotFound(name: "farm", namespace: "default")) {
                try await sender.send(command, service: "api", platform: "farm", namespace: "default")
            }
            await #expect(throws: PluginError.platformNotFound(name: "shop", namespace: "other")) {
                try await sender.send(command, service: "api", platform: "shop", namespace: "other")
            }
            await #expect(
                throws: PluginError.serviceNotFound(
                    service: "cart",
                    platform: "shop",
                    services: ["api", "web", "worker"]
                )
            ) {
                try await sender.send(command, service: "cart", platform: "shop", namespace: "default")
            }
            let stored = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            #expect(stored.metadata.annotations == nil)
        }
        try await withPlatformServer(installCRD: false) { cluster in
            await #expect(throws: PluginError.resourceNotInstalled) {
                try await CommandSender(client: cluster.client).send(
                    command,
                    service: "api",
                    platform: "shop",
                    namespace: "default"
                )
            }
        }
    }

    @Test("--wait returns the service's status once a stand-in operator records the command as handled")
    func waitReturnsWhenHandled() async throws {
        try await withPlatformServer { cluster in
            let sender = CommandSender(client: cluster.client)
            let receipt = try await sender.send(
                RolloutCommand(verb: .promote, id: "1764238500123-4f2a"),
                service: "api",
                platform: "shop",
                namespace: "default"
            )
            let operatorClient = try cluster.makeClient(userAgent: "operator")
            async let handled = sender.waitUntilHandled(receipt, timeout: .seconds(60))
            try await writeRolloutStatus(operatorClient, service: "web") { $0.phase = .healthy }
            try await writeRolloutStatus(operatorClient, service: "api") {
                $0.phase = .progressing
                $0.lastCommand = receipt.value
                $0.message = "promoted: canary at 50 %"
            }
            let status = try await handled
            #expect(status.name == "api")
            #expect(status.rollout?.lastCommand == receipt.value)
            #expect(status.rollout?.message == "promoted: canary at 50 %")
        }
    }

    @Test("--wait gives up after its time, naming the last command the operator handled")
    func waitTimesOut() async throws {
        try await withPlatformServer { cluster in
            try await writeRolloutStatus(cluster.client, service: "api") { $0.lastCommand = "pause@1-0000" }
            let sender = CommandSender(client: cluster.client)
            let receipt = try await sender.send(
                RolloutCommand(verb: .resume, id: "2-0000"),
                service: "api",
                platform: "shop",
                namespace: "default"
            )
            await #expect(
                throws: PluginError.waitTimedOut(command: "resume@2-0000", seconds: 1, lastCommand: "pause@1-0000")
            ) {
                try await sender.waitUntilHandled(receipt, timeout: .seconds(1))
            }
        }
    }

    @Test("--wait stops when another command replaces this one, or when the platform is deleted")
    func waitSupersededOrDeleted() async throws {
        try await withPlatformServer { cluster in
            let sender = CommandSender(client: cluster.client)
            let first = try await sender.send(
                RolloutCommand(verb: .promote, id: "1-0000"),
                service: "api",
                platform: "shop",
                namespace: "default"
            )
            _ = try await sender.send(
                RolloutCommand(verb: .abort, id: "2-0000"),
                service: "api",
                platform: "shop",
                namespace: "default"
            )
            await #expect(throws: PluginError.superseded(command: "promote@1-0000", by: "abort@2-0000")) {
                try await sender.waitUntilHandled(first, timeout: .seconds(60))
            }

            let latest = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            let pending = CommandSender.Receipt(
                namespace: "default",
                platform: "shop",
                service: "api",
                value: "abort@2-0000",
                resourceVersion: latest.metadata.resourceVersion
            )
            let waiting = Task { try await sender.waitUntilHandled(pending, timeout: .seconds(60)) }
            try await cluster.client.delete(AgriPlatform.self, name: "shop", namespace: "default")
            await #expect(throws: PluginError.platformDeleted(name: "shop", namespace: "default")) {
                try await waiting.value
            }
        }
    }
}
