/// Projects one key of a ConfigMap or Secret to a relative file path in a volume (core/v1 `KeyToPath`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/>.
public struct KeyToPath: Codable, Sendable, Hashable {
    public var key: String
    /// The relative file path, which may not contain `..`.
    public var path: String
    /// File permission bits, e.g. `0o644` (`420`); defaults to the volume's `defaultMode`.
    public var mode: Int32?

    public init(key: String, path: String, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}
