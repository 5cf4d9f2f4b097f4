/// How `kubectl agri get` prints: `-o wide`, `-o yaml`, `-o json`, or the table when `-o` is not given.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// The table and details (no `-o`).
    case table = ""
    /// The table with more columns.
    case wide
    /// The ``ServiceRollout`` list as YAML.
    case yaml
    /// The ``ServiceRollout`` list as indented JSON.
    case json

    /// The format named by `-o NAME`.
    /// - Throws: ``PluginError`` listing the accepted names.
    public init(option: String) throws(PluginError) {
        guard let format = Self(rawValue: option), format != .table else {
            throw PluginError.invalidArgument("unknown output format \"\(option)\"; use one of: wide, yaml, json")
        }
        self = format
    }
}
