/// Collects ``FieldError``s while a value is walked; each check appends and returns, so validation never stops at
/// the first problem. The checks mirror the CRD schema's keywords (bounds, enums, patterns, lengths, item counts)
/// with apimachinery's messages.
struct FieldValidator {
    private(set) var errors: [FieldError] = []

    mutating func append(_ error: FieldError) { errors.append(error) }

    mutating func append(contentsOf more: [FieldError]) { errors += more }

    /// `value`, if set, within `range`.
    mutating func range(_ path: String, _ value: (some BinaryInteger)?, _ range: ClosedRange<Int64>) {
        guard let value else { return }
        if Int64(clamping: value) < range.lowerBound || Int64(clamping: value) > range.upperBound {
            errors.append(
                .invalid(path, value, "must be between \(range.lowerBound) and \(range.upperBound), inclusive")
            )
        }
    }

    /// `value`, if set, is one of `supported`.
    mutating func oneOf(_ path: String, _ value: String?, _ supported: [String]) {
        guard let value, !supported.contains(value) else { return }
        errors.append(.notSupported(path, value, supported: supported))
    }

    /// `value`, if set, is at most `maxLength` characters (counted as the API server counts: Unicode scalars).
    /// Returns whether it is.
    @discardableResult
    mutating func length(_ path: String, _ value: String?, max maxLength: Int) -> Bool {
        guard let value, value.unicodeScalars.count > maxLength else { return true }
        errors.append(.tooLong(path, maxLength: maxLength))
        return false
    }

    /// `list`, if set, has at most `maxItems` elements.
    mutating func count(_ path: String, _ list: [some Any]?, max maxItems: Int) {
        guard let list, list.count > maxItems else { return }
        errors.append(.tooMany(path, count: list.count, maxItems: maxItems))
    }

    /// `value`, if set, is non-empty.
    @discardableResult
    mutating func nonEmpty(_ path: String, _ value: String?) -> Bool {
        guard let value, value.isEmpty else { return true }
        errors.append(.required(path))
        return false
    }

    /// `value`, if set, is a DNS-1035 label.
    mutating func dns1035Label(_ path: String, _ value: String?) {
        guard let value, nonEmpty(path, value), length(path, value, max: APIConstraints.dns1035LabelMaxLength)
        else { return }
        if !NameSyntax.isDNS1035Label(value) {
            errors.append(.invalid(path, value, APIConstraints.dns1035LabelMessage))
        }
    }

    /// `value`, if set, is a DNS-1123 label.
    mutating func dns1123Label(_ path: String, _ value: String?) {
        guard let value, nonEmpty(path, value), length(path, value, max: APIConstraints.dns1035LabelMaxLength)
        else { return }
        if !NameSyntax.isDNS1123Label(value) {
            errors.append(.invalid(path, value, APIConstraints.dns1123LabelMessage))
        }
    }

    /// `value`, if set, is a DNS-1123 subdomain.
    mutating func dns1123Subdomain(_ path: String, _ value: String?) {
        guard let value, nonEmpty(path, value), length(path, value, max: APIConstraints.dns1123SubdomainMaxLength)
        else { return }
        if !NameSyntax.isDNS1123Subdomain(value) {
            errors.append(.invalid(path, value, APIConstraints.dns1123SubdomainMessage))
        }
    }

    /// `value`, if set, matches the anchored regular expression `pattern`; otherwise reports `detail`.
    mutating func pattern(_ path: String, _ value: String?, _ pattern: String, _ detail: String) {
        guard let value, !NameSyntax.matches(value, pattern) else { return }
        errors.append(.invalid(path, value, detail))
    }

    /// A string map (labels, annotations, node selectors): entry count and value length.
    mutating func stringMap(_ path: String, _ map: [String: String]?) {
        guard let map else { return }
        count(path, Array(map.keys), max: APIConstraints.maxMapEntries)
        for key in map.keys.sorted() {
            length("\(path)[\(key)]", map[key], max: APIConstraints.valueMaxLength)
        }
    }

    /// Kubernetes labels (or a node selector): as ``stringMap(_:_:)``, and every key a qualified name and every
    /// value a label value, as the API server checks them on the objects the labels are copied to.
    mutating func kubernetesLabels(_ path: String, _ map: [String: String]?) {
        kubernetesAnnotations(path, map)
        for (key, value) in (map ?? [:]).sorted(by: { $0.key < $1.key }) where !NameSyntax.isLabelValue(value) {
            append(
                .invalid(
                    "\(path)[\(key)]",
                    value,
                    "a label value must be empty or at most 63 alphanumerics, '-', '_' or '.', "
                        + "starting and ending with an alphanumeric"
                )
            )
        }
    }

    /// Kubernetes annotations: as ``stringMap(_:_:)``, and every key a qualified name.
    mutating func kubernetesAnnotations(_ path: String, _ map: [String: String]?) {
        stringMap(path, map)
        for key in (map ?? [:]).keys.sorted() where !NameSyntax.isQualifiedName(key) {
            append(
                .invalid(
                    path,
                    key,
                    "a key must be an optional DNS subdomain and '/', then at most 63 alphanumerics, '-', '_' or '.', "
                        + "starting and ending with an alphanumeric"
                )
            )
        }
    }

    /// A list of strings: item count and each item's length.
    mutating func strings(_ path: String, _ list: [String]?, maxItems: Int, maxLength: Int) {
        guard let list else { return }
        count(path, list, max: maxItems)
        for (index, item) in list.enumerated() {
            length("\(path)[\(index)]", item, max: maxLength)
        }
    }
}
