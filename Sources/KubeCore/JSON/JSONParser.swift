extension JSONValue {
    /// How deeply arrays and objects may nest before ``init(parsing:)`` gives up with
    /// ``JSONParseError/Reason/tooDeep`` (the same limit as Foundation's `JSONDecoder`).
    public static let parsingDepthLimit = 512

    /// Parses UTF-8 JSON text (RFC 8259) directly into a value, without Codable.
    ///
    /// The result is the value `JSONDecoder` produces through `JSONValue`'s `Decodable` conformance:
    /// - a number is ``integer(_:)`` when `JSONDecoder` would decode it as an `Int64`: an integer literal that fits,
    ///   and also a literal with a fraction or exponent whose value is integral (`1.0`, `1e2`, and `1e-400`, which
    ///   underflows to 0); otherwise ``number(_:)``; a number too large for a `Double` is an error;
    /// - when an object repeats a key, the first member wins;
    /// - a leading UTF-8 byte-order mark is skipped; strings must be valid UTF-8, and `\u` escapes of UTF-16
    ///   surrogates must come in high/low pairs.
    ///
    /// It is stricter than `JSONDecoder` where that accepts text RFC 8259 forbids: a trailing comma (`[1,]`) and
    /// bytes after the value (even a NUL) are errors here. One difference in classification is not modelled: for a
    /// number with a fraction or exponent whose value is integral and at least 2^53, `JSONDecoder` reads the digits
    /// as a `Decimal` (38 significant digits); this parser reads them exactly and truncates the same way, so the two
    /// agree except for more than 19 significant digits, where this parser returns ``number(_:)``.
    ///
    /// - Parameter bytes: The UTF-8 text, e.g. `Data`, `[UInt8]` or a slice of either.
    /// - Throws: ``JSONParseError`` with the reason and byte offset of the first problem.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        let result =
            bytes.withContiguousStorageIfAvailable(JSONParser.parse)
            ?? Array(bytes).withUnsafeBufferPointer(JSONParser.parse)
        self = try result.get()
    }
}

/// A recursive-descent JSON parser over a contiguous byte buffer; see ``JSONValue/init(parsing:)``.
struct JSONParser: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private var depth = 0
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []
    /// The elements of the arrays being parsed, innermost last; each array is moved out at its exact size.
    private var pendingElements: [JSONValue] = []
    /// The members of the objects being parsed, innermost last; each object's members are moved out at their size.
    private var pendingMembers: [JSONObject.Member] = []
    /// Member names and short string values longer than a small string (15 UTF-8 bytes), shared within a document:
    /// a list page repeats `app.kubernetes.io/managed-by` and its platform's name hundreds of times, and a cache
    /// built from the page keeps them, so each repeat would otherwise be an allocation of its own.
    private var shared = SharedStrings()
    /// The top-level member whose array elements go to a sink instead of into the value, if any; see
    /// ``parse(_:streamingElementsOf:to:)``.
    private var streamed: StreamedMember?

    /// A top-level array member handed out element by element.
    private struct StreamedMember {
        let key: String
        let sink: (JSONValue) -> Void
        /// Set at the first member of that name, streamed or kept (`null`, not an array): a repeat is parsed and
        /// dropped, as the first of repeated keys wins in any object.
        var done = false
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = 0
    }

    /// Parses a whole document.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    /// Parses a whole document as ``parse(_:)`` does, except that when it is an object whose member `key` is an
    /// array, each element of that array is handed to `sink` as soon as it is parsed, in order, and not kept: the
    /// value returned is the object without that member. Any other document (not an object, or `key` missing,
    /// `null` or not an array) is returned whole.
    ///
    /// This is how a list response is decoded (``ObjectList``): a page of 500 objects is then never one tree of
    /// some hundred thousand nodes, only its text and one item's tree at a time. Strings are shared across the
    /// whole document as in ``parse(_:)``. The bytes are all checked: a syntax error anywhere is thrown, also after
    /// `sink` has seen the elements before it.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        streamingElementsOf key: String,
        to sink: (JSONValue) -> Void
    ) -> Result<JSONValue, JSONParseError> {
        withoutActuallyEscaping(sink) { sink in
            var parser = JSONParser(bytes)
            parser.streamed = StreamedMember(key: key, sink: sink)
            do throws(JSONParseError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingData, at: index) }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString(sharingUpTo: Self.sharedValueLength))
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case let byte:
            throw JSONParseError(.unexpectedByte(byte), at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard index + offset < bytes.count else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
            let byte = bytes[index + offset]
            guard byte == start[offset] else { throw JSONParseError(.unexpectedByte(byte), at: index + offset) }
        }
        index += count
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= JSONValue.parsingDepthLimit else { throw JSONParseError(.tooDeep, at: index) }
        index += 1
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        // Elements go to a stack shared by every nesting level, so the array is allocated once at its size
        // instead of growing by doubling (up to twice the memory for as long as the value is kept).
        let base = pendingElements.count
        defer { pendingElements.truncate(to: base) }
        while true {
            let element = try parseValue()
            pendingElements.append(element)
            if try arrayEnds() { return .array(pendingElements.moveSuffix(from: base, leaving: .null)) }
        }
    }

    /// After an array's element: moves past a `,` and returns `false`, or past the closing `]` and returns `true`.
    private mutating func arrayEnds() throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case UInt8(ascii: "]"):
            index += 1
            return true
        case let byte:
            throw JSONParseError(.unexpectedByte(byte), at: index)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        // As for arrays: members are stacked, then moved into the object's storage at exactly their number.
        let base = pendingMembers.count
        defer { pendingMembers.truncate(to: base) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONParseError(.unexpectedByte(bytes[index]), at: index)
            }
            let key = try parseString(sharingUpTo: Self.sharedKeyLength)
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw JSONParseError(.unexpectedByte(bytes[index]), at: index)
            }
            index += 1
            if streamed != nil, depth == 1, try streamMember(named: key) {
                // The member went to the sink (or was a repeat of one that did): nothing to keep.
            } else {
                let value = try parseValue()
                pendingMembers.append((key, value))
            }
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                // The first of repeated keys wins, as with JSONDecoder.
                return .object(
                    JSONObject(
                        unsorted: pendingMembers.moveSuffix(from: base, leaving: ("", .null)),
                        keepingFirst: true
                    )
                )
            case let byte:
                throw JSONParseError(.unexpectedByte(byte), at: index)
            }
        }
    }

    /// At a top-level member's value: when it is the first member of the streamed name and an array, parses its
    /// elements into the sink and returns `true`; when it is a later member of that name, parses and drops it and
    /// returns `true`; otherwise leaves the value to the caller and returns `false`.
    private mutating func streamMember(named key: String) throws(JSONParseError) -> Bool {
        guard let member = streamed, key == member.key else { return false }
        if member.done {
            _ = try parseValue()
            return true
        }
        // The first member of that name decides, streamed or kept; later ones are dropped, as in any object.
        streamed?.done = true
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
        try enterContainer()
        defer { depth -= 1 }
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return true
        }
        while true {
            member.sink(try parseValue())
            if try arrayEnds() { return true }
        }
    }

    /// The longest member name shared (longer names are rare and seldom repeated).
    static let sharedKeyLength = 128
    /// The longest string value shared: names, label values, timestamps; not messages or embedded documents.
    static let sharedValueLength = 64

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote; an ASCII string without escapes of 16 to `maximum` bytes (too
    /// long to be stored inline) is shared with an equal one met earlier in the document.
    private mutating func parseString(sharingUpTo maximum: Int) throws(JSONParseError) -> String {
        index += 1
        let start = index
        var isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if isASCII {
                    if content.count > 15, content.count <= maximum { return shared.string(content) }
                    return String(decoding: content, as: UTF8.self)
                }
                guard let string = String(validating: content, as: UTF8.self) else {
                    throw JSONParseError(.invalidUTF8, at: start)
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    /// Continues a string at its first backslash, copying the text so far into the scratch buffer.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                let string = scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
                guard let string else { throw JSONParseError(.invalidUTF8, at: start) }
                return string
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw JSONParseError(.controlCharacterInString, at: index)
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    /// Parses one escape at a backslash and appends its UTF-8 to the scratch buffer.
    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            let scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONParseError(.loneSurrogate, at: escapeStart) }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: escapeStart) }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONParseError(.loneSurrogate, at: escapeStart)
            default:
                scalar = UInt32(unit)
            }
            appendUTF8(scalar)
        default:
            throw JSONParseError(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerEnd = index
        var fractionEnd = index
        var hasFractionOrExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            hasFractionOrExponent = true
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionEnd = index
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasFractionOrExponent = true
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        if index < bytes.count, isNumberContinuation(bytes[index]) {
            throw JSONParseError(.invalidNumber, at: start)
        }
        if !hasFractionOrExponent, let integer = exactInteger(integerStart..<integerEnd, negative: negative) {
            return .integer(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else { throw JSONParseError(.numberOutOfRange, at: start) }
        // JSONDecoder's Int64 decoding, tried before Double: an integral value below 2^53 is an integer; above, its
        // decimal digits decide (truncated, as Foundation's Decimal-to-integer conversion does).
        guard Int64(exactly: double) != nil else { return .number(double) }
        if double.magnitude < 0x1p53 { return .integer(Int64(double)) }
        let fraction = hasFractionOrExponent && fractionEnd > integerEnd ? integerEnd + 1..<fractionEnd : index..<index
        if let integer = truncatedInteger(
            integer: integerStart..<integerEnd,
            fraction: fraction,
            exponent: exponent,
            negative: negative
        ) {
            return .integer(integer)
        }
        return .number(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private func isNumberContinuation(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// The integer literal's value, or `nil` when it does not fit in `Int64`.
    private func exactInteger(_ digits: Range<Int>, negative: Bool) -> Int64? {
        var magnitude: UInt64 = 0
        for position in digits {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(UInt64(bytes[position] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = added
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .min }
            return Int64(exactly: magnitude).map { -$0 }
        }
        return Int64(exactly: magnitude)
    }

    /// `digits × 10^exponent` truncated towards zero, or `nil` when the significant digits or the result overflow
    /// (Foundation's `FixedWidthInteger(Decimal)`: a magnitude above `Int64.max` is `nil` even when negative).
    private func truncatedInteger(
        integer: Range<Int>,
        fraction: Range<Int>,
        exponent: Int,
        negative: Bool
    ) -> Int64? {
        var mantissa: UInt64 = 0
        var leading = true
        for position in Array(integer) + Array(fraction) {
            let digit = UInt64(bytes[position] - UInt8(ascii: "0"))
            if leading, digit == 0 { continue }
            leading = false
            let (shifted, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            mantissa = added
        }
        var scale = exponent - fraction.count
        while scale < 0 {
            mantissa /= 10
            scale += 1
        }
        while scale > 0 {
            let (shifted, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            mantissa = shifted
            scale -= 1
        }
        guard let value = Int64(exactly: mantissa) else { return nil }
        return negative ? -value : value
    }
}

extension Array {
    /// The elements from `base` on, moved into an array of their own (no retain, no release); their slots here are
    /// left holding `placeholder`, for the caller to remove.
    ///
    /// The parser stacks a container's values as it reads them and then takes them off the stack: copying the slice
    /// would retain every value and the stack's removal release it again. The new array is reserved and appended to
    /// rather than made with `init(unsafeUninitializedCapacity:initializingWith:)`, whose storage class the standard
    /// library looks up at run time on every call (a generic-metadata cache lookup per JSON object and array).
    fileprivate mutating func moveSuffix(from base: Int, leaving placeholder: Element) -> [Element] {
        let count = self.count - base
        guard count > 0 else { return [] }
        var moved: [Element] = []
        moved.reserveCapacity(count)
        withUnsafeMutableBufferPointer { stack in
            let start = stack.baseAddress! + base
            for offset in 0..<count { moved.append((start + offset).move()) }
            start.initialize(repeating: placeholder, count: count)
        }
        return moved
    }

    /// Removes the elements from `base` on (the parser's stack after ``moveSuffix(from:leaving:)``).
    fileprivate mutating func truncate(to base: Int) {
        removeLast(count - base)
    }
}
