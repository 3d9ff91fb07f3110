import Foundation
import BriefingCore

/// The computed value of every indicator, the inputs each one used, and the problems found.
public struct Evaluation: Sendable {
    /// Indicator id → computed value, in the indicator's display unit.
    public var values: [String: Quantity]
    /// Indicator id → ids it uses directly (wildcards expanded), in formula order.
    public var inputs: [String: [String]]
    /// Figure or indicator id → indicators that use it directly, sorted.
    public var usedBy: [String: [String]]
    public var problems: [Diagnostic]
    /// Every figure and indicator id, for wildcards; kept so a re-evaluation need not sort them again.
    public var index: IDIndex

    public init(values: [String: Quantity], inputs: [String: [String]], usedBy: [String: [String]], problems: [Diagnostic],
                index: IDIndex) {
        self.values = values
        self.inputs = inputs
        self.usedBy = usedBy
        self.problems = problems
        self.index = index
    }
}

/// The indicators evaluated again after an edit: new values (missing where evaluation
/// failed, with the problems saying why) and inputs.
public struct EvaluationPatch: Sendable {
    public var affected: Set<String>
    public var values: [String: Quantity]
    public var inputs: [String: [String]]
    public var problems: [Diagnostic]
}

extension Evaluation {
    /// Takes in a re-evaluation: values, inputs and the reverse `usedBy` index.
    public mutating func apply(_ patch: EvaluationPatch) {
        for id in patch.affected {
            let old = Set(inputs[id] ?? [])
            let new = Set(patch.inputs[id] ?? [])
            values[id] = patch.values[id]
            inputs[id] = patch.inputs[id]
            for i in old.subtracting(new) {
                usedBy[i]?.removeAll { $0 == id }
                if usedBy[i]?.isEmpty == true { usedBy[i] = nil }
            }
            for i in new.subtracting(old) {
                usedBy[i, default: []].append(id)
                usedBy[i]!.sort()
            }
        }
    }
}

/// Evaluates indicators in dependency order, each once, with cycle detection.
public struct Evaluator {
    let project: Project
    let index: IDIndex
    var parsed: [String: Expr] = [:]
    /// Wildcard expansions, each done once (ordering and evaluation both need them).
    var expanded: [String: [String]] = [:]
    var values: [String: Quantity] = [:]
    var failed: Set<String> = []
    var inputs: [String: [String]] = [:]
    var stack: [String] = []
    var onStack: Set<String> = []
    var problems: [Diagnostic] = []
    /// For a re-evaluation: values of the indicators outside `affected`.
    var base: [String: Quantity] = [:]
    var affected: Set<String>?
    /// For a re-evaluation: the edited files' figures and indicators (the project holds the old ones).
    var editedFigures: [String: Figure] = [:]
    var editedIndicators: [String: Indicator] = [:]

    func figure(_ id: String) -> Figure? { editedFigures[id] ?? project.figures[id] }
    func indicator(_ id: String) -> Indicator? { editedIndicators[id] ?? project.indicators[id] }

    public static func evaluate(_ project: Project) -> Evaluation {
        var e = Evaluator(project: project, index: IDIndex(ids: Array(project.figures.keys) + Array(project.indicators.keys)))
        // Parsing is most of the work and needs nothing but the formula: done on every core.
        // A formula that does not parse is left out and reported by `compute`.
        let indicators = Array(project.indicators.values)
        let parsed = ParallelMap.map(indicators) { try? FormulaParser.parse($0.formula, units: project.units) }
        for (ind, expr) in zip(indicators, parsed) where expr != nil { e.parsed[ind.id] = expr }
        // Inputs first, so that `value(of:)` never recurses along a long chain of indicators.
        for id in e.evaluationOrder(roots: project.indicators.keys.sorted()) { _ = e.value(of: id) }
        var usedBy: [String: [String]] = [:]
        for (id, ins) in e.inputs { for i in Set(ins) { usedBy[i, default: []].append(id) } }
        for k in usedBy.keys { usedBy[k]!.sort() }
        return Evaluation(values: e.values, inputs: e.inputs, usedBy: usedBy, problems: e.problems, index: e.index)
    }

    /// Indicators whose value may change when the figures and indicators in `changed` change:
    /// those among `changed` and everything that uses them, directly or not.
    public static func affected(by changed: some Sequence<String>, in project: Project, _ previous: Evaluation) -> Set<String> {
        var out: Set<String> = []
        var todo = Array(changed)
        while let id = todo.popLast() {
            if project.indicators[id] != nil, !out.insert(id).inserted { continue }
            for user in previous.usedBy[id] ?? [] where !out.contains(user) { todo.append(user) }
        }
        return out
    }

    /// Evaluates again only the indicators in `affected`, reading every other value from
    /// `previous` (which is not copied); `project` is the one before the edit, `edited` and
    /// `editedIndicators` what the edited files now define. The set of ids must be the same as when `previous`
    /// was computed (wildcards expand through its index); `affected` must hold everything
    /// downstream of a change. Apply the result with `Evaluation.apply`.
    public static func reevaluate(_ project: Project, edited: [String: Figure], _ editedIndicators: [String: Indicator],
                                  previous: Evaluation, affected: Set<String>) -> EvaluationPatch {
        var e = Evaluator(project: project, index: previous.index)
        e.editedFigures = edited
        e.editedIndicators = editedIndicators
        e.base = previous.values
        e.affected = affected
        for id in e.evaluationOrder(roots: affected.sorted(), skip: { !affected.contains($0) }) { _ = e.value(of: id) }
        return EvaluationPatch(affected: affected, values: e.values, inputs: e.inputs, problems: e.problems)
    }

    /// Every indicator, each after the indicators it uses (depth-first, in the order
    /// `value(of:)` would visit them), found with an explicit stack rather than recursion.
    /// A cycle is reported here as `value(of:)` would report it; its members are marked failed
    /// and the indicators that led to it are not explored further (their evaluation stops there).
    /// Starts from `roots`; indicators for which `skip` holds count as already evaluated.
    mutating func evaluationOrder(roots: [String], skip: (String) -> Bool = { _ in false }) -> [String] {
        var order: [String] = []
        var state: [String: Bool] = [:] // false: on the current path; true: done
        for root in roots where state[root] == nil {
            var path: [(id: String, inputs: [String], next: Int)] = [(root, indicatorInputs(of: root), 0)]
            state[root] = false
            while let top = path.last {
                if top.next < top.inputs.count, !failed.contains(top.inputs[top.next]) {
                    let d = top.inputs[top.next]
                    path[path.count - 1].next += 1
                    if state[d] == nil, skip(d) {
                        state[d] = true
                    } else if state[d] == nil {
                        state[d] = false
                        path.append((d, indicatorInputs(of: d), 0))
                    } else if state[d] == false {
                        let ids = path.map(\.id)
                        let cycle = Array(ids[ids.firstIndex(of: d)!...]) + [d]
                        problems.append(Diagnostic(indicator(d)!.formulaLocation, "公式循环引用：" + Evaluator.cycleText(cycle),
                                                   hint: "指标不能直接或间接地引用自己"))
                        for c in cycle { failed.insert(c) }
                        // Everything on the path now fails at this input; finish them all.
                        for p in path.reversed() {
                            state[p.id] = true
                            order.append(p.id)
                        }
                        path.removeAll()
                    }
                } else {
                    state[top.id] = true
                    order.append(top.id)
                    path.removeLast()
                }
            }
        }
        return order
    }

    /// `a → b → c → a`; a very long cycle is shortened in the middle.
    static func cycleText(_ cycle: [String]) -> String {
        guard cycle.count > 12 else { return cycle.joined(separator: " → ") }
        return (cycle.prefix(5) + ["…（共 \(cycle.count - 1) 个指标）…"] + cycle.suffix(5)).joined(separator: " → ")
    }

    /// Indicators a formula uses directly, in evaluation order (wildcards expanded).
    mutating func indicatorInputs(of id: String) -> [String] {
        guard let ind = indicator(id) else { return [] }
        let expr: Expr
        if let e = parsed[id] { expr = e } else {
            guard let e = try? FormulaParser.parse(ind.formula, units: project.units) else { return [] }
            parsed[id] = e
            expr = e
        }
        var out: [String] = []
        for r in expr.references {
            if r.contains("*") {
                out += expansion(r).filter { $0 != id && indicator($0) != nil }
            } else if indicator(r) != nil {
                out.append(r)
            }
        }
        return out
    }

    mutating func expansion(_ pattern: String) -> [String] {
        if let ids = expanded[pattern] { return ids }
        let ids = index.matching(pattern)
        expanded[pattern] = ids
        return ids
    }

    /// The value of a figure or indicator; nil when it (or something it uses) failed.
    mutating func value(of id: String) -> Quantity? {
        if let f = figure(id) { return f.quantity }
        if let v = values[id] { return v }
        if let affected, !affected.contains(id) { return base[id] }
        if failed.contains(id) { return nil }
        guard let ind = indicator(id) else { return nil }
        if onStack.contains(id) {
            let cycle = stack[stack.firstIndex(of: id)!...] + [id]
            let loc = indicator(cycle.first!)!.formulaLocation
            problems.append(Diagnostic(loc, "公式循环引用：" + Evaluator.cycleText(Array(cycle)),
                                       hint: "指标不能直接或间接地引用自己"))
            for c in cycle { failed.insert(c) }
            return nil
        }
        stack.append(id)
        onStack.insert(id)
        defer { stack.removeLast(); onStack.remove(id) }
        let result = compute(ind)
        if values[id] == nil, !failed.contains(id), let result {
            values[id] = result
            return result
        }
        failed.insert(id)
        return nil
    }

    mutating func compute(_ ind: Indicator) -> Quantity? {
        let expr: Expr
        if let e = parsed[ind.id] { expr = e } else {
            do {
                expr = try FormulaParser.parse(ind.formula, units: project.units)
            } catch {
                problems.append(error.at(ind.formulaLocation))
                return nil
            }
        }
        var used: [String] = []
        do {
            var q = try eval(expr, ind, &used)
            if let u = ind.unit {
                do { q = try q.converted(to: u) } catch {
                    throw LocalError("计算结果的单位 `\(q.unit.symbol)`（\(q.unit.kindText)）与 `unit: \(u.symbol)`（\(u.kindText)）不符",
                                     hint: "检查公式中各项的单位，或改正 unit")
                }
            } else if let s = ind.stated, s.written.quantity.unit.agrees(with: q.unit) {
                q.unit = s.written.quantity.unit
            }
            inputs[ind.id] = used
            return q
        } catch let e as LocalError {
            inputs[ind.id] = used
            if e.message != Evaluator.dependencyFailed {
                problems.append(Diagnostic(ind.formulaLocation, "指标 `\(ind.id)`：" + e.message, hint: e.hint))
            }
            return nil
        } catch {
            return nil
        }
    }

    /// Marker for "an input failed and was already reported".
    static let dependencyFailed = "\u{0}dependency"

    mutating func eval(_ e: Expr, _ ind: Indicator, _ used: inout [String]) throws -> Quantity {
        switch e {
        case .number(let q, _):
            return q
        case .ref(let id, let at):
            used.append(id)
            guard figure(id) != nil || indicator(id) != nil else {
                var hint = Suggest.hint(id, in: index.nearby(id))
                if hint.isEmpty { hint = "检查拼写；数据项须在某个文件的 figures 中定义" }
                throw LocalError("公式第\(at + 1)个字符处引用了不存在的编号 `\(id)`", hint: hint)
            }
            guard let v = value(of: id) else { throw LocalError(Evaluator.dependencyFailed) }
            return v
        case .wildcard(let pattern, _):
            // Only reached through a function; expanded there.
            throw LocalError("通配符 `\(pattern)` 只能用在 sum/avg/min/max 的括号里")
        case .negate(let a, _):
            return try eval(a, ind, &used).negated()
        case .binary:
            // `a + b + c + …` is left-deep: walk its left spine in a loop rather than
            // recursing once per term, so long sums cannot exhaust the stack.
            var rights: [(BinaryOp, Expr)] = []
            var leftmost = e
            while case .binary(let op, let a, let b, _) = leftmost {
                rights.append((op, b))
                leftmost = a
            }
            var x = try eval(leftmost, ind, &used)
            for (op, b) in rights.reversed() {
                let y = try eval(b, ind, &used)
                switch op {
                case .add: x = try x.adding(y)
                case .subtract: x = try x.subtracting(y)
                case .multiply: x = try x.multiplied(by: y, units: project.units)
                case .divide:
                    guard !y.magnitude.isZero else {
                        throw LocalError("除数为零", hint: "检查除号后面的数据是否为 0")
                    }
                    x = try x.divided(by: y, units: project.units)
                }
            }
            return x
        case .call(let f, let args, _):
            var values: [Quantity] = []
            for a in args {
                if case .wildcard(let pattern, let at) = a {
                    let ids = expansion(pattern).filter { $0 != ind.id }
                    guard !ids.isEmpty else {
                        throw LocalError("公式第\(at + 1)个字符处的通配符 `\(pattern)` 没有匹配任何编号",
                                         hint: "`*` 只匹配编号中的一段，例如 banner.*.capacity.pv 匹配 banner.dalad.capacity.pv")
                    }
                    for id in ids { values.append(try eval(.ref(id, offset: at), ind, &used)) }
                } else {
                    values.append(try eval(a, ind, &used))
                }
            }
            return try apply(f, values)
        }
    }

    func apply(_ f: Function, _ v: [Quantity]) throws(LocalError) -> Quantity {
        switch f {
        case .sum, .avg:
            var total = v[0]
            for q in v.dropFirst() { total = try total.adding(q) }
            if f == .sum { return total }
            return try total.divided(by: Quantity(Decimal(v.count), .one), units: project.units)
        case .min, .max:
            var best = v[0]
            for q in v.dropFirst() {
                guard q.unit.agrees(with: best.unit) else {
                    throw LocalError("\(f.rawValue) 的各项单位不一致：\(best.unit.symbol)（\(best.unit.kindText)）与 \(q.unit.symbol)（\(q.unit.kindText)），无法比较大小")
                }
                // Decimal comparison is exact and cannot trap.
                if f == .min ? q.magnitude < best.magnitude : q.magnitude > best.magnitude { best = q }
            }
            return best
        case .share, .growth:
            guard v[0].unit.agrees(with: v[1].unit) else {
                throw LocalError("\(f.rawValue) 的两个参数单位不一致：\(v[0].unit.symbol)（\(v[0].unit.kindText)）与 \(v[1].unit.symbol)（\(v[1].unit.kindText)）")
            }
            guard !v[1].magnitude.isZero else {
                throw LocalError("除数为零：\(f.rawValue) 的第二个参数为 0", hint: "检查作为分母的数据是否为 0")
            }
            // Both in base units: the ratio of the magnitudes is the plain ratio.
            var r = try Quantity(magnitude: v[0].magnitude, unit: .one, errorExponent: v[0].errorExponent)
                .divided(by: Quantity(magnitude: v[1].magnitude, unit: .one, errorExponent: v[1].errorExponent), units: project.units)
            if f == .growth { r = try r.subtracting(Quantity(1, .one)) }
            r.unit = .percent
            return r
        }
    }
}

/// Ids grouped by segment count and first segment, so wildcards and suggestions do not scan
/// every id of a large project.
public struct IDIndex: Sendable {
    var byShape: [String: [String]] = [:]
    var bySegments: [Int: [String]] = [:]

    public init(ids: [String]) {
        for id in ids.sorted() {
            let segs = id.split(separator: ".", omittingEmptySubsequences: false)
            bySegments[segs.count, default: []].append(id)
            byShape["\(segs.count)|\(segs[0])", default: []].append(id)
        }
    }

    /// Ids matching a pattern with `*` segments, sorted.
    public func matching(_ pattern: String) -> [String] {
        let p = pattern.split(separator: ".", omittingEmptySubsequences: false)
        let pool = p[0] == "*" ? bySegments[p.count] ?? [] : byShape["\(p.count)|\(p[0])"] ?? []
        return pool.filter { FigureID.matches(Substring($0), pattern: p) }
    }

    /// Candidates for a "did you mean": ids with the same number of segments.
    public func nearby(_ id: String) -> [String] {
        let n = id.split(separator: ".", omittingEmptySubsequences: false).count
        return (bySegments[n] ?? []) + (bySegments[n - 1] ?? []) + (bySegments[n + 1] ?? [])
    }
}
