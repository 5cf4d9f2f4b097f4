import Foundation
import KubeCore

extension APIServer {
    func get(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let name = context.route.name ?? ""
        let representation = try context.representation()
        let object = try await store.get(context.type, namespace: context.namespace, name: name)
        if context.route.subresource == "scale" {
            return Self.json(try ScaleSubresource.scale(of: object, type: context.type))
        }
        switch representation {
        case .object: return Self.json(object)
        case .table:
            let metadata: JSONValue = ["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? ""]
            return Self.json(await table([object], context: context, listMetadata: metadata))
        case .partialObjectMetadata(let version):
            return Self.json(ResponseRepresentation.partialObjectMetadata(of: object, version: version))
        case .partialObjectMetadataList:
            throw APIError.notAcceptable(
                "you requested PartialObjectMetadataList, but the requested object is not a list (\(context.type.kind))"
            )
        }
    }

    func list(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let representation = try context.representation()
        if case .partialObjectMetadata = representation {
            throw APIError.notAcceptable(
                "you requested PartialObjectMetadata, but the requested object is a list (\(context.type.listKind))"
            )
        }
        let limit = context.query["limit"].flatMap { Int($0) }
        let result = try await store.list(
            context.type,
            namespace: context.namespace,
            labels: try context.labelSelector(),
            fields: try context.fieldSelector(),
            limit: limit,
            continueToken: context.query["continue"],
            resourceVersion: context.query["resourceVersion"]
        )
        var metadata: JSONValue = ["resourceVersion": .string(String(result.resourceVersion))]
        if let token = result.continueToken { metadata["continue"] = .string(token) }
        if let remaining = result.remainingItemCount { metadata["remainingItemCount"] = .integer(Int64(remaining)) }
        switch representation {
        case .object, .partialObjectMetadata:
            return HTTPResponse(
                status: 200,
                headers: [("Content-Type", "application/json")],
                body: .data(
                    Self.listBody(
                        apiVersion: context.type.apiVersion,
                        kind: context.type.listKind,
                        metadata: metadata,
                        items: result.serializedItems
                    )
                )
            )
        case .table:
            return Self.json(await table(result.items, context: context, listMetadata: metadata))
        case .partialObjectMetadataList(let version):
            let items = result.items.map { ResponseRepresentation.partialObjectMetadata(of: $0, version: version) }
            return Self.json([
                "apiVersion": .string("meta.k8s.io/\(version)"), "kind": "PartialObjectMetadataList",
                "metadata": metadata, "items": .array(items),
            ])
        }
    }

    /// A watch: a chunked stream of `{"type":…,"object":…}` lines.
    ///
    /// `sendInitialEvents=true` (the streaming-list protocol) sends ADDED for every current object and then a
    /// BOOKMARK annotated `k8s.io/initial-events-end: "true"`.
    ///
    /// An expired resourceVersion (or an injected expiry) is reported the way the watch cache reports it: a 200
    /// response with one `ERROR` event carrying a 410 Expired Status.
    func watch(_ context: RequestContext) async throws(APIError) -> HTTPResponse {
        let representation = try context.representation()
        let metadataVersion: String?
        switch representation {
        case .object, .table: metadataVersion = nil
        case .partialObjectMetadata(let version): metadataVersion = version
        case .partialObjectMetadataList:
            // The real server accepts the request and then fails to convert the first event, ending the stream;
            // answering 406 at once says the same thing sooner.
            throw APIError.notAcceptable(
                "you requested PartialObjectMetadataList, but the requested object is not a list (\(context.type.kind))"
            )
        }
        let labels = try context.labelSelector()
        let fields = try context.fieldSelector()
        let bookmarks = ["true", "1"].contains(context.query["allowWatchBookmarks"] ?? "")
        let timeout = context.query["timeoutSeconds"].flatMap { Int($0) }
        let headers = [("Content-Type", "application/json")]
        let opened: (id: UUID, stream: AsyncStream<ObjectStore.WatchMessage>)
        do throws(APIError) {
            if faults.consumeExpiredWatch() {
                let requested = Int(context.query["resourceVersion"] ?? "") ?? 0
                throw APIError.tooOldResourceVersion(requested: requested, oldest: await store.revision)
            }
            let initialEvents = context.query["sendInitialEvents"] == "true"
            opened = try await store.watch(
                context.type,
                namespace: context.namespace,
                labels: labels,
                fields: fields,
                resourceVersion: initialEvents ? nil : context.query["resourceVersion"]
            )
            if initialEvents {
                await store.sendBookmark(to: opened.id, kind: context.type.kind, initialEventsEnd: true)
            }
        } catch  where error.code == 410 {
            let line = Self.eventLine(.error(error.status))
            return HTTPResponse(status: 200, headers: headers, body: .stream { write in try await write(line) })
        }
        let columns = context.wantsTable ? await printerColumns(for: context.type) : nil
        let includeObject = context.query["includeObject"] ?? "Metadata"
        let store = self.store
        let faults = self.faults
        let interval = bookmarkInterval
        let kind = context.type.kind
        let id = opened.id
        let stream = opened.stream
        return HTTPResponse(
            status: 200,
            headers: headers,
            body: .stream { write in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await message in stream {
                            await faults.waitWhileStalled()
                            var message = message
                            if let columns, case .event(let type, let object, _) = message, type != "BOOKMARK" {
                                let table = TableConverter.table(
                                    objects: [object],
                                    columns: columns,
                                    listMetadata: [:],
                                    includeObject: includeObject,
                                    now: Time(Date())
                                )
                                message = .event(type: type, object: table)
                            }
                            if let metadataVersion, case .event(let type, let object, _) = message {
                                let partial = ResponseRepresentation.partialObjectMetadata(
                                    of: object,
                                    version: metadataVersion
                                )
                                message = .event(type: type, object: partial)
                            }
                            do { try await write(Self.eventLine(message)) } catch { return }
                        }
                    }
                    if bookmarks {
                        group.addTask {
                            while !Task.isCancelled {
                                do { try await Task.sleep(for: interval) } catch { return }
                                await faults.waitWhileStalled()
                                await store.sendBookmark(to: id, kind: kind)
                            }
                        }
                    }
                    if let timeout {
                        group.addTask {
                            do { try await Task.sleep(for: .seconds(timeout)) } catch { return }
                            if bookmarks { await store.sendBookmark(to: id, kind: kind) }
                            await store.cancelWatch(id)
                        }
                    }
                    // The first task to end is the event loop (the stream ended or the client went away).
                    _ = await group.next()
                    group.cancelAll()
                }
                await store.cancelWatch(id)
            }
        )
    }

    /// One newline-terminated watch event.
    static func eventLine(_ message: ObjectStore.WatchMessage) -> Data {
        let event: JSONValue
        switch message {
        case .event(let type, _, let stored?):
            // `{"object":…,"type":…}` around the stored object's text: the bytes serializing the event writes.
            var data = Data(#"{"object":"#.utf8)
            data.append(stored.serialized)
            data.append(contentsOf: #","type":"#.utf8)
            data.append((try? JSONValue.string(type).serialized()) ?? Data())
            data.append(contentsOf: "}\n".utf8)
            return data
        case .event(let type, let object, nil): event = ["type": .string(type), "object": object]
        case .error(let status): event = ["type": "ERROR", "object": (try? JSONValue(encoding: status)) ?? [:]]
        }
        var data = (try? event.serialized()) ?? Data()
        data.append(0x0A)
        return data
    }

    /// A list's body, `{"apiVersion":…,"items":[…],"kind":…,"metadata":…}`, around its items' serialized text: the
    /// bytes serializing the list as one value writes (keys in that sorted order).
    static func listBody(apiVersion: String, kind: String, metadata: JSONValue, items: [SerializedObject]) -> Data {
        var data = Data(#"{"apiVersion":"#.utf8)
        data.append((try? JSONValue.string(apiVersion).serialized()) ?? Data())
        data.append(contentsOf: #","items":["#.utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(item.serialized)
        }
        data.append(contentsOf: #"],"kind":"#.utf8)
        data.append((try? JSONValue.string(kind).serialized()) ?? Data())
        data.append(contentsOf: #","metadata":"#.utf8)
        data.append((try? metadata.serialized()) ?? Data("{}".utf8))
        data.append(UInt8(ascii: "}"))
        return data
    }

    /// The printer columns of a resource: a CRD version's `additionalPrinterColumns`, or none for built-ins
    /// (the Table then has Name and Age).
    func printerColumns(for type: ResourceType) async -> [PrinterColumn] {
        guard let custom = await store.registry.customVersion(for: type) else { return [] }
        return ResourceRegistry.printerColumns(of: custom.definition)
    }

    func table(_ objects: [JSONValue], context: RequestContext, listMetadata: JSONValue) async -> JSONValue {
        TableConverter.table(
            objects: objects,
            columns: await printerColumns(for: context.type),
            listMetadata: listMetadata,
            includeObject: context.query["includeObject"] ?? "Metadata",
            now: Time(Date())
        )
    }
}
