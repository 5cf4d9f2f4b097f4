/// Evaluates a parsed CEL expression with the semantics of the CEL spec as cel-go implements it.
///
/// Errors propagate through every operator except `&&`, `||`, `?:` (only the taken branch is evaluated) and the
/// `all`/`exists` macros: `false && error` is `false` and `true || error` is `true` whichever side errs, as the
/// spec's commutative logical operators require. Arithmetic does not mix types (`1 + 1.0` is `no such overload`);
/// equality and ordering do (`1 == 1.0`, `1 < 1.5`). Int and uint arithmetic that overflows is an error.
/// See <https://github.com/google/cel-spec/blob/master/doc/langdef.md#evaluation>.
struct CELEvaluator {
    var variables: [String: CELValue]

    func evaluate(_ expression: CELExpression) throws(CELEvaluationError) -> CELValue {
        switch expression {
        case .literal(let value):
            return value
        case .identifier(let name, _):
            if let value = variables[name] { return value }
            if CELProgram.typeNames.contains(name) { return .type(name) }
            throw CELEvaluationError("no such attribute: \(name)")
        case .select(let operand, let field, _):
            let value = try evaluate(operand)
            guard case .map = value else { throw .noSuchOverload }
            let name = CELProgram.unescapedFieldName(field)
            guard let member = value.member(.string(name)) ?? value.member(.string(field)) else {
                throw .noSuchKey(.string(name))
            }
            return member
        case .has(let operand, let field, _):
            let value = try evaluate(operand)
            guard case .map = value else { throw .noSuchOverload }
            let name = CELProgram.unescapedFieldName(field)
            return .bool(value.member(.string(name)) != nil || value.member(.string(field)) != nil)
        case .index(let operand, let index):
            return try Self.index(try evaluate(operand), try evaluate(index))
        case .call(let name, let target, let arguments, _):
            let receiver = try target.map { (target) throws(CELEvaluationError) in try evaluate(target) }
            var values: [CELValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            if let receiver { return try CELFunctions.member(name, receiver, values) }
            return try CELFunctions.global(name, values)
        case .list(let elements):
            var values: [CELValue] = []
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .map(let entries):
            var values: [(key: CELValue, value: CELValue)] = []
            for entry in entries {
                let key = try evaluate(entry.key)
                switch key {
                case .string, .int, .uint, .bool: break
                default: throw CELEvaluationError("unsupported key type")
                }
                if values.contains(where: { $0.key.isEqual(to: key) }) {
                    throw CELEvaluationError("Failed with repeated key")
                }
                values.append((key: key, value: try evaluate(entry.value)))
            }
            return .map(values)
        case .unary(let op, let operand):
            return try Self.unary(op, try evaluate(operand))
        case .binary(let op, let left, let right):
            return try CELOperators.binary(op, try evaluate(left), try evaluate(right))
        case .and(let left, let right):
            return try logical(left, right, absorbing: false)
        case .or(let left, let right):
            return try logical(left, right, absorbing: true)
        case .conditional(let condition, let then, let otherwise):
            guard case .bool(let flag) = try evaluate(condition) else { throw .noSuchOverload }
            return try evaluate(flag ? then : otherwise)
        case .comprehension(let macro, let range, let variable, let arguments):
            return try comprehension(macro, range: try evaluate(range), variable: variable, arguments: arguments)
        }
    }

    /// `&&` (absorbing `false`) and `||` (absorbing `true`): the absorbing value wins over an error on either side.
    private func logical(
        _ left: CELExpression,
        _ right: CELExpression,
        absorbing: Bool
    ) throws(CELEvaluationError) -> CELValue {
        var firstError: CELEvaluationError?
        for side in [left, right] {
            do {
                switch try evaluate(side) {
                case .bool(let flag) where flag == absorbing: return .bool(absorbing)
                case .bool: break
                default: firstError = firstError ?? .noSuchOverload
                }
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return .bool(!absorbing)
    }

    private func comprehension(
        _ macro: CELExpression.Macro,
        range: CELValue,
        variable: String,
        arguments: [CELExpression]
    ) throws(CELEvaluationError) -> CELValue {
        let elements: [CELValue]
        switch range {
        case .list(let values): elements = values
        case .map(let entries): elements = entries.map(\.key)
        default: throw .noSuchOverload
        }
        var scope = self
        func predicate(_ element: CELValue, _ expression: CELExpression) throws(CELEvaluationError) -> Bool {
            scope.variables[variable] = element
            guard case .bool(let flag) = try scope.evaluate(expression) else { throw .noSuchOverload }
            return flag
        }
        switch macro {
        case .all, .exists:
            let decisive = macro == .exists
            var firstError: CELEvaluationError?
            for element in elements {
                do {
                    if try predicate(element, arguments[0]) == decisive { return .bool(decisive) }
                } catch {
                    firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
            return .bool(!decisive)
        case .existsOne:
            var count = 0
            for element in elements {
                if try predicate(element, arguments[0]) { count += 1 }
            }
            return .bool(count == 1)
        case .filter:
            var kept: [CELValue] = []
            for element in elements {
                if try predicate(element, arguments[0]) { kept.append(element) }
            }
            return .list(kept)
        case .map:
            var mapped: [CELValue] = []
            for element in elements {
                if arguments.count == 2, try !predicate(element, arguments[0]) { continue }
                scope.variables[variable] = element
                mapped.append(try scope.evaluate(arguments[arguments.count - 1]))
            }
            return .list(mapped)
        }
    }

    private static func index(_ operand: CELValue, _ index: CELValue) throws(CELEvaluationError) -> CELValue {
        switch operand {
        case .list(let elements):
            let position: Int64
            switch index {
            case .int(let value): position = value
            case .uint(let value): position = Int64(exactly: value) ?? Int64.max
            case .double(let value):
                guard let exact = Int64(exactly: value) else { throw CELEvaluationError("unsupported index value") }
                position = exact
            default: throw .noSuchOverload
            }
            guard position >= 0, position < elements.count else {
                throw CELEvaluationError("index out of bounds: \(position)")
            }
            return elements[Int(position)]
        case .map:
            guard let value = operand.member(index) else { throw .noSuchKey(index) }
            return value
        default:
            throw .noSuchOverload
        }
    }

    private static func unary(
        _ op: CELExpression.UnaryOperator,
        _ value: CELValue
    ) throws(CELEvaluationError) -> CELValue {
        switch (op, value) {
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.negate, .int(let number)):
            guard number != .min else { throw .integerOverflow }
            return .int(-number)
        case (.negate, .double(let number)): return .double(-number)
        default: throw .noSuchOverload
        }
    }
}
