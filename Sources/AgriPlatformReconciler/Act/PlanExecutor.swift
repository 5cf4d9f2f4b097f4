import AgriPlatformAPI
import AgriPlatformRender
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Carries out a plan against the API server: the third step (observe → decide → **act**). It makes no decision:
/// it applies, deletes and writes what it is given, and reports what the server said.
struct PlanExecutor: Sendable {
    /// The API client.
    let client: KubeClient
    /// The field manager of every apply.
    let fieldManager: String
    /// The owned kinds by group and kind, to find each object's resource and cache.
    let kinds: [KindKey: OwnedKind]

    /// Identifies an owned kind.
    struct KindKey: Hashable, Sendable {
        var group: String
        var kind: String
    }

    /// What the server did with the plan.
    struct Outcome: Sendable {
        /// Objects applied.
        var applied: [ChildKey] = []
        /// Objects deleted (or found already gone).
        var deleted: [ChildKey] = []
        /// Objects the server refused, with its reason; the rest of the plan was still carried out.
        var failures: [ChildFailure] = []
        /// Generated Secrets created (or found already created by an earlier attempt).
        var generatedSecrets: [String] = []
    }

    init(client: KubeClient, fieldManager: String, kinds: [OwnedKind]) {
        self.client = client
        self.fieldManager = fieldManager
        self.kinds = Dictionary(kinds.map { (KindKey(group: $0.resource.group, kind: $0.resource.kind), $0) }) {
            first,
            _ in first
        }
    }

    /// Applies and deletes what `plan` says, in order: applies first (in the renderer's dependency order), then
    /// deletions, so a renamed object exists before its predecessor goes.
    ///
    /// - Throws: The first transient error (conflict, throttling, server or transport trouble), after which nothing
    ///   more is attempted: the request is retried with backoff. Refusals (invalid, forbidden, …) do not throw;
    ///   they come back in ``Outcome/failures``, naming the object.
    func carryOut(
        _ plan: ReconcilePlan,
        for platform: AgriPlatform,
        context: Controller<AgriPlatform>.Context
    ) async throws -> Outcome {
        let namespace = platform.metadata.namespace ?? "default"
        var outcome = Outcome()
        if !plan.secretsToCreate.isEmpty {
            try await createSecrets(plan.secretsToCreate, for: platform, into: &outcome)
        }
        for object in plan.applies {
            let key = ChildKey(of: object.json)
            guard let kind = kinds[KindKey(group: key.group, kind: key.kind)] else {
                outcome.failures.append(
                    ChildFailure(
                        key: key,
                        reason: .applyFailed,
                        message:
                            "\(key): the cluster does not serve this kind (for an HTTPRoute: install the Gateway API "
                            + "CRDs, then restart the operator), so it cannot be applied"
                    )
                )
                continue
            }
            do {
                let written = try await client.apply(
                    kind.resource,
                    object,
                    fieldManager: fieldManager,
                    force: true
                )
                kind.recordWrite(context, written)
                outcome.applied.append(key)
            } catch let error as KubeError where !Self.isTransient(error) {
                outcome.failures.append(Self.failure(key, error, verb: "apply"))
            }
        }
        try await carryOutReleaseActions(plan.releaseActions, namespace: namespace, context: context, into: &outcome)
        for child in plan.deletions {
            guard let kind = kinds[KindKey(group: child.key.group, kind: child.key.kind)] else { continue }
            var options = DeleteOptions()
            options.propagationPolicy = .background
            options.preconditions = DeleteOptions.Preconditions(uid: child.metadata.uid)
            do {
                try await client.delete(kind.resource, name: child.key.name, namespace: namespace, options: options)
                outcome.deleted.append(child.key)
            } catch let error as KubeError where error.code == .notFound {
                outcome.deleted.append(child.key)
            } catch let error as KubeError where error.code == .conflict {
                // The precondition failed: the object was replaced since we observed it. Decide again.
                throw error
            } catch let error as KubeError where !Self.isTransient(error) {
                outcome.failures.append(Self.failure(child.key, error, verb: "delete"))
            }
        }
        return outcome
    }

    /// Creates the generated Secrets named `names`, with fresh values from the system's cryptographically secure
    /// generator (`getrandom(2)` on Linux). A plain create, never an apply or update: a Secret that already exists
    /// (`AlreadyExists`, e.g. created by an earlier attempt whose response was lost) is left exactly as it is, so
    /// values are never rotated by accident. Values are neither logged nor returned.
    private func createSecrets(
        _ names: [String],
        for platform: AgriPlatform,
        into outcome: inout Outcome
    ) async throws {
        var generator = SystemRandomNumberGenerator()
        let secrets: [DynamicObject]
        do {
            secrets = try GeneratedSecrets.secrets(for: platform, using: &generator)
        } catch {
            return  // The decide step rendered this platform; a render error here cannot happen.
        }
        let wanted = Set(names)
        for secret in secrets {
            let key = ChildKey(of: secret.json)
            guard wanted.contains(key.name) else { continue }
            do {
                _ = try await client.create(Secret.resource, secret)
                outcome.generatedSecrets.append(key.name)
            } catch let error as KubeError where error.code == .alreadyExists {
                outcome.generatedSecrets.append(key.name)
            } catch let error as KubeError where !Self.isTransient(error) {
                outcome.failures.append(Self.failure(key, error, verb: "create"))
            }
        }
    }

    /// Writes `status` through the status subresource with server-side apply, and records the write.
    func writeStatus(
        _ status: AgriPlatformStatus,
        of platform: AgriPlatform,
        context: Controller<AgriPlatform>.Context
    ) async throws {
        let body: JSONValue = [
            "apiVersion": .string(AgriPlatform.resource.apiVersion),
            "kind": .string(AgriPlatform.resource.kind),
            "metadata": [
                "name": .string(platform.metadata.name ?? ""),
                "namespace": .string(platform.metadata.namespace ?? ""),
            ],
            "status": try JSONValue(encoding: status),
        ]
        let written = try await client.apply(
            AgriPlatform.resource,
            DynamicObject(json: body),
            fieldManager: fieldManager,
            force: true,
            subresource: "status"
        )
        let identity = OwnedKind.writeIdentity(of: written)
        context.recordWrite(AgriPlatform(metadata: identity, spec: AgriPlatformSpec(services: [])))
    }

    /// Conflicts, throttling, timeouts, server errors and transport trouble pass by themselves: retry with backoff.
    static func isTransient(_ error: KubeError) -> Bool {
        [
            .conflict, .tooManyRequests, .serverTimeout, .internalError, .serviceUnavailable, .transport, .expired,
            .unknown, .decoding,
        ].contains(error.code)
    }

    static func failure(_ key: ChildKey, _ error: KubeError, verb: String) -> ChildFailure {
        let reason = error.status?.reason ?? "\(error.code)"
        let message = error.status?.message ?? "\(error)"
        return ChildFailure(
            key: key,
            reason: .applyFailed,
            message: "the API server refused to \(verb) \(key): \(reason): \(message)"
        )
    }
}
