public import Foundation
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
        var record: [String: Any] = [:]
        for (key, value) in merged { record[key] = Self.json(value) }
        record["ts"] = Self.timestamp(now())
        record["level"] = level.rawValue
        record["logger"] = label
        record["msg"] = message.description
        record["source"] = source
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: record,
                options: [.sortedKeys, .withoutEscapingSlashes]
            ),
            let text = String(data: data, encoding: .utf8)
        else { return }
        sink(text + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let members): members.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return date.formatted(style)
    }
}
