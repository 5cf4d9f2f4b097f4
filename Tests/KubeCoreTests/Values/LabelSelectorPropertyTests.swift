import KubeCore
import PropertyBased
import Testing

@Suite("Label selector properties")
struct LabelSelectorPropertyTests {
    static let keys = ["a", "b", "app", "example.com/tier", "x.y_z-1", "in"]
    static let values = ["", "x", "y-1", "z.2", "in", "notin", "Web_01"]

    static func requirement(
        comparisons: Bool
    ) -> Generator<LabelRequirement, some SendableSequenceType> {
        zip(
            Gen.int(in: 0...5),
            Gen.element(of: LabelRequirement.Operator.allCases),
            Gen.int(in: 0...6).array(of: 1...3),
            Gen.int(in: 0...50)
        ).map { keyIndex, op, valueIndexes, number in
            let op = op ?? .exists
            let key = keys[keyIndex]
            let values = valueIndexes.map { Self.values[$0] }
            let requirement: LabelRequirement?
            switch op {
            case .exists, .doesNotExist: requirement = try? LabelRequirement(key: key, operator: op)
            case .in, .notIn: requirement = try? LabelRequirement(key: key, operator: op, values: values)
            case .greaterThan, .lessThan:
                requirement =
                    comparisons
                    ? try? LabelRequirement(key: key, operator: op, values: [String(number)])
                    : try? LabelRequirement(key: key, operator: .exists)
            case .equals, .doubleEquals, .notEquals:
                requirement = try? LabelRequirement(key: key, operator: op, values: [values[0]])
            }
            return requirement!
        }
    }

    /// Label sets over the same keys and values, so that requirements often apply.
    static var labels: Generator<[String: String], some SendableSequenceType> {
        zip(Gen.int(in: 0...4), Gen.int(in: 0...6)).array(of: 0...4).map { pairs in
            Dictionary(pairs.map { (keys[$0], values[$1]) }, uniquingKeysWith: { first, _ in first })
        }
    }

    @Test("Printing then parsing a requirement list gives it back sorted by key")
    func printParseRoundTrip() async {
        await propertyCheck(count: 300, input: Self.requirement(comparisons: true).array(of: 0...6)) { list in
            let text = list.selectorString
            let parsed = try LabelRequirement.parseList(text)
            let sorted = list.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            #expect(parsed == sorted.map(\.element), "\(text)")
            #expect(parsed.selectorString == (try LabelRequirement.parseList(parsed.selectorString)).selectorString)
        }
    }

    @Test("A LabelSelector built from requirements selects the same label sets and prints stably")
    func labelSelectorAgrees() async {
        await propertyCheck(
            count: 300,
            input: Self.requirement(comparisons: false).array(of: 0...5),
            Self.labels
        ) { list, labels in
            let selector = try LabelSelector(requirements: list)
            #expect(selector.matches(labels) == list.matches(labels), "\(list.selectorString) on \(labels)")
            let text = selector.selectorString
            #expect(try LabelSelector(parsing: text).selectorString == text)
        }
    }
}
