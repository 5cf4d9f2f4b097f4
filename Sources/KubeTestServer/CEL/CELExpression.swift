/// A parsed CEL expression. Macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) are expanded by the
/// parser into their own cases, as cel-go expands them into comprehensions.
indirect enum CELExpression: Sendable {
    /// A comprehension macro on a list (elements) or map (keys).
    enum Macro: String, Sendable {
        case all
        case exists
        case existsOne = "exists_one"
        case map
        case filter
    }

    enum UnaryOperator: String, Sendable {
        case not = "!"
        case negate = "-"
    }

    enum BinaryOperator: String, Sendable {
        case multiply = "*"
        case divide = "/"
        case remainder = "%"
        case add = "+"
        case subtract = "-"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "=="
        case notEqual = "!="
        case `in` = "in"
    }

    case literal(CELValue)
    /// A variable (`self`, `oldSelf`, a macro's iteration variable) or a type name (`int`, `string`, …).
    case identifier(String, offset: Int)
    /// `operand.field`; `offset` is the position of the dot.
    case select(CELExpression, field: String, offset: Int)
    /// `has(operand.field)`.
    case has(CELExpression, field: String, offset: Int)
    /// `operand[index]`.
    case index(CELExpression, CELExpression)
    /// A function call: global (`size(x)`) when `target` is `nil`, otherwise a member call (`x.size()`).
    case call(String, target: CELExpression?, arguments: [CELExpression], offset: Int)
    case list([CELExpression])
    case map([CELMapEntry])
    case unary(UnaryOperator, CELExpression)
    case binary(BinaryOperator, CELExpression, CELExpression)
    case and(CELExpression, CELExpression)
    case or(CELExpression, CELExpression)
    case conditional(CELExpression, then: CELExpression, else: CELExpression)
    /// `range.all(variable, predicate)` and friends; `map` with three arguments has a filter then a transform.
    case comprehension(Macro, range: CELExpression, variable: String, arguments: [CELExpression])

    /// Whether the expression mentions the variable `name` outside a macro that rebinds it.
    func references(_ name: String) -> Bool {
        switch self {
        case .literal: return false
        case .identifier(let identifier, _): return identifier == name
        case .select(let operand, _, _), .has(let operand, _, _), .unary(_, let operand):
            return operand.references(name)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.references(name) || b.references(name)
        case .call(_, let target, let arguments, _):
            return target?.references(name) == true || arguments.contains { $0.references(name) }
        case .list(let elements): return elements.contains { $0.references(name) }
        case .map(let entries): return entries.contains { $0.key.references(name) || $0.value.references(name) }
        case .conditional(let condition, let then, let otherwise):
            return condition.references(name) || then.references(name) || otherwise.references(name)
        case .comprehension(_, let range, let variable, let arguments):
            return range.references(name) || (variable != name && arguments.contains { $0.references(name) })
        }
    }
}

/// One `key: value` entry of a map literal.
struct CELMapEntry: Sendable {
    var key: CELExpression
    var value: CELExpression
}
