import Foundation

/// Scales of composed units: exact products and ratios, within a range that keeps every
/// conversion of an amount representable.
enum UnitScale {
    /// A unit is at most 10³⁰ and at least 10⁻³⁰ base units (built-in units span 0.0005 to 10¹²).
    static let maxPower = 30

    static func product(_ a: Decimal, _ b: Decimal, naming symbol: String) throws(LocalError) -> Decimal {
        do {
            return try DecimalMath.multiply(a, b, rounding: false).value
        } catch {
            throw rangeError(symbol)
        }
    }

    static func rangeError(_ symbol: String) -> LocalError {
        LocalError("单位 `\(Diagnostic.excerpt(symbol))` 的换算倍数超出范围：一个单位须在 10^-\(maxPower) 到 10^\(maxPower) 个基本单位之间，且不超过 38 位有效数字",
                   hint: "检查单位是否叠加了过多的 万/亿 或 /；也可在 content/site.yaml 的 units 中把它定义为新的 base 单位")
    }

    /// Reduces scale/divisor to one number when the ratio terminates, and checks the range.
    static func checked(_ u: Unit) throws(LocalError) -> Unit {
        var u = u
        if u.divisor != 1, let r = try? DecimalMath.divide(u.scale, u.divisor, rounding: false) {
            u.scale = r.value
            u.divisor = 1
        }
        guard let ls = DecimalMath.leadingDigit(u.scale), let ld = DecimalMath.leadingDigit(u.divisor),
              abs(ls - ld) < maxPower, abs(ls) <= DecimalMath.maxDigits, abs(ld) <= DecimalMath.maxDigits else {
            throw rangeError(u.symbol)
        }
        return u
    }

    /// `a/b` as looked up: 万元/个, 人/户, 亿千瓦时/万千瓦.
    static func quotient(_ a: Unit, _ b: Unit, symbol: String) throws(LocalError) -> Unit {
        let dim = a.dimension / b.dimension
        return try checked(Unit(symbol, dim, scale: product(a.scale, b.divisor, naming: symbol),
                                divisor: product(a.divisor, b.scale, naming: symbol),
                                annotation: Unit.annotation(a.annotation / b.annotation, beside: dim)))
    }
}

extension Unit {
    /// Beside a dimension, count words count as 1 (35 万元 × 40 个 is 1400 万元), except a
    /// per-word (万元/个), which is kept so that 万元/个 × 个 shows as 万元 again.
    static func annotation(_ a: Dimension, beside dimension: Dimension) -> Dimension {
        dimension.isDimensionless ? a : Dimension(a.exponents.filter { $0.value < 0 })
    }

    /// Whether amounts in these units may be added, subtracted, compared or converted: the
    /// same dimension; and when dimensionless, the same count words if both have some
    /// (3 个 + 5 人 is an error, 3 个 + 5 and 3 人 + 2 万人 are fine), and no count beside a
    /// ratio unit (3 个 + 50%). Beside a dimension count words count as 1: 万元/个 agrees with 万元.
    public func agrees(with b: Unit) -> Bool {
        guard dimension == b.dimension else { return false }
        guard dimension.isDimensionless else { return true }
        if (isScalar && symbol.isEmpty) || (b.isScalar && b.symbol.isEmpty) { return true }
        return annotation == b.annotation
    }

    /// What a unit measures, for messages: 金额, 人数, 数量 (个, 家 …), 人数/户数, 比率, 无单位数.
    public var kindText: String {
        if !dimension.isDimensionless { return dimension.description }
        if !annotation.isEmpty { return annotation.description }
        return symbol.isEmpty ? "无单位数" : "比率"
    }

    /// The unit a product is shown in.
    static func product(_ a: Unit, _ b: Unit, units: UnitRegistry) throws(LocalError) -> Unit {
        let dim = a.dimension * b.dimension
        let ann = annotation(a.annotation * b.annotation, beside: dim)
        if b.isScalar, ann == a.annotation { return a }
        if a.isScalar, ann == b.annotation { return b }
        let symbol = cancelled(a.symbol, b.symbol) ?? cancelled(b.symbol, a.symbol) ?? "\(a.symbol)·\(b.symbol)"
        let s = try UnitScale.checked(Unit(symbol, dim, scale: UnitScale.product(a.scale, b.scale, naming: symbol),
                                           divisor: UnitScale.product(a.divisor, b.divisor, naming: symbol), annotation: ann))
        return units.preferred(for: dim, annotation: ann, scale: s.scale, divisor: s.divisor, composed: symbol)
    }

    /// `x/w/y` times `w` is shown as `x/y` (元/户/年 × 户 is 元/年): the symbol drops the
    /// unit it is multiplied by, so the scale still matches.
    static func cancelled(_ a: String, _ b: String) -> String? {
        guard !b.isEmpty, !"/·()".contains(where: { b.contains($0) }), !a.contains("·"), !a.contains("(") else { return nil }
        var parts = a.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1, let i = parts.dropFirst().firstIndex(of: b) else { return nil }
        parts.remove(at: i)
        return parts.joined(separator: "/")
    }

    /// The unit a quotient is shown in.
    static func quotient(_ a: Unit, _ b: Unit, units: UnitRegistry) throws(LocalError) -> Unit {
        let dim = a.dimension / b.dimension
        let ann = annotation(a.annotation / b.annotation, beside: dim)
        if b.isScalar, ann == a.annotation { return a }
        if dim.isDimensionless && ann.isEmpty { return .one }
        let den = b.symbol.contains("/") || b.symbol.contains("·") ? "(\(b.symbol))" : b.symbol
        let s = try UnitScale.quotient(a, b, symbol: "\(a.symbol)/\(den)")
        return units.preferred(for: dim, annotation: ann, scale: s.scale, divisor: s.divisor, composed: s.symbol)
    }

    /// An amount written in this unit, in base units.
    func toBase(_ v: Amount) throws(DecimalMath.Fault) -> Amount {
        if scale == 1 && divisor == 1 { return v }
        let m = try v.multiplied(by: Amount(scale))
        return divisor == 1 ? m : try m.divided(by: Amount(divisor))
    }

    /// A base amount in this unit.
    func fromBase(_ m: Amount) throws(DecimalMath.Fault) -> Amount {
        if scale == 1 && divisor == 1 { return m }
        let v = divisor == 1 ? m : try m.multiplied(by: Amount(divisor))
        return try v.divided(by: Amount(scale))
    }
}
