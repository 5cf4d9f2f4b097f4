/// Syntax checks shared by validation: DNS names as apimachinery checks them, and anchored regular expressions
/// from ``APIConstraints`` (the same strings the CRD's `pattern`s carry).
enum NameSyntax {
    /// Whether `text` is a DNS-1035 label (`[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters).
    static func isDNS1035Label(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return isDNS1123Label(text)
    }

    /// Whether `text` is a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters).
    static func isDNS1123Label(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
        let isLowerAlphanumeric = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && scalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
    }

    /// Whether `text` is a DNS-1123 subdomain (DNS-1123 labels joined by `.`, at most 253 characters).
    static func isDNS1123Subdomain(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNS1123Label(String($0)) }
    }

    /// Whether `text` is an IANA service name: at most 15 lower-case alphanumerics and `-`, at least one letter,
    /// no leading, trailing or doubled `-` (apimachinery `IsValidPortName`).
    static func isPortName(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= APIConstraints.portNameMaxLength, scalars.first != "-",
            scalars.last != "-", !text.contains("--")
        else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && scalars.contains { ("a"..."z").contains($0) }
    }

    /// Whether `text` is a qualified name, as label and annotation keys must be (apimachinery `IsQualifiedName`):
    /// an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 alphanumerics, `-`, `_` and `.`
    /// that starts and ends with an alphanumeric.
    static func isQualifiedName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isLabelName(String(parts[0]))
        case 2: return !parts[0].isEmpty && isDNS1123Subdomain(String(parts[0])) && isLabelName(String(parts[1]))
        default: return false
        }
    }

    /// Whether `text` is a valid label value: empty, or a name as in ``isQualifiedName(_:)`` without a prefix.
    static func isLabelValue(_ text: String) -> Bool {
        text.isEmpty || isLabelName(text)
    }

    private static func isLabelName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
        let isAlphanumeric = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// Whether `text` matches the anchored regular expression `pattern` (a CRD `pattern` from ``APIConstraints``).
    /// A pattern that does not compile matches nothing; tests compile every pattern.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}
