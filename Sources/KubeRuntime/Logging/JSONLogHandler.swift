public import Foundation
import KubeCore
public import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line, for log pipelines (Loki, Elasticsearch, CloudWatch)
/// that parse structured logs: the shape controller-runtime's zap JSON encoder produces.
///
/// Each line has `ts` (RFC 3339 with milliseconds, UTC), `level`, `logger` (the label), `msg`, `source`, and every
/// metadata value as a top-level key — so a reconcile's `controller`, `namespace`, `name` and `reconcileID` are
/// fields a query can filter on. Keys are sorted, so equal records print equal lines.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
/// ```
public struct JSONLogHandler: LogHandler {
    /// Where lines go; standard error by default.
    public typealias Sink = @Sendable (String) -> Void

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let sink: Sink
    private let now: @Sendable () -> Date

    /// Creates a handler for `label` that writes to `sink` (standard error unless given).
    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        sink: Sink? = nil
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.now = now
        self.sink =
            sink ?? { line in
                JSONLogHandler.standardError.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
            }
    }

    private static let standardError = Mutex(())

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level, message = event.message, explicit = event.metadata, source = event.source
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit { merged.merge(explicit) { $1 } }
        var record = JSONObject(minimumCapacity: merged.count + 5)
        for (key, value) in merged { record[key] = Self.json(value) }
        record["ts"] = .string(Time.format(now(), fractionalDigits: 3))
        record["level"] = .string(level.rawValue)
        record["logger"] = .string(label)
        record["msg"] = .string(message.description)
        record["source"] = .string(source)
        // KubeCore's writer, not JSONSerialization: its `.sortedKeys` compares keys with a Locale, which loads ICU's
        // locale data into a process that otherwise never needs it.
        guard let data = try? JSONValue.object(record).serialized() else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let members): .object(JSONObject(members.mapValues(json)))
        }
    }
}
