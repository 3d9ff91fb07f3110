import BriefingCore
import Foundation

public enum CheckStatus: String, Sendable, Hashable, Comparable {
    case pass, fail, acknowledged, stale

    /// Whether CI fails on it (DESIGN §3.4).
    public var failsCI: Bool { self == .fail || self == .stale }
    public var chineseName: String {
        switch self {
        case .pass: return "一致"
        case .fail: return "不一致"
        case .acknowledged: return "原文不一致（已说明）"
        case .stale: return "说明已过时"
        }
    }
    public static func < (a: CheckStatus, b: CheckStatus) -> Bool { a.rawValue < b.rawValue }
}

public enum CheckKind: String, Sendable, Hashable {
    /// An indicator's `stated` value.
    case indicator
    /// A number written in prose and bound to a figure or indicator with `fig:`.
    case binding
    /// A relation between two values (`check: <= whole`): part and whole, or one quantity
    /// stated in two places.
    case relation
}

/// One comparison of a stated number with the computed one.
/// A class, so that the lists of a large site (one entry per number) are copied by reference
/// when `serve` patches them after an edit.
public final class CheckResult: Sendable, Hashable {
    public let id: String
    public let kind: CheckKind
    public let status: CheckStatus
    public let location: SourceLocation
    public let document: String
    public let label: String
    public let stated: WrittenQuantity
    /// Computed value in the stated unit.
    public let computed: Decimal
    /// computed − stated, in the stated unit.
    public let difference: Decimal
    /// Allowed |difference| for = and ≈; nil for inequalities.
    public let tolerance: Decimal?
    public let note: String?

    public init(id: String, kind: CheckKind, status: CheckStatus, location: SourceLocation, document: String, label: String,
                stated: WrittenQuantity, computed: Decimal, difference: Decimal, tolerance: Decimal?, note: String?) {
        self.id = id
        self.kind = kind
        self.status = status
        self.location = location
        self.document = document
        self.label = label
        self.stated = stated
        self.computed = computed
        self.difference = difference
        self.tolerance = tolerance
        self.note = note
    }

    public static func == (a: CheckResult, b: CheckResult) -> Bool {
        (a.id, a.kind, a.status, a.location, a.document, a.label) == (b.id, b.kind, b.status, b.location, b.document, b.label)
            && (a.stated, a.computed, a.difference, a.tolerance, a.note) == (b.stated, b.computed, b.difference, b.tolerance, b.note)
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(location)
        h.combine(computed)
    }

    public var unitSymbol: String { stated.quantity.unit.symbol }
    /// Computed, to the stated precision plus up to two more digits when it has them,
    /// so that 287.22 is not shown as the stated 287.3's neighbour 287.2.
    public var computedText: String {
        let d = stated.number.decimals
        let exact = NumberFormat.plain(NumberFormat.rounded(computed, d + 2))
        let have = exact.firstIndex(of: ".").map { exact.distance(from: $0, to: exact.endIndex) - 1 } ?? 0
        return NumberFormat.fixed(computed, decimals: max(d, have)) + unitSymbol
    }
    public var statedText: String {
        (stated.comparator == .equal ? "" : stated.comparator.rawValue) + stated.number.text + unitSymbol
    }
    public var differenceText: String {
        let sign = difference > 0 ? "+" : ""
        return sign + NumberFormat.plain(NumberFormat.rounded(difference, max(stated.number.decimals + 2, 2))) + unitSymbol
    }
    public var toleranceText: String {
        guard let t = tolerance else { return stated.comparator.rawValue }
        return "±" + Self.shortTolerance(t) + unitSymbol
    }

    /// A long tolerance (±5 % of 50/3, a repeating decimal) is shown
    /// to four significant digits with "…": it is read by people; JSON keeps every digit.
    static func shortTolerance(_ t: Decimal) -> String {
        let p = NumberFormat.plain(t)
        guard let dot = p.firstIndex(of: "."), p.distance(from: dot, to: p.endIndex) > 7 else { return p }
        let zeros = p[p.index(after: dot)...].prefix { $0 == "0" }.count
        return NumberFormat.fixed(t, decimals: zeros + 4) + "…"
    }
}

public enum Checker {
    /// Compares `computed` with what the text states. Throws when the units cannot be compared,
    /// or when a rounded computed value is too imprecise to decide.
    ///
    /// A computed value that went through a repeating division (1/3) is rounded to 38
    /// significant digits; its error bound (about 10⁻³⁷ of it) is dwarfed by any tolerance
    /// (half a unit in the last written digit, and at most 30 digits are written), and a
    /// value within that bound of a boundary counts as on it, so 1/3 × 3 checks as exactly 1.
    /// Only when the value lies within its bound of the boundary and the bound reaches a
    /// thousandth of the tolerance (after a cancellation) is the check refused.
    public static func check(id: String, kind: CheckKind, label: String, stated: WrittenQuantity, computed: Quantity,
                             tolerance: Quantity? = nil, expectDiscrepancy: Bool = false, note: String? = nil,
                             location: SourceLocation, document: String) throws(LocalError) -> CheckResult {
        let su = stated.quantity.unit
        guard su.agrees(with: computed.unit) else {
            let cu = computed.unit.symbol.isEmpty ? "无单位" : computed.unit.symbol
            let sus = su.symbol.isEmpty ? "无单位" : su.symbol
            throw LocalError("所写的 `\(stated.text)` 单位为 \(sus)（\(su.kindText)），而 `\(id)` 的单位是 \(cu)（\(computed.unit.kindText)），无法比较",
                             hint: su.dimension == computed.dimension ? "两者计的不是同一种对象；改用与数据相同的量词，例如 \(cu)"
                                 : "改用与数据相同量纲的单位，例如 \(cu)")
        }
        let value = try computed.amount(in: su)
        let s = stated.number.value
        let diff: Amount
        do {
            diff = try value.subtracting(Amount(s), rounding: true)
        } catch {
            throw Quantity.fault(error, "比对时相减", NumberFormat.plain(value.value), stated.number.text)
        }
        let margin = diff.errorBound
        let d = diff.value
        let tol: Decimal? = stated.comparator == .equal || stated.comparator == .approx
            ? try toleranceAmount(stated: stated, override: tolerance) : nil
        // Where the decision changes: |d| = tol for = and ≈, d = 0 for the inequalities.
        let edge = tol.map { (try? DecimalMath.subtract(abs(d), $0, rounding: true).value) ?? d } ?? d
        if !margin.isZero, abs(edge) <= margin {
            let scale = tol ?? stated.halfUnitOfLastDigit.value
            if (try? DecimalMath.multiply(margin, 1000).value).map({ $0 > scale }) ?? true {
                throw LocalError("`\(id)` 的计算值经过除不尽的除法，舍入误差（约 \(NumberFormat.plain(margin))\(su.symbol)）与所写的精度 \(NumberFormat.plain(scale))\(su.symbol) 相比不可忽略，无法判断是否一致",
                                 hint: "检查公式是否让两个几乎相等的近似值相减；或放宽 tolerance")
            }
        }
        // Within the margin of the edge counts as on it.
        let ok: Bool
        switch stated.comparator {
        case .equal, .approx: ok = edge <= margin
        case .greater: ok = d > margin
        case .greaterOrEqual: ok = d >= -margin
        case .less: ok = d < -margin
        case .lessOrEqual: ok = d <= margin
        }
        let status: CheckStatus = expectDiscrepancy ? (ok ? .stale : .acknowledged) : (ok ? .pass : .fail)
        // What is shown and exported: the value rounded to its reliable digits, and the
        // difference of that shown value (so the two read consistently).
        let shown = value.shown
        let shownDiff = (try? DecimalMath.subtract(shown, s, rounding: true).value) ?? d
        return CheckResult(id: id, kind: kind, status: status, location: location, document: document, label: label,
                           stated: stated, computed: shown, difference: shownDiff, tolerance: tol, note: note)
    }

    /// The allowed difference in the stated unit: the override, else half a unit in the last
    /// written digit for `=` (statcheck's rule), else 5 % of the stated value for `≈`.
    /// A tolerance in % is relative unless the stated value is itself a ratio or plain number.
    public static func toleranceAmount(stated: WrittenQuantity, override: Quantity?) throws(LocalError) -> Decimal {
        let su = stated.quantity.unit
        let s = abs(stated.number.value)
        if let t = override {
            if t.unit.symbol == "%" && !su.isScalar { return try product(s, t.magnitude) }
            guard t.unit.agrees(with: su) else {
                throw LocalError("容差 `\(t)` 的单位与所述值 `\(stated.text)` 不一致")
            }
            return try t.amount(in: su).value
        }
        if stated.comparator == .approx { return try product(s, Decimal(string: "0.05")!) }
        return Decimal(sign: .plus, exponent: -(stated.number.decimals + 1), significand: 5)
    }

    static func product(_ a: Decimal, _ b: Decimal) throws(LocalError) -> Decimal {
        do {
            return try DecimalMath.multiply(a, b).value
        } catch {
            throw Quantity.fault(error, "计算容差时相乘", NumberFormat.plain(a), NumberFormat.plain(b))
        }
    }

    /// Checks every indicator with a `stated` value. Unit problems become diagnostics.
    public static func checkIndicators(_ project: Project, _ evaluation: Evaluation) -> ([CheckResult], [Diagnostic]) {
        checkIndicators(project, evaluation, ids: project.indicators.keys.sorted())
    }

    /// Checks the indicators `ids` (those without a stated value are skipped).
    public static func checkIndicators(_ project: Project, _ evaluation: Evaluation, ids: [String]) -> ([CheckResult], [Diagnostic]) {
        checkIndicators(ids.compactMap { project.indicators[$0] }, values: { evaluation.values[$0] })
    }

    /// Checks these indicators against their computed values.
    public static func checkIndicators(_ indicators: [Indicator], values: (String) -> Quantity?) -> ([CheckResult], [Diagnostic]) {
        var results: [CheckResult] = []
        var problems: [Diagnostic] = []
        for ind in indicators {
            let id = ind.id
            guard let stated = ind.stated, let computed = values(id) else { continue }
            do {
                results.append(try check(id: id, kind: .indicator, label: ind.label, stated: stated.written, computed: computed,
                                         tolerance: ind.tolerance, expectDiscrepancy: ind.expectDiscrepancy, note: ind.note,
                                         location: stated.location, document: ind.document))
            } catch {
                problems.append(error.at(stated.location))
            }
        }
        return (results, problems)
    }
}
