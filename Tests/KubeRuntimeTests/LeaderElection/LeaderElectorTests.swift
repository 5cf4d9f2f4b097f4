import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Synchronization
import Testing

@Suite("Leader elector against the test server", .timeLimit(.minutes(1)))
struct LeaderElectorTests {
    /// Short timings on the real clock — lease 4 s, renew deadline 3 s, retry 0.5 s — with enough room that a loaded
    /// 2-core CI machine running the whole suite in parallel does not miss a renewal.
    static func configuration(
        _ identity: String,
        leaseDuration: Duration = .seconds(4)
    ) throws -> LeaderElectionStateMachine.Configuration {
        try .init(
            identity: identity,
            leaseDuration: leaseDuration,
            renewDeadline: .seconds(3),
            retryPeriod: .milliseconds(500)
        )
    }

    /// One elector running in its own task, recording its leadership changes.
    final class Candidate: Sendable {
        let elector: LeaderElector
        let task: Task<Void, any Error>
        let changes: Task<[Bool], Never>

        init(_ elector: LeaderElector) {
            self.elector = elector
            task = Task { try await elector.run() }
            changes = Task {
                var seen: [Bool] = []
                for await change in elector.leadershipChanges { seen.append(change) }
                return seen
            }
        }

        /// Cancels the run and waits for it to end; returns the leadership changes seen.
        func stop() async -> [Bool] {
            task.cancel()
            _ = await task.result
            return await changes.value
        }
    }

    /// Polls until `condition` holds (the suite's time limit bounds the wait).
    static func waitUntil(_ condition: @Sendable () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }

    static func withServer(
        _ body: (KubeClient, KubeTestServer) async throws -> Void
    ) async throws {
        let server = try await KubeTestServer.start()
        let client = try KubeClient(
            server: URL(string: server.url)!,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        do {
            try await body(client, server)
        } catch {
            try await client.shutdown()
            try await server.shutdown()
            throw error
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    static func elector(
        _ identity: String,
        _ client: KubeClient,
        release: Bool,
        leaseDuration: Duration = .seconds(4)
    ) throws -> LeaderElector {
        try LeaderElector(
            client: client,
            leaseName: "controller-leader",
            leaseNamespace: "default",
            configuration: configuration(identity, leaseDuration: leaseDuration),
            releaseOnCancel: release
        )
    }

    @Test("Exactly one of two candidates leads, and the other never leads meanwhile")
    func exactlyOneLeads() async throws {
        try await Self.withServer { client, _ in
            let a = Candidate(try Self.elector("a", client, release: true))
            let b = Candidate(try Self.elector("b", client, release: true))
            try await Self.waitUntil { a.elector.isLeader || b.elector.isLeader }
            let aLeads = a.elector.isLeader
            // Watch over several lease durations' worth of retries: leadership is never shared. (A leader starved of
            // CPU past its renew deadline steps down — correctly — and the other may then take over, so neither
            // "someone leads at every sample" nor "the same one leads throughout" is asserted here; takeover timing
            // has its own tests.)
            for _ in 0..<40 {
                try await Task.sleep(for: .milliseconds(50))
                #expect(!(a.elector.isLeader && b.elector.isLeader))
            }
            let lease = try await client.get(Lease.self, name: "controller-leader", namespace: "default")
            let holder = try #require(lease.spec?.holderIdentity)
            #expect(["a", "b"].contains(holder))
            let aChanges = await a.stop()
            let bChanges = await b.stop()
            // The first leader's changes alternate, starting by leading and ending, once stopped, by not leading:
            // [true, false] unless it was starved past its renew deadline and led again later.
            let first = aLeads ? aChanges : bChanges
            #expect(first.first == true && first.last == false, "\(first)")
            #expect(zip(first, first.dropFirst()).allSatisfy { $0 != $1 }, "\(first)")
        }
    }

    @Test("When the leader crashes without releasing, the other candidate takes over after about the lease duration")
    func takeOverAfterCrash() async throws {
        try await Self.withServer { client, _ in
            let a = Candidate(try Self.elector("a", client, release: false))
            try await Self.waitUntil { a.elector.isLeader }
            let b = Candidate(try Self.elector("b", client, release: true))
            // b has observed a's lease at least once and follows.
            try await Task.sleep(for: .milliseconds(1000))
            #expect(!b.elector.isLeader)
            let crashedAt = ContinuousClock.now
            let aChanges = await a.stop()
            #expect(aChanges == [true, false])
            try await Self.waitUntil { b.elector.isLeader }
            let waited = ContinuousClock.now - crashedAt
            // Never before the lease could have expired (lease 4 s minus one retry period and latency).
            #expect(waited >= .seconds(2))
            let lease = try await client.get(Lease.self, name: "controller-leader", namespace: "default")
            #expect(lease.spec?.holderIdentity == "b")
            #expect(lease.spec?.leaseTransitions == 1)
            #expect(await b.stop() == [true, false])
        }
    }

    @Test("When the leader shuts down gracefully it releases the lease and the other candidate takes over at once")
    func takeOverAfterRelease() async throws {
        try await Self.withServer { client, _ in
            // A long lease, so that taking over "at once" and "after expiry" cannot be confused on a slow machine.
            let a = Candidate(try Self.elector("a", client, release: true, leaseDuration: .seconds(30)))
            try await Self.waitUntil { a.elector.isLeader }
            let b = Candidate(try Self.elector("b", client, release: true, leaseDuration: .seconds(30)))
            try await Task.sleep(for: .milliseconds(1000))
            #expect(!b.elector.isLeader)
            let stoppedAt = ContinuousClock.now
            #expect(await a.stop() == [true, false])
            let released = try await client.get(Lease.self, name: "controller-leader", namespace: "default")
            #expect(released.spec?.holderIdentity != "a")
            try await Self.waitUntil { b.elector.isLeader }
            // Long before the 30 s lease would have expired: b takes the released lease on its next retries.
            #expect(ContinuousClock.now - stoppedAt < .seconds(15))
            #expect(await b.stop() == [true, false])
            let final = try await client.get(Lease.self, name: "controller-leader", namespace: "default")
            #expect(final.spec?.holderIdentity == nil || final.spec?.holderIdentity == "")
            #expect(final.spec?.leaseDurationSeconds == 1)
        }
    }

    @Test("A leader whose renewals fail stops leading by itself, and nobody leads twice at once")
    func leaderStopsWhenRenewalsFail() async throws {
        try await Self.withServer { client, server in
            let a = Candidate(try Self.elector("a", client, release: false))
            try await Self.waitUntil { a.elector.isLeader }
            let b = Candidate(try Self.elector("b", client, release: true))
            try await Task.sleep(for: .milliseconds(600))
            // Every lease update now fails: a cannot renew, b cannot take over.
            server.faults.inject(.internalError, count: 10_000, verb: "update", resource: "leases")
            while a.elector.isLeader {
                #expect(!b.elector.isLeader)
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!b.elector.isLeader)
            server.faults.clear()
            try await Self.waitUntil { a.elector.isLeader || b.elector.isLeader }
            for _ in 0..<20 {
                #expect(!(a.elector.isLeader && b.elector.isLeader))
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await a.stop().first == true)
            _ = await b.stop()
        }
    }
}
