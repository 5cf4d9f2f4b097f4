public import KubeClient
public import KubeCore
public import Logging

extension Watcher where Object == PartialObjectMetadata {
    /// Makes a watcher that lists and watches any resource as ``KubeCore/PartialObjectMetadata``: the store caches
    /// only metadata (labels, annotations, ownerReferences, finalizers, resourceVersion, managedFields), never spec,
    /// status or data.
    ///
    /// Like controller-runtime's `OnlyMetadata` and kube-rs's `metadata_watcher`: use it for kinds a controller only
    /// maps to owners or counts (Secrets, ConfigMaps, Pods), where caching whole objects costs memory for nothing.
    /// Lists ask for `PartialObjectMetadataList` and watches for `PartialObjectMetadata` (with full JSON as the
    /// fallback, see ``KubeCore/PartialObjectMetadata/listMediaType``). Everything else — paging, resume, bookmarks,
    /// 410 relists, backoff, the inactivity timeout — is the same as for typed objects. Combine it with
    /// ``Store/dropManagedFields`` to drop the largest remaining part.
    ///
    /// - Parameters:
    ///   - resource: The resource to watch, e.g. `ConfigMap.resource`.
    ///   - client: The client to list and watch with.
    ///   - namespace: The namespace to watch; `nil` for all namespaces.
    ///   - labelSelector: Only objects whose labels match; `nil` for all.
    ///   - fieldSelector: Only objects whose fields match; `nil` for all.
    ///   - store: The cache to fill.
    ///   - configuration: Page size, inactivity timeout, backoff and watch timeouts.
    ///   - clock: The clock for backoff sleeps and the inactivity timeout.
    ///   - eventBufferSize: How many undelivered ``Event``s ``events`` keeps (the newest win).
    ///   - random: A source of numbers in `0..<1`, for jitter and watch timeouts.
    ///   - logger: The logger.
    public convenience init(
        metadataOnly resource: ResourceDescriptor,
        client: KubeClient,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        store: Store<PartialObjectMetadata> = Store(),
        configuration: WatcherStateMachine<PartialObjectMetadata>.Configuration = .init(),
        clock: any Clock<Duration> = ContinuousClock(),
        eventBufferSize: Int = 1024,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "kube-runtime.watcher")
    ) {
        let requests = Requests(
            list: { options in try await client.list(metadataOf: resource, namespace: namespace, options: options) },
            watch: { options in try await client.watch(metadataOf: resource, namespace: namespace, options: options) }
        )
        self.init(
            requests: requests,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            store: store,
            configuration: configuration,
            clock: clock,
            eventBufferSize: eventBufferSize,
            random: random,
            logger: logger
        )
    }
}
