import KubeCore
import Logging
import TestSupport

/// The shared server fixture under the name these tests grew up with.
typealias ControllerTestServer = TestCluster

extension TestCluster {
    /// The namespace controller tests work in.
    static let namespace = "default"

    /// A ConfigMap in ``namespace``.
    static func configMap(_ name: String, data: [String: String], labels: [String: String]? = nil) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
    }
}

/// A log handler that keeps every message with its merged metadata, for asserting structured logging.
struct RecordingLogHandler: LogHandler {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    let records: Locked<[Record]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        let record = Record(
            level: event.level,
            message: event.message.description,
            metadata: merged.mapValues { "\($0)" }
        )
        records.withLock { $0.append(record) }
    }
}
