/// One line of the import's account of what happened to an AWS setting: where it was read (``awsPath``), where it
/// went in the AgriPlatform (``fieldPath``), and how faithfully.
///
/// Notes other than ``Kind/mapped`` become comments in the YAML output, above the key at ``fieldPath`` (or at the
/// top of the document when there is none), and every note is listed in the summary on standard error.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    /// How faithfully a setting was carried over.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Carried over exactly.
        case mapped
        /// Carried over with a difference in behaviour the message explains.
        case approximated
        /// Not carried over: the AgriPlatform API has no equivalent.
        case dropped
        /// Carried over with a choice the user should confirm or change.
        case decision
    }

    /// How faithfully the setting was carried over.
    public var kind: Kind
    /// The JSON path in the AWS document, prefixed with the document's role (`taskDefinition.cpu`).
    public var awsPath: String
    /// The AgriPlatform field path (`spec.services[0].resources.cpu`), or `nil` for the whole document.
    public var fieldPath: String?
    /// What happened and, for anything but ``Kind/mapped``, why and what to do.
    public var message: String

    /// Creates a note.
    public init(_ kind: Kind, awsPath: String, fieldPath: String?, _ message: String) {
        self.kind = kind
        self.awsPath = awsPath
        self.fieldPath = fieldPath
        self.message = message
    }

    public var description: String {
        "\(kind.rawValue): \(awsPath) → \(fieldPath ?? "(document)"): \(message)"
    }
}

/// The notes collected while importing, in the order the settings were read.
struct NoteLog: Sendable {
    private(set) var notes: [ImportNote] = []

    mutating func mapped(_ awsPath: String, _ fieldPath: String?, _ message: String) {
        notes.append(ImportNote(.mapped, awsPath: awsPath, fieldPath: fieldPath, message))
    }

    mutating func approximated(_ awsPath: String, _ fieldPath: String?, _ message: String) {
        notes.append(ImportNote(.approximated, awsPath: awsPath, fieldPath: fieldPath, message))
    }

    mutating func dropped(_ awsPath: String, _ fieldPath: String?, _ message: String) {
        notes.append(ImportNote(.dropped, awsPath: awsPath, fieldPath: fieldPath, message))
    }

    mutating func decision(_ awsPath: String, _ fieldPath: String?, _ message: String) {
        notes.append(ImportNote(.decision, awsPath: awsPath, fieldPath: fieldPath, message))
    }

    mutating func append(contentsOf other: [ImportNote]) {
        notes += other
    }
}
