/// A spec the renderer cannot turn into objects, with the field that makes it so.
///
/// The renderer assumes validated input (`AgriPlatform.validate()` reports every problem, with its path, before a
/// render is attempted) but never traps on input that slipped through: an unreadable quantity, a `uses` entry that
/// names no datastore or two objects that would share a name end the render with this error instead.
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault, e.g. `spec.services[1].resources.cpu`.
    public var path: String
    /// What is wrong with it.
    public var message: String

    /// Creates an error for the field at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
