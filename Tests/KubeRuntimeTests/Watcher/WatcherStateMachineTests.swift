import KubeCore
import KubeRuntime
import Testing

@Suite("Watcher state machine")
struct WatcherStateMachineTests {
    typealias Machine = WatcherStateMachine<ConfigMap>

    /// One input of a scenario, with objects named `name@resourceVersion`.
    enum Input: Sendable {
        case start
        case page([String], continue: String?, resourceVersion: String)
        case listFailed(Machine.Failure, at: Int)
        case event(WatchEvent<ConfigMap>.EventType, String)
        case watchEnded
        case watchFailed(Machine.Failure, at: Int)
        case inactivityTimeout
        case backoffElapsed
    }

    /// An action, reduced to what a test compares.
    enum Expected: Equatable, Sendable {
        case list(continue: String?)
        case replace([String], resourceVersion: String, watchFrom: String)
        case watch(from: String)
        case apply(WatchEvent<ConfigMap>.EventType, String)
        case resetTimer
        case sleep(Duration)
        case none
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var random: Double = 0
        var steps: [(Input, Expected)]
        var testDescription: String { name }
    }

    static func object(_ spec: String) -> ConfigMap {
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        return ConfigMap(
            metadata: ObjectMeta(name: parts[0], namespace: "ns", resourceVersion: parts.count > 1 ? parts[1] : nil)
        )
    }

    static func describe(_ object: ConfigMap) -> String {
        "\(object.metadata.name ?? "")@\(object.metadata.resourceVersion ?? "")"
    }

    static func feed(_ input: Input, to machine: inout Machine) -> Machine.Action {
        switch input {
        case .start: machine.start()
        case .page(let names, let token, let resourceVersion):
            machine.listPageReceived(items: names.map(object), continue: token, resourceVersion: resourceVersion)
        case .listFailed(let failure, let at): machine.listFailed(failure, now: .seconds(at))
        case .event(let type, let spec):
            machine.watchEventReceived(WatchEvent(type: type, object: object(spec)), now: .zero)
        case .watchEnded: machine.watchEnded()
        case .watchFailed(let failure, let at): machine.watchFailed(failure, now: .seconds(at))
        case .inactivityTimeout: machine.inactivityTimeout()
        case .backoffElapsed: machine.backoffElapsed()
        }
    }

    static func reduce(_ action: Machine.Action) -> Expected {
        switch action {
        case .list(let token, _, _): .list(continue: token)
        case .replaceCacheAndWatch(let items, let resourceVersion, let watch):
            .replace(items.map(describe), resourceVersion: resourceVersion, watchFrom: watch.resourceVersion)
        case .watch(let parameters): .watch(from: parameters.resourceVersion)
        case .apply(let event): .apply(event.type, describe(event.object))
        case .resetInactivityTimer: .resetTimer
        case .sleep(let duration): .sleep(duration)
        case .none: .none
        }
    }

    /// Lists `a@5` in one page and starts watching from resourceVersion 5.
    static let listed: [(Input, Expected)] = [
        (.start, .list(continue: nil)),
        (.page(["a@5"], continue: nil, resourceVersion: "5"), .replace(["a@5"], resourceVersion: "5", watchFrom: "5")),
    ]

    static let scenarios: [Scenario] = [
        Scenario(
            name: "Pages accumulate and replace the cache only when the last page arrives",
            steps: [
                (.start, .list(continue: nil)),
                (.page(["a@3"], continue: "c1", resourceVersion: "7"), .list(continue: "c1")),
                (.page(["b@4"], continue: "c2", resourceVersion: "7"), .list(continue: "c2")),
                (
                    .page(["c@7"], continue: "", resourceVersion: "7"),
                    .replace(["a@3", "b@4", "c@7"], resourceVersion: "7", watchFrom: "7")
                ),
            ]
        ),
        Scenario(
            name: "An expired continue token restarts the list and drops the partial pages",
            steps: [
                (.start, .list(continue: nil)),
                (.page(["a@3"], continue: "c1", resourceVersion: "7"), .list(continue: "c1")),
                (.listFailed(.expired, at: 1), .list(continue: nil)),
                (
                    .page(["b@9"], continue: nil, resourceVersion: "9"),
                    .replace(["b@9"], resourceVersion: "9", watchFrom: "9")
                ),
            ]
        ),
        Scenario(
            name: "410 Expired during a watch triggers a relist and an atomic swap",
            steps: listed + [
                (.event(.modified, "a@6"), .apply(.modified, "a@6")),
                (.watchFailed(.expired, at: 10), .list(continue: nil)),
                (.event(.added, "late@7"), .none),
                (
                    .page(["b@20"], continue: nil, resourceVersion: "20"),
                    .replace(["b@20"], resourceVersion: "20", watchFrom: "20")
                ),
            ]
        ),
        Scenario(
            name: "A silent stall restarts the watch from the last seen resourceVersion",
            steps: listed + [
                (.event(.added, "b@8"), .apply(.added, "b@8")),
                (.inactivityTimeout, .watch(from: "8")),
                (.event(.deleted, "b@9"), .apply(.deleted, "b@9")),
                (.inactivityTimeout, .watch(from: "9")),
            ]
        ),
        Scenario(
            name: "A bookmark advances the resourceVersion and only resets the inactivity timer",
            steps: listed + [
                (.event(.bookmark, "@42"), .resetTimer),
                (.watchEnded, .watch(from: "42")),
            ]
        ),
        Scenario(
            name: "A watch that ends cleanly resumes at once from the last resourceVersion",
            steps: listed + [
                (.event(.modified, "a@6"), .apply(.modified, "a@6")),
                (.watchEnded, .watch(from: "6")),
                (.watchEnded, .watch(from: "6")),
            ]
        ),
        Scenario(
            name: "Watch errors back off 0.8 s doubling up to the 30 s cap",
            steps: listed
                + [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30].enumerated().flatMap { index, seconds in
                    [
                        (Input.watchFailed(.other, at: index), Expected.sleep(.milliseconds(Int(seconds * 1000)))),
                        (Input.backoffElapsed, Expected.watch(from: "5")),
                    ]
                }
        ),
        Scenario(
            name: "The backoff starts over after two minutes without failures",
            steps: listed + [
                (.watchFailed(.other, at: 0), .sleep(.milliseconds(800))),
                (.backoffElapsed, .watch(from: "5")),
                (.watchFailed(.other, at: 1), .sleep(.milliseconds(1600))),
                (.backoffElapsed, .watch(from: "5")),
                (.watchFailed(.other, at: 121), .sleep(.milliseconds(800))),
            ]
        ),
        Scenario(
            name: "Jitter adds a random fraction of the delay",
            random: 0.5,
            steps: [
                (.start, .list(continue: nil)),
                (.listFailed(.other, at: 0), .sleep(.milliseconds(1200))),
                (.backoffElapsed, .list(continue: nil)),
            ]
        ),
        Scenario(
            name: "429 with Retry-After waits at least as long as the server asked",
            steps: listed + [
                (.watchFailed(.tooManyRequests(retryAfter: .seconds(5)), at: 0), .sleep(.seconds(5))),
                (.backoffElapsed, .watch(from: "5")),
            ]
        ),
        Scenario(
            name: "A list error backs off and then lists from the start",
            steps: [
                (.start, .list(continue: nil)),
                (.page(["a@3"], continue: "c1", resourceVersion: "7"), .list(continue: "c1")),
                (.listFailed(.other, at: 0), .sleep(.milliseconds(800))),
                (.backoffElapsed, .list(continue: nil)),
                (
                    .page(["b@8"], continue: nil, resourceVersion: "8"),
                    .replace(["b@8"], resourceVersion: "8", watchFrom: "8")
                ),
            ]
        ),
        Scenario(
            name: "An ERROR event backs off and resumes the watch",
            steps: listed + [
                (.event(.error, "x"), .sleep(.milliseconds(800))),
                (.backoffElapsed, .watch(from: "5")),
            ]
        ),
        Scenario(
            name: "Inputs that do not fit the state are ignored",
            steps: [
                (.event(.added, "a@1"), .none),
                (.watchEnded, .none),
                (.backoffElapsed, .none),
                (.start, .list(continue: nil)),
                (.start, .none),
                (.inactivityTimeout, .none),
            ]
        ),
    ]

    @Test("Transitions", arguments: scenarios)
    func transitions(scenario: Scenario) {
        let random = scenario.random
        var machine = Machine(random: { random })
        for (index, (input, expected)) in scenario.steps.enumerated() {
            let action = Self.reduce(Self.feed(input, to: &machine))
            #expect(action == expected, "step \(index): \(input)")
        }
    }

    @Test("Watch timeouts are drawn between 5 and 10 minutes", arguments: [(0.0, 300), (0.5, 450), (0.9999, 600)])
    func watchTimeouts(random: Double, expected: Int) throws {
        var machine = Machine(random: { random })
        _ = machine.start()
        let action = machine.listPageReceived(items: [], continue: nil, resourceVersion: "1")
        guard case .replaceCacheAndWatch(_, _, let watch) = action else {
            Issue.record("expected a watch, got \(action)")
            return
        }
        #expect(watch.timeoutSeconds == expected)
        #expect(watch.allowWatchBookmarks)
    }

    @Test("The first list is consistent and paged")
    func firstList() {
        var machine = Machine(configuration: .init(pageSize: 100))
        guard case .list(let token, let resourceVersion, let limit) = machine.start() else {
            Issue.record("expected a list")
            return
        }
        #expect(token == nil)
        #expect(resourceVersion == nil)
        #expect(limit == 100)
    }

    @Test("The resourceVersion to resume from survives a backoff")
    func resourceVersionSurvivesBackoff() {
        var machine = Machine(random: { 0 })
        _ = machine.start()
        _ = machine.listPageReceived(items: [], continue: nil, resourceVersion: "5")
        _ = machine.watchEventReceived(WatchEvent(type: .bookmark, object: Self.object("@9")), now: .zero)
        _ = machine.watchFailed(.other, now: .zero)
        #expect(machine.resourceVersion == "9")
    }
}
