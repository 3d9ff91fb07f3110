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
}

/// Evaluates indicators in dependency order, each once, with cycle detection.
public struct Evaluator {
    let project: Project
    let index: IDIndex
    var parsed: [String: Expr] = [:]
    var values: [String: Quantity] = [:]
    var failed: Set<String> = []
    var inputs: [String: [String]] = [:]
    var stack: [String] = []
    var onStack: Set<String> = []
    var problems: [Diagnostic] = []

    public static func evaluate(_ project: Project) -> Evaluation {
        var e = Evaluator(project: project, index: IDIndex(ids: Array(project.figures.keys) + Array(project.indicators.keys)))
        // Inputs first, so that `value(of:)` never recurses along a long chain of indicators.
        for id in e.evaluationOrder() { _ = e.value(of: id) }
        var usedBy: [String: [String]] = [:]
        for (id, ins) in e.inputs { for i in Set(ins) { usedBy[i, default: []].append(id) } }
        for k in usedBy.keys { usedBy[k]!.sort() }
        return Evaluation(values: e.values, inputs: e.inputs, usedBy: usedBy, problems: e.problems)
    }

    /// Every indicator, each after the indicators it uses (depth-first, in the order
    /// `value(of:)` would visit them), found with an explicit stack rather than recursion.
    /// A cycle is reported here as `value(of:)` would report it; its members are marked failed
    /// and the indicators that led to it are not explored further (their evaluation stops there).
    mutating func evaluationOrder() -> [String] {
        var order: [String] = []
        var state: [String: Bool] = [:] // false: on the current path; true: done
        for root in project.indicators.keys.sorted() where state[root] == nil {
            var path: [(id: String, inputs: [String], next: Int)] = [(root, indicatorInputs(of: root), 0)]
            state[root] = false
            while let top = path.last {
                if top.next < top.inputs.count, !failed.contains(top.inputs[top.next]) {
                    let d = top.inputs[top.next]
                    path[path.count - 1].next += 1
                    if state[d] == nil {
                        state[d] = false
                        path.append((d, indicatorInputs(of: d), 0))
                    } else if state[d] == false {
                        let ids = path.map(\.id)
                        let cycle = Array(ids[ids.firstIndex(of: d)!...]) + [d]
                        problems.append(Diagnostic(project.indicators[d]!.formulaLocation, "公式循环引用：" + Evaluator.cycleText(cycle),
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
        guard let ind = project.indicators[id] else { return [] }
        let expr: Expr
        if let e = parsed[id] { expr = e } else {
            guard let e = try? FormulaParser.parse(ind.formula, units: project.units) else { return [] }
            parsed[id] = e
            expr = e
        }
        var out: [String] = []
        for r in expr.references {
            if r.contains("*") {
                out += index.matching(r).filter { $0 != id && project.indicators[$0] != nil }
            } else if project.indicators[r] != nil {
                out.append(r)
            }
        }
        return out
    }

    /// The value of a figure or indicator; nil when it (or something it uses) failed.
    mutating func value(of id: String) -> Quantity? {
        if let f = project.figures[id] { return f.quantity }
        if let v = values[id] { return v }
        if failed.contains(id) { return nil }
        guard let ind = project.indicators[id] else { return nil }
        if onStack.contains(id) {
            let cycle = stack[stack.firstIndex(of: id)!...] + [id]
            let loc = project.indicators[cycle.first!]!.formulaLocation
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
                    throw LocalError("计算结果的单位 `\(q.unit.symbol)`（\(q.dimension)）与 `unit: \(u.symbol)` 不符",
                                     hint: "检查公式中各项的单位，或改正 unit")
                }
            } else if let s = ind.stated, s.written.quantity.dimension == q.dimension {
                q = Quantity(magnitude: q.magnitude, unit: s.written.quantity.unit)
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
            guard project.figures[id] != nil || project.indicators[id] != nil else {
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
                case .multiply: x = x.multiplied(by: y, units: project.units)
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
                    let ids = index.matching(pattern).filter { $0 != ind.id }
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
            return Quantity(magnitude: total.magnitude / Decimal(v.count), unit: total.unit)
        case .min, .max:
            var best = v[0]
            for q in v.dropFirst() {
                guard q.dimension == best.dimension else {
                    throw LocalError("\(f.rawValue) 的各项量纲不同：\(best.unit.symbol) 与 \(q.unit.symbol)，无法比较大小")
                }
                if f == .min ? q.magnitude < best.magnitude : q.magnitude > best.magnitude { best = q }
            }
            return best
        case .share, .growth:
            guard v[0].dimension == v[1].dimension else {
                throw LocalError("\(f.rawValue) 的两个参数量纲不同：\(v[0].unit.symbol) 与 \(v[1].unit.symbol)")
            }
            guard !v[1].magnitude.isZero else {
                throw LocalError("除数为零：\(f.rawValue) 的第二个参数为 0", hint: "检查作为分母的数据是否为 0")
            }
            var r = v[0].magnitude / v[1].magnitude
            if f == .growth { r -= 1 }
            return Quantity(magnitude: r, unit: .percent)
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
