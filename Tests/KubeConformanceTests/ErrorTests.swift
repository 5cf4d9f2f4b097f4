import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Testing

@Suite("Conformance: errors and retries", .timeLimit(.minutes(1)))
struct ErrorTests {
    @Test("an invalid name is rejected as Invalid with a cause on metadata.name")
    func invalidName() async throws {
        try await Conformance.run { env in
            do {
                _ = try await env.client.create(env.configMap("Not_Valid"))
                Issue.record("an invalid name was accepted")
            } catch let error as KubeError {
                #expect(error.code == .invalid)
                #expect(error.status?.details?.causes?.contains { $0.field == "metadata.name" } == true)
            }
        }
    }

    @Test("a wrong bearer token is Unauthorized")
    func unauthorized() async throws {
        try await Conformance.run { env in
            var configuration = env.client.configuration
            configuration.authentication = .bearerToken("not-a-valid-token")
            let stranger = try KubeClient(configuration: configuration)
            let code = await env.errorCode { _ = try await stranger.list(ConfigMap.self, namespace: env.namespace) }
            try? await stranger.shutdown()
            #expect(code == .unauthorized)
        }
    }

    @Test("creating in a namespace that is being terminated is Forbidden")
    func terminatingNamespace() async throws {
        try await Conformance.run { env in
            let name = "\(env.namespace)-ending"
            _ = try await env.client.create(
                Namespace(metadata: ObjectMeta(name: name, finalizers: ["conformance.agriplatform.io/hold"]))
            )
            _ = try await env.client.delete(Namespace.self, name: name)
            do {
                _ = try await env.client.create(ConfigMap(metadata: ObjectMeta(name: "late", namespace: name)))
                Issue.record("created content in a terminating namespace")
            } catch let error as KubeError {
                #expect(error.code == .forbidden)
                #expect(error.httpCode == 403)
                #expect(error.message.contains("being terminated"))
            }
            _ = try await env.client.patch(
                Namespace.self,
                name: name,
                patch: .merge(["metadata": ["finalizers": nil]])
            )
        }
    }

    @Test("a namespaced object in a missing namespace is NotFound")
    func missingNamespace() async throws {
        try await Conformance.run { env in
            let code = await env.errorCode {
                _ = try await env.client.create(
                    ConfigMap(metadata: ObjectMeta(name: "x", namespace: "\(env.namespace)-absent"))
                )
            }
            #expect(code == .notFound)
        }
    }

    @Test(
        "reads retry through 429 with Retry-After and through 5xx; the caller sees success",
        .enabled(if: Conformance.isInProcess, Conformance.needsTestServer)
    )
    func readsRetry() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            _ = try await env.client.create(env.configMap("retried"))
            server.faults.inject(.tooManyRequests(retryAfterSeconds: 1), count: 1, verb: "get", resource: "configmaps")
            server.faults.inject(.serviceUnavailable, count: 1, verb: "get", resource: "configmaps")
            server.faults.inject(.internalError, count: 1, verb: "get", resource: "configmaps")
            let started = ContinuousClock.now
            let object = try await env.client.get(ConfigMap.self, name: "retried", namespace: env.namespace)
            #expect(object.name == "retried")
            #expect(ContinuousClock.now - started >= .seconds(1), "Retry-After was honoured")
        }
    }

    @Test(
        "writes are not retried on 5xx, nor past a long Retry-After: the caller sees the typed error",
        .enabled(if: Conformance.isInProcess, Conformance.needsTestServer)
    )
    func writesSurfaceErrors() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let cases: [(FaultInjector.Fault, KubeError.Code)] = [
                // Longer than the client waits out (60 s): surfaced with its delay for the caller to schedule.
                (.tooManyRequests(retryAfterSeconds: 120), .tooManyRequests),
                (.internalError, .internalError),
                (.serviceUnavailable, .serviceUnavailable),
                (.timeout, .serverTimeout),
            ]
            for (index, (fault, expected)) in cases.enumerated() {
                server.faults.inject(fault, count: 1, verb: "create", resource: "configmaps")
                do {
                    _ = try await env.client.create(env.configMap("write-\(index)"))
                    Issue.record("\(fault) did not fail the create")
                } catch let error as KubeError {
                    #expect(error.code == expected, "\(fault)")
                    if case .tooManyRequests = fault {
                        #expect(error.retryAfter == .seconds(120))
                    }
                }
                // Nothing was created behind the error, and the next write goes through.
                let code = await env.errorCode {
                    _ = try await env.client.get(ConfigMap.self, name: "write-\(index)", namespace: env.namespace)
                }
                #expect(code == .notFound)
            }
            let writes = server.requestLog.count(verb: "create", resource: "configmaps")
            #expect(writes == cases.count, "each failing create was sent once")
        }
    }

    @Test(
        "a write answered 429 with a short Retry-After is sent once more after the delay, like client-go",
        .enabled(if: Conformance.isInProcess, Conformance.needsTestServer)
    )
    func writeRetriedAfterTooManyRequests() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            // A 429 guarantees the server did not process the request, so a retry cannot apply it twice.
            server.faults.inject(
                .tooManyRequests(retryAfterSeconds: 1),
                count: 1,
                verb: "create",
                resource: "configmaps"
            )
            let started = ContinuousClock.now
            let created = try await env.client.create(env.configMap("after-429"))
            #expect(created.name == "after-429")
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(server.requestLog.count(verb: "create", resource: "configmaps") == 2)
        }
    }

    @Test("a server that is not there is a transport error")
    func transport() async throws {
        let client = try KubeClient(
            server: URL(string: "https://127.0.0.1:1")!,
            certificateAuthorityPEM: nil,
            token: nil
        )
        var code: KubeError.Code?
        do {
            _ = try await client.serverVersion()
            Issue.record("connected to port 1")
        } catch let error as KubeError {
            code = error.code
        } catch {
            Issue.record("expected a KubeError, got \(error)")
        }
        try await client.shutdown()
        #expect(code == .transport)
    }
}
