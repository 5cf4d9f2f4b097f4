public import AgriPlatformAPI
public import KubeClient
public import KubeCore

/// Writes a ``AgriPlatformAPI/RolloutCommand`` as the service's command annotation on its AgriPlatform, after
/// checking that the platform and the service exist, and waits, if asked, until the operator recorded it as handled.
///
/// The write is a JSON merge patch of `metadata.annotations` with field manager ``fieldManager``: only that one
/// annotation changes, the spec (owned by the user or a GitOps tool) is never touched, and a later command for the
/// same service replaces the value. The operator carries out a command once, when the annotation differs from
/// `status.services[i].rollout.lastCommand`, and then stores the value there.
public struct CommandSender: Sendable {
    /// The field manager of the annotation write.
    public static let fieldManager = "kubectl-agri"

    /// The client the commands go through.
    public let client: KubeClient

    /// Creates a sender over `client`.
    public init(client: KubeClient) {
        self.client = client
    }

    /// A command written to a platform.
    public struct Receipt: Sendable, Hashable {
        /// The platform's namespace.
        public var namespace: String
        /// The platform's name.
        public var platform: String
        /// The service.
        public var service: String
        /// The annotation value written, e.g. `promote@1764238500123-4f2a`.
        public var value: String
        /// The platform's resourceVersion right after the write.
        public var resourceVersion: String?

        /// Creates a receipt.
        public init(namespace: String, platform: String, service: String, value: String, resourceVersion: String?) {
            self.namespace = namespace
            self.platform = platform
            self.service = service
            self.value = value
            self.resourceVersion = resourceVersion
        }
    }

    /// Checks that `platform` exists in `namespace` and has `service`, then writes the command annotation.
    ///
    /// - Returns: What was written.
    /// - Throws: ``PluginError`` (`platformNotFound`, `serviceNotFound`, `resourceNotInstalled`, `revisionNotFound`,
    ///   `ambiguousRevision`, `invalidArgument`), or the client's `KubeError`.
    public func send(
        _ command: RolloutCommand,
        service: String,
        platform: String,
        namespace: String
    ) async throws -> Receipt {
        let current = try await Self.read(client, platform: platform, namespace: namespace)
        try Self.check(command, service: service, in: current)
        let value = command.description
        let patched = try await client.patch(
            AgriPlatform.self,
            name: platform,
            namespace: namespace,
            patch: Self.patch(value: value, service: service),
            options: WriteOptions(fieldManager: Self.fieldManager)
        )
        return Receipt(
            namespace: namespace,
            platform: platform,
            service: service,
            value: value,
            resourceVersion: patched.metadata.resourceVersion
        )
    }

    /// Waits until the service's `rollout.lastCommand` equals the written value, watching the platform.
    ///
    /// - Parameters:
    ///   - receipt: What ``send(_:service:platform:namespace:)`` wrote.
    ///   - timeout: How long to wait.
    /// - Returns: The service's status once the command was handled.
    /// - Throws: ``PluginError/waitTimedOut(command:seconds:lastCommand:)``, ``PluginError/superseded(command:by:)``,
    ///   ``PluginError/platformDeleted(name:namespace:)``, or the client's `KubeError`.
    public func waitUntilHandled(_ receipt: Receipt, timeout: Duration) async throws -> AgriPlatformAPI.ServiceStatus {
        let lastSeen = LastSeen()
        return try await withThrowingTaskGroup(of: AgriPlatformAPI.ServiceStatus.self) { group in
            group.addTask { try await watchUntilHandled(receipt, lastSeen: lastSeen) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw PluginError.waitTimedOut(
                    command: receipt.value,
                    seconds: WaitOption.seconds(timeout),
                    lastCommand: await lastSeen.lastCommand
                )
            }
            defer { group.cancelAll() }
            guard let status = try await group.next() else { throw CancellationError() }
            return status
        }
    }

    private func watchUntilHandled(_ receipt: Receipt, lastSeen: LastSeen) async throws -> AgriPlatformAPI.ServiceStatus
    {
        // Read first: the operator may have handled the command already, and the timeout's message names the last
        // command handled even when no change arrives.
        var resourceVersion: String?
        while true {
            try Task.checkCancellation()
            if resourceVersion == nil {
                let platform: AgriPlatform
                do {
                    platform = try await Self.read(client, platform: receipt.platform, namespace: receipt.namespace)
                } catch PluginError.platformNotFound {
                    // It existed when the command was written.
                    throw PluginError.platformDeleted(name: receipt.platform, namespace: receipt.namespace)
                }
                resourceVersion = platform.metadata.resourceVersion
                if let status = try await Self.progress(of: receipt, in: platform, lastSeen: lastSeen) {
                    return status
                }
            }
            let options = WatchOptions(
                fieldSelector: "metadata.name=\(receipt.platform)",
                resourceVersion: resourceVersion
            )
            do {
                for try await event in try await client.watch(
                    AgriPlatform.self,
                    namespace: receipt.namespace,
                    options: options
                ) {
                    switch event.type {
                    case .deleted:
                        throw PluginError.platformDeleted(name: receipt.platform, namespace: receipt.namespace)
                    case .added, .modified:
                        resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion
                        if let status = try await Self.progress(of: receipt, in: event.object, lastSeen: lastSeen) {
                            return status
                        }
                    case .bookmark, .error:
                        continue
                    }
                }
            } catch let error as KubeError where error.code == .expired {
                resourceVersion = nil
            }
        }
    }

    /// The service's status when `platform` shows the command handled; `nil` while it is pending.
    /// - Throws: ``PluginError/superseded(command:by:)`` when the annotation no longer holds the command.
    private static func progress(
        of receipt: Receipt,
        in platform: AgriPlatform,
        lastSeen: LastSeen
    ) async throws -> AgriPlatformAPI.ServiceStatus? {
        let status = platform.status?.services?.first { $0.name == receipt.service }
        await lastSeen.record(status?.rollout?.lastCommand)
        if let status, isHandled(receipt.value, status: status) { return status }
        let annotation = platform.rolloutCommandValue(service: receipt.service)
        if annotation != receipt.value { throw PluginError.superseded(command: receipt.value, by: annotation) }
        return nil
    }

    /// Whether `status` records `value` as the last command handled.
    public static func isHandled(_ value: String, status: AgriPlatformAPI.ServiceStatus) -> Bool {
        status.rollout?.lastCommand == value
    }

    /// The merge patch that sets `service`'s command annotation to `value`.
    public static func patch(value: String, service: String) -> Patch {
        .merge(["metadata": ["annotations": .object([RolloutCommand.annotationKey(service: service): .string(value)])]])
    }

    /// Checks `command` against `platform` before it is written: the service is in the spec, the value parses as
    /// the operator will parse it, and an undo revision, when the service has a history, names one entry of it.
    ///
    /// - Throws: ``PluginError``.
    public static func check(_ command: RolloutCommand, service: String, in platform: AgriPlatform) throws(PluginError)
    {
        let services = platform.spec.services.map(\.name)
        guard services.contains(service) else {
            throw .serviceNotFound(service: service, platform: platform.name, services: services)
        }
        let parsed: RolloutCommand
        do {
            parsed = try RolloutCommand(parsing: command.description)
        } catch {
            throw .invalidArgument("invalid command: \(error.problem)")
        }
        guard let revision = parsed.argument else { return }
        let status = platform.status?.services?.first { $0.name == service }
        let history = (status?.rollout?.history ?? []).map(\.revision)
        guard !history.isEmpty else { return }
        let matches = Array(Set(history.filter { $0.lowercased().hasPrefix(revision) })).sorted()
        if matches.isEmpty { throw .revisionNotFound(revision: revision, service: service, history: history) }
        if matches.count > 1 { throw .ambiguousRevision(revision: revision, matches: matches) }
    }

    /// Reads one platform, turning a 404 into ``PluginError/platformNotFound(name:namespace:)`` or
    /// ``PluginError/resourceNotInstalled``.
    static func read(_ client: KubeClient, platform: String, namespace: String) async throws -> AgriPlatform {
        do {
            return try await client.get(AgriPlatform.self, name: platform, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            if error.status?.details?.name == platform {
                throw PluginError.platformNotFound(name: platform, namespace: namespace)
            }
            throw PluginError.resourceNotInstalled
        }
    }
}

/// The last handled command seen while waiting, for the timeout's message.
private actor LastSeen {
    var lastCommand: String?

    func record(_ command: String?) {
        if let command { lastCommand = command }
    }
}
