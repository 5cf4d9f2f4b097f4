/// CEL's binary operators on evaluated operands: arithmetic with overflow checks, heterogeneous comparison and
/// equality, concatenation, and `in`.
enum CELOperators {
    static func binary(
        _ op: CELExpression.BinaryOperator,
        _ left: CELValue,
        _ right: CELValue
    ) throws(CELEvaluationError) -> CELValue {
        switch op {
        case .equal: return .bool(left.isEqual(to: right))
        case .notEqual: return .bool(!left.isEqual(to: right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = left.compare(to: right) else {
                if case .double(let a) = left, a.isNaN, right.isNumber { return .bool(false) }
                if case .double(let b) = right, b.isNaN, left.isNumber { return .bool(false) }
                throw .noSuchOverload
            }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            switch right {
            case .list(let elements): return .bool(elements.contains { $0.isEqual(to: left) })
            case .map: return .bool(right.member(left) != nil)
            default: throw .noSuchOverload
            }
        case .add: return try add(left, right)
        case .subtract, .multiply, .divide, .remainder: return try arithmetic(op, left, right)
        }
    }

    private static func add(_ left: CELValue, _ right: CELValue) throws(CELEvaluationError) -> CELValue {
        switch (left, right) {
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.bytes(let a), .bytes(let b)): return .bytes(a + b)
        case (.list(let a), .list(let b)): return .list(a + b)
        default: return try arithmetic(.add, left, right)
        }
    }

    private static func arithmetic(
        _ op: CELExpression.BinaryOperator,
        _ left: CELValue,
        _ right: CELValue
    ) throws(CELEvaluationError) -> CELValue {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            return .int(try checkedArithmetic(op, a, b))
        case (.uint(let a), .uint(let b)):
            return .uint(try checkedArithmetic(op, a, b))
        case (.double(let a), .double(let b)):
            switch op {
            case .add: return .double(a + b)
            case .subtract: return .double(a - b)
            case .multiply: return .double(a * b)
            case .divide: return .double(a / b)
            default: throw .noSuchOverload
            }
        default:
            throw .noSuchOverload
        }
    }
}

extension CELValue {
    var isNumber: Bool {
        switch self {
        case .int, .uint, .double: true
        default: false
        }
    }
}

extension CELOperators {
    /// `a op b` for CEL's int and uint: overflow, division by zero and modulus by zero are errors.
    static func checkedArithmetic<T: FixedWidthInteger>(
        _ op: CELExpression.BinaryOperator,
        _ a: T,
        _ b: T
    ) throws(CELEvaluationError) -> T {
        let result: (partialValue: T, overflow: Bool)
        switch op {
        case .add: result = a.addingReportingOverflow(b)
        case .subtract: result = a.subtractingReportingOverflow(b)
        case .multiply: result = a.multipliedReportingOverflow(by: b)
        case .divide:
            guard b != 0 else { throw CELEvaluationError("division by zero") }
            result = a.dividedReportingOverflow(by: b)
        default:
            guard b != 0 else { throw CELEvaluationError("modulus by zero") }
            result = a.remainderReportingOverflow(dividingBy: b)
        }
        guard !result.overflow else { throw .integerOverflow }
        return result.partialValue
    }
}
