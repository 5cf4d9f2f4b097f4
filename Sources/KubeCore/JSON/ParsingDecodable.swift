/// A type ``KubeJSON/decode(_:from:)`` builds from the JSON text itself, instead of from one parsed tree of it:
/// ``ObjectList``, whose items are decoded as they are parsed.
protocol ParsingDecodable {
    /// Parses and decodes `bytes`, with the result and errors ``KubeJSON/decode(_:from:)`` gives through a tree.
    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws
}
