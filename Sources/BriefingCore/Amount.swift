import Foundation

/// A decimal and a bound on how far it may be from the true value.
///
/// Sums, differences and products of exact numbers stay exact. A quotient that does not
/// terminate (1/3), or a product beyond 38 digits, is rounded to 38 significant digits; from
/// then on the amount carries `errorExponent`, and every later operation widens the bound by
/// the usual propagation rules (absolute errors add; relative errors add in × and ÷), so a
/// cancellation such as (1/3 + 10²⁰) − 10²⁰ is known to be good to 17 digits, not 37.
public struct Amount: Hashable, Sendable {
    public var value: Decimal
    /// nil when `value` is exact; otherwise |value − true value| < 10^errorExponent.
    public var errorExponent: Int?

    public init(_ value: Decimal, errorExponent: Int? = nil) {
        self.value = value
        self.errorExponent = errorExponent
    }

    public var isExact: Bool { errorExponent == nil }

    /// Significant digits shown for a rounded value: enough that 1/3 × 3 reads 1 (its 38-digit
    /// form is 0.999…9) and far more than any statistic is written with.
    public static let shownDigits = 30

    /// The value as shown and exported: exact values in full; rounded ones to `shownDigits`
    /// significant digits, and no finer than one digit above their error bound.
    public var shown: Decimal {
        guard let e = errorExponent, let lead = DecimalMath.leadingDigit(value) else { return value }
        return DecimalMath.rounded(value, toExponent: max(lead - (Amount.shownDigits - 1), e + 1))
    }

    /// |v| < 10^upper(v); nil for zero, whose terms vanish.
    static func upper(_ v: Decimal) -> Int? { DecimalMath.leadingDigit(v).map { $0 + 1 } }

    /// The bound for a result: a single source as it is; several add up to less than ten times
    /// the largest (at most four terms, each below 10^max).
    static func combine(_ sources: [Int?], widen: Bool = false) -> Int? {
        let s = sources.compactMap { $0 }
        guard let m = s.max() else { return nil }
        return s.count > 1 || widen ? m + 1 : m
    }

    /// The bound a rounding to 38 digits adds: half a unit in the 38th digit.
    static func roundingError(_ r: DecimalMath.Result) -> Int? {
        guard r.rounded, let lead = DecimalMath.leadingDigit(r.value) else { return nil }
        return lead - (DecimalMath.maxDigits - 1)
    }

    /// Sums and differences of exact amounts must be exact (`.inexact` otherwise): rounding
    /// there would lose the smaller term, as in (a + 0.01) − a for a 38-digit a. With an
    /// approximate term the sum is rounded too, and the bound says so.
    /// `rounding: true` allows rounding even for exact terms (a check's difference, which is
    /// compared, not computed on).
    public func adding(_ b: Amount, rounding: Bool = false) throws(DecimalMath.Fault) -> Amount {
        let r = try DecimalMath.add(value, b.value, rounding: rounding || !(isExact && b.isExact))
        return Amount(r.value, errorExponent: Amount.combine([errorExponent, b.errorExponent, Amount.roundingError(r)]))
    }

    public func subtracting(_ b: Amount, rounding: Bool = false) throws(DecimalMath.Fault) -> Amount {
        try adding(b.negated, rounding: rounding)
    }

    public var negated: Amount {
        Amount(value.isZero ? value : -value, errorExponent: errorExponent)
    }

    public func multiplied(by b: Amount) throws(DecimalMath.Fault) -> Amount {
        let r = try DecimalMath.multiply(value, b.value)
        // |ãb̃ − ab| ≤ |ã|·Eb + |b̃|·Ea + Ea·Eb, plus the rounding.
        var sources: [Int?] = [Amount.roundingError(r)]
        if let ea = errorExponent { sources.append(Amount.upper(b.value).map { ea + $0 }) }
        if let eb = b.errorExponent { sources.append(Amount.upper(value).map { eb + $0 }) }
        if let ea = errorExponent, let eb = b.errorExponent { sources.append(ea + eb) }
        return Amount(r.value, errorExponent: Amount.combine(sources))
    }

    /// Division; `.imprecise` when the divisor's error reaches a tenth of it (the quotient
    /// would then have no reliable digit).
    public func divided(by b: Amount) throws(DecimalMath.Fault) -> Amount {
        guard let lb = DecimalMath.leadingDigit(b.value) else { throw .divisionByZero }
        if let eb = b.errorExponent, eb > lb - 1 { throw .imprecise }
        let r = try DecimalMath.divide(value, b.value)
        // With Eb < |b̃|/10: |ã/b̃ − a/b| ≤ 1.12·(Ea + |ã/b̃|·Eb)/|b̃|, and |b̃| ≥ 10^lb.
        var sources: [Int?] = [Amount.roundingError(r)]
        if let ea = errorExponent { sources.append(ea - lb) }
        if let eb = b.errorExponent, let ur = Amount.upper(r.value) { sources.append(eb + ur - lb) }
        return Amount(r.value, errorExponent: Amount.combine(sources, widen: !(isExact && b.isExact)))
    }

    /// 10^errorExponent as a Decimal (0 when exact), for comparisons; an exponent below
    /// Decimal's range gives its smallest power, which only widens the bound.
    public var errorBound: Decimal {
        guard let e = errorExponent else { return 0 }
        return Decimal(sign: .plus, exponent: min(max(e, DecimalMath.minExponent), DecimalMath.maxExponent), significand: 1)
    }
}
