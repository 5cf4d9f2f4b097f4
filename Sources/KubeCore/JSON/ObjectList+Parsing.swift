extension ObjectList: ParsingDecodable {
    /// Decodes a list item by item: each element of `items` is decoded as soon as it is parsed, and its tree is
    /// freed before the next is read (``JSONParser/parse(_:streamingElementsOf:to:)``).
    ///
    /// A list page is the largest document a controller reads (a page of 500 AgriPlatforms is 3.3 MB of JSON, of
    /// Deployments 2.5 MB), and its tree is several times its text. Decoded through one tree, every watcher
    /// relisting at once held a tree of its page at the same time, which set the operator's peak memory
    /// (docs/benchmarks.md, the ninth pass); item by item, a page costs its text and the decoded items.
    ///
    /// The result and errors are those of decoding the whole tree: the other members are decoded first, as a list
    /// without items (so their errors come first), then the first item that fails is reported — by `Item`'s
    /// ``JSONValueDecodable/init(json:)`` when it has one, with its own coding path, otherwise through `Decodable`
    /// at `items[i]`; a syntax error anywhere in the text is reported before either. `"items": null`, a missing
    /// `items` and one that is not an array are left to the list's own decoding, as before.
    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws {
        let parsedItem = Item.self as? any JSONValueDecodable.Type
        var items: [Item] = []
        var failure: (any Error)?
        let rest = try JSONParser.parse(bytes, streamingElementsOf: "items") { element in
            guard failure == nil else { return }
            do {
                if let parsedItem {
                    // `parsedItem` is `Item.self`, so the value built is an `Item`.
                    items.append(try parsedItem.init(json: element) as! Item)
                } else {
                    let path = [JSONObjectReader.Key("items"), JSONObjectReader.Key(index: items.count)]
                    items.append(try JSONValueDecoder.decode(Item.self, from: element, codingPath: path))
                }
            } catch {
                failure = error
            }
        }.get()
        var list = try KubeJSON.decode(ObjectList.self, fromParsed: rest)
        if let failure { throw failure }
        // Streamed, `items` is not among the other members; kept (null, or not an array), the list decoded it.
        if rest.objectValue?["items"] == nil { list.items = items }
        self = list
    }
}
