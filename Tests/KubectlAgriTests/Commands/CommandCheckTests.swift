import AgriPlatformAPI
import AgriPlatformPlugin
import Foundation
import KubeCore
import Testing

@Suite("kubectl agri commands: ids, --wait, and the checks before a write")
struct CommandCheckTests {
    @Test("A command id is the time in milliseconds and four hex digits, and the operator's parser accepts it")
    func commandID() throws {
        let date = Date(timeIntervalSince1970: 1_764_238_500.123_9)
        #expect(CommandID.make(at: date, random: 0x4f2a) == "1764238500123-4f2a")
        #expect(CommandID.make(at: date, random: 0x000a) == "1764238500123-000a")
        let fresh = CommandID.make()
        #expect(fresh.wholeMatch(of: /[0-9]{13}-[0-9a-f]{4}/) != nil, "\(fresh)")
        let parsed = try RolloutCommand(parsing: RolloutCommand(verb: .promote, id: fresh).description)
        #expect(parsed.id == fresh)
    }

    @Test(
        "A bare --wait becomes --wait=60s; values, other flags and arguments after -- stay as they are",
        arguments: [
            (["promote", "shop", "api", "--wait"], ["promote", "shop", "api", "--wait=60s"]),
            (["promote", "--wait=2m", "shop", "api"], ["promote", "--wait=2m", "shop", "api"]),
            (["abort", "shop", "api"], ["abort", "shop", "api"]),
            (["pause", "--", "--wait"], ["pause", "--", "--wait"]),
        ]
    )
    func waitNormalizing(arguments: [String], expected: [String]) {
        #expect(WaitOption.normalizing(arguments) == expected)
    }

    @Test(
        "Wait durations are written like kubectl's",
        arguments: [
            ("60s", Duration.seconds(60)), ("2m", .seconds(120)), ("1m30s", .seconds(90)), ("1h", .seconds(3600)),
            ("500ms", .milliseconds(500)), ("45", .seconds(45)),
        ]
    )
    func waitDuration(text: String, expected: Duration) throws {
        #expect(try WaitOption.parse(text) == expected)
    }

    @Test("A malformed wait duration is refused with an example", arguments: ["", "s", "1x", "-5s", "1.5s", "m1"])
    func badWaitDuration(text: String) {
        #expect(throws: PluginError.invalidArgument("invalid duration \"\(text)\": write it like 60s, 2m or 1m30s")) {
            try WaitOption.parse(text)
        }
    }

    @Test("A command for a service the spec does not have is refused, listing the services it has")
    func unknownService() {
        #expect(
            throws: PluginError.serviceNotFound(service: "cart", platform: "shop", services: ["api", "web", "worker"])
        ) {
            try CommandSender.check(
                RolloutCommand(verb: .promote, id: "1-0000"),
                service: "cart",
                in: Fixtures.platform()
            )
        }
    }

    @Test(
        "undo --to-revision must name one completed revision when the service has a history",
        arguments: [
            ("3f2a", nil),
            ("3f2a9c1b7d", nil),
            (
                "77aa",
                PluginError.revisionNotFound(revision: "77aa", service: "api", history: ["3f2a9c1b7d", "3f2b000000"])
            ),
            (
                "3f2",
                PluginError.invalidArgument(
                    "invalid command: undo's revision must be 4–64 hexadecimal digits (see kubectl agri get)"
                )
            ),
            (
                "3f2a9c1b7dzz",
                PluginError.invalidArgument(
                    "invalid command: undo's revision must be 4–64 hexadecimal digits (see kubectl agri get)"
                )
            ),
        ] as [(String, PluginError?)]
    )
    func undoRevision(revision: String, expected: PluginError?) {
        var status = Fixtures.canaryInProgress()
        status.history?.append(RevisionRecord(revision: "3f2b000000", image: nil, completedAt: nil))
        let platform = Fixtures.withStatus(Fixtures.platform(), api: status)
        let command = RolloutCommand(verb: .undo, argument: revision, id: "1-0000")
        if let expected {
            #expect(throws: expected) { try CommandSender.check(command, service: "api", in: platform) }
        } else {
            #expect(throws: Never.self) { try CommandSender.check(command, service: "api", in: platform) }
        }
    }

    @Test("A revision prefix shared by two completed revisions is refused as ambiguous")
    func ambiguousRevision() {
        var status = Fixtures.canaryInProgress()
        status.history?.append(RevisionRecord(revision: "3f2a000000", image: nil, completedAt: nil))
        let platform = Fixtures.withStatus(Fixtures.platform(), api: status)
        #expect(throws: PluginError.ambiguousRevision(revision: "3f2a", matches: ["3f2a000000", "3f2a9c1b7d"])) {
            try CommandSender.check(
                RolloutCommand(verb: .undo, argument: "3f2a", id: "1-0000"),
                service: "api",
                in: platform
            )
        }
    }

    @Test("Without a history yet, the undo revision is left for the operator to judge")
    func undoWithoutHistory() throws {
        let command = RolloutCommand(verb: .undo, argument: "abcd", id: "1-0000")
        try CommandSender.check(command, service: "web", in: Fixtures.withStatus(Fixtures.platform()))
    }

    @Test("The write is a merge patch of exactly one annotation")
    func patchBody() throws {
        let patch = CommandSender.patch(value: "promote@1-0000", service: "api")
        #expect(patch.contentType == "application/merge-patch+json")
        let body = try JSONValue(parsing: try patch.body())
        #expect(body == ["metadata": ["annotations": ["api.rollout.agriplatform.io/command": "promote@1-0000"]]])
    }

    @Test("Errors read as sentences naming what to do")
    func messages() {
        #expect(
            PluginError.platformNotFound(name: "shop", namespace: "farm").description
                == "agriplatform \"shop\" not found in namespace \"farm\""
        )
        #expect(
            PluginError.serviceNotFound(service: "cart", platform: "shop", services: ["api"]).description
                == "agriplatform \"shop\" has no service \"cart\" (its services: api)"
        )
        #expect(
            PluginError.waitTimedOut(command: "abort@1-0000", seconds: 5, lastCommand: nil).description.hasPrefix(
                "the operator did not handle \"abort@1-0000\" within 5s (last handled: none); is agri-operator running?"
            )
        )
    }
}
