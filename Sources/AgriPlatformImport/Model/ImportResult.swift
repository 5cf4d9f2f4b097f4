public import AgriPlatformAPI
public import KubeCore

/// What an import produced: the AgriPlatform, the objects that go beside it, and the account of every setting.
public struct ImportResult: Sendable, Hashable {
    /// The imported platform. It passes `agri-operator validate` unless a note of kind ``ImportNote/Kind/decision``
    /// says a value must still be filled in.
    public var platform: AgriPlatform
    /// Objects to apply beside the platform: ExternalSecrets (`external-secrets.io/v1` or
    /// `v1beta1`, see ``ExternalSecretsDetection``) when the user opted in.
    public var extraObjects: [JSONValue]
    /// What was mapped, approximated, dropped or needs a decision, in the order the settings were read.
    public var notes: [ImportNote]

    /// Creates a result.
    public init(platform: AgriPlatform, extraObjects: [JSONValue] = [], notes: [ImportNote] = []) {
        self.platform = platform
        self.extraObjects = extraObjects
        self.notes = notes
    }

    /// The notes of one kind.
    public func notes(_ kind: ImportNote.Kind) -> [ImportNote] {
        notes.filter { $0.kind == kind }
    }
}
