import Foundation

/// Decimal arithmetic that never traps, never returns NaN and never rounds without saying so.
///
/// Foundation's `Decimal` operators trap on overflow and underflow here, and even
/// NSDecimalMultiply traps on underflow (1e-100 × 1e-29), while NSDecimalMultiply and
/// NSDecimalDivide round products beyond 38 digits and repeating quotients (1/3) and still
/// report `.noError`. So the operations work on the integer coefficient (a `UInt128`, wide
/// products in 256 bits) and Foundation only holds the result.
///
/// Limits: a result keeps at most 38 significant digits; its last digit must not lie below
/// 10⁻¹²⁸, and the number must be below 10¹⁶⁵ (Decimal's exponent range).
public enum DecimalMath {
    /// Significant digits a result keeps: every 38-digit coefficient fits Decimal's 128 bits.
    public static let maxDigits = 38
    static let minExponent = -128
    static let maxExponent = 127

    public enum Fault: Error, Hashable, Sendable {
        /// The result is too large for Decimal.
        case overflow
        /// The result's digits reach below 10⁻¹²⁸.
        case underflow
        /// The exact result needs more than 38 significant digits and rounding was not allowed.
        case inexact
        case divisionByZero
        /// A divisor that was rounded so far that not even its first digit is certain.
        case imprecise
    }

    /// A result, and whether it was rounded (half away from zero) to 38 significant digits.
    public struct Result: Hashable, Sendable {
        public var value: Decimal
        public var rounded: Bool
    }

    public static func add(_ a: Decimal, _ b: Decimal, rounding: Bool) throws(Fault) -> Result {
        try sum(parts(a), parts(b), rounding: rounding)
    }

    public static func subtract(_ a: Decimal, _ b: Decimal, rounding: Bool) throws(Fault) -> Result {
        var y = try parts(b)
        y.negative.toggle()
        return try sum(parts(a), y, rounding: rounding)
    }

    public static func multiply(_ a: Decimal, _ b: Decimal, rounding: Bool = true) throws(Fault) -> Result {
        let x = try parts(a), y = try parts(b)
        if x.coefficient == 0 || y.coefficient == 0 { return Result(value: 0, rounded: x.rounded || y.rounded) }
        let p = x.coefficient.multipliedFullWidth(by: y.coefficient)
        return try finish(negative: x.negative != y.negative, Wide(hi: p.high, lo: p.low), exponent: x.exponent + y.exponent,
                          tail: x.rounded || y.rounded ? .belowHalf : .exact, rounding: rounding)
    }

    public static func divide(_ a: Decimal, _ b: Decimal, rounding: Bool = true) throws(Fault) -> Result {
        let x = try parts(a), y = try parts(b)
        guard y.coefficient != 0 else { throw .divisionByZero }
        if x.coefficient == 0 { return Result(value: 0, rounded: x.rounded) }
        // Scale the dividend so that the integer quotient has 38 or 39 digits; the remainder
        // then decides the rounding. x·10^k < 10^(38 + digits(y)) ≤ 10^76 fits in 256 bits.
        let k = maxDigits + digits(y.coefficient) - digits(x.coefficient)
        var n: Wide
        if k <= maxDigits {
            let p = x.coefficient.multipliedFullWidth(by: pow10[k])
            n = Wide(hi: p.high, lo: p.low)
        } else {
            let p = (x.coefficient * pow10[k - maxDigits]).multipliedFullWidth(by: pow10[maxDigits])
            n = Wide(hi: p.high, lo: p.low)
        }
        let r = n.divide(by: y.coefficient)
        let tail: Tail = r == 0 ? .exact : (r >= y.coefficient - r ? .halfOrMore : .belowHalf)
        return try finish(negative: x.negative != y.negative, n, exponent: x.exponent - y.exponent - k,
                          tail: x.rounded || y.rounded ? tail.merged(below: .belowHalf) : tail, rounding: rounding)
    }

    /// The position of the leading digit, ⌊log₁₀|v|⌋; nil for zero (and NaN).
    public static func leadingDigit(_ v: Decimal) -> Int? {
        guard !v.isNaN, !v.isZero else { return nil }
        if let f = DecimalLayout.layout, let r = DecimalLayout.read(v, f) { return r.exponent + digits(r.coefficient) - 1 }
        // Counted by comparison, which does no arithmetic, rather than by reading the coefficient.
        let s = v.significand.magnitude
        var lo = 1, hi = decimalPow10.count - 1 // s < 10^hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if s < decimalPow10[mid] { hi = mid } else { lo = mid + 1 }
        }
        return v.exponent + lo - 1
    }

    /// `v` rounded half away from zero to a multiple of 10^exponent; never -0.
    public static func rounded(_ v: Decimal, toExponent exponent: Int) -> Decimal {
        if v.isZero { return 0 }
        if let f = DecimalLayout.layout {
            if let r = DecimalLayout.read(v, f), r.exponent >= exponent, r.coefficient < pow10[maxDigits] { return v }
        } else if !v.isNaN, v.exponent >= exponent, v.significand.magnitude < decimalPow10[maxDigits] { return v }
        guard let p = try? parts(v), p.coefficient != 0 else { return 0 }
        if p.exponent >= exponent {
            // A 39-digit Decimal (from Foundation's own operators) was rounded to 38 on the way in.
            return p.rounded ? decimal(negative: p.negative, p.coefficient, exponent: p.exponent) : v
        }
        let k = exponent - p.exponent
        guard k <= maxDigits else { return 0 } // every digit lies below the first dropped one
        var (q, r) = p.coefficient.quotientAndRemainder(dividingBy: pow10[k])
        if r >= 5 * pow10[k - 1] { q += 1 }
        guard q != 0 else { return 0 }
        return (try? finish(negative: p.negative, Wide(hi: 0, lo: q), exponent: exponent, tail: .exact, rounding: true).value) ?? v
    }

    // MARK: - Coefficients

    static let pow10: [UInt128] = {
        var t: [UInt128] = [1]
        for _ in 1...38 { t.append(t.last! * 10) }
        return t
    }()

    /// Decimal digits of `c` (1 for 0).
    static func digits(_ c: UInt128) -> Int {
        var n = 1
        while n <= maxDigits, c >= pow10[n] { n += 1 }
        return n
    }

    /// ±coefficient × 10^exponent, coefficient without trailing zeros and below 10³⁸.
    struct Parts {
        var negative: Bool
        var coefficient: UInt128
        var exponent: Int
        /// The Decimal had 39 digits and was rounded to 38 on the way in.
        var rounded = false
    }

    static let uint64Max = Decimal(UInt64.max)
    /// 10⁰ … 10³⁹ as Decimals, for counting digits by comparison.
    static let decimalPow10: [Decimal] = (0...39).map { Decimal(sign: .plus, exponent: $0, significand: 1) }

    static func parts(_ d: Decimal) throws(Fault) -> Parts {
        var p: Parts
        if let f = DecimalLayout.layout {
            guard let r = DecimalLayout.read(d, f) else { throw .overflow }
            if r.coefficient == 0 { return Parts(negative: false, coefficient: 0, exponent: 0) }
            p = Parts(negative: r.negative, coefficient: r.coefficient, exponent: r.exponent)
        } else {
            if d.isNaN { throw .overflow }
            if d.isZero { return Parts(negative: false, coefficient: 0, exponent: 0) }
            guard let c = coefficient(d.significand.magnitude) else { throw .overflow }
            p = Parts(negative: d.sign == .minus, coefficient: c, exponent: d.exponent)
        }
        if p.coefficient >= pow10[maxDigits] {
            // Only a Decimal made elsewhere holds 39 digits; keep 38, like every result.
            let r = p.coefficient % 10
            p.coefficient /= 10
            p.exponent += 1
            if r >= 5 { p.coefficient += 1 }
            p.rounded = r != 0
        }
        while p.coefficient % 10 == 0 {
            p.coefficient /= 10
            p.exponent += 1
        }
        return p
    }

    /// A nonnegative integer Decimal (below 2¹²⁸) as a UInt128. NSDecimalNumber reads up to
    /// 64 bits; larger ones are split exactly at 10¹⁹ (a rounding down and a subtraction of
    /// integers, which Foundation does without error), a few times faster than going through text.
    static func coefficient(_ s: Decimal) -> UInt128? {
        func u64(_ d: Decimal) -> UInt128 { UInt128(NSDecimalNumber(decimal: d).uint64Value) }
        if s <= uint64Max { return u64(s) }
        guard let (hi, lo) = split19(s) else { return nil }
        if hi <= uint64Max { return u64(hi) * pow10[19] + u64(lo) }
        guard let (hh, hl) = split19(hi), hh <= uint64Max else { return nil }
        return (u64(hh) * pow10[19] + u64(hl)) * pow10[19] + u64(lo)
    }

    /// (⌊s / 10¹⁹⌋, s mod 10¹⁹) for a nonnegative integer s.
    static func split19(_ s: Decimal) -> (Decimal, Decimal)? {
        var shifted = Decimal(sign: .plus, exponent: -19, significand: s)
        var hi = Decimal()
        NSDecimalRound(&hi, &shifted, 0, .down)
        var back = Decimal(sign: .plus, exponent: 19, significand: hi)
        var whole = s, lo = Decimal()
        guard NSDecimalSubtract(&lo, &whole, &back, .plain) == .noError, !lo.isSignMinus, lo <= uint64Max else { return nil }
        return (hi, lo)
    }

    static func decimal(negative: Bool, _ c: UInt128, exponent: Int) -> Decimal {
        if c == 0 { return 0 }
        if let f = DecimalLayout.layout, (minExponent...maxExponent).contains(exponent), c < pow10[maxDigits] {
            return DecimalLayout.make(negative: negative, c, exponent: exponent, f)
        }
        var significand: Decimal
        if c <= UInt128(UInt64.max) {
            significand = Decimal(UInt64(c))
        } else {
            let (hi, lo) = c.quotientAndRemainder(dividingBy: pow10[19])
            var h = Decimal(sign: .plus, exponent: 19, significand: Decimal(UInt64(hi)))
            var l = Decimal(UInt64(lo))
            var out = Decimal()
            // Exact: two integers whose sum has at most 38 digits.
            _ = NSDecimalAdd(&out, &h, &l, .plain)
            significand = out
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
    }

    // MARK: - Rounding

    /// What lies below the last kept digit, for rounding half away from zero.
    enum Tail {
        case exact, belowHalf, halfOrMore

        /// The tail after dropping one more digit `d`, with `self` below it.
        func dropping(_ d: UInt128) -> Tail {
            if d >= 5 { return .halfOrMore }
            return d == 0 && self == .exact ? .exact : .belowHalf
        }

        /// Folds in something nonzero further below (inputs that were already rounded).
        func merged(below: Tail) -> Tail { self == .exact && below != .exact ? .belowHalf : self }
    }

    /// Rounds ±n × 10^exponent to 38 significant digits and checks the exponent range.
    static func finish(negative: Bool, _ n: Wide, exponent: Int, tail: Tail, rounding: Bool) throws(Fault) -> Result {
        var n = n, e = exponent, tail = tail
        if n.isZero { return Result(value: 0, rounded: tail != .exact) }
        while n.hi != 0 || n.lo >= pow10[maxDigits] {
            tail = tail.dropping(n.divide(by: 10))
            e += 1
        }
        var c = n.lo
        if tail == .halfOrMore {
            c += 1
            if c == pow10[maxDigits] { c = pow10[maxDigits - 1]; e += 1 }
        }
        let rounded = tail != .exact
        if rounded && !rounding { throw .inexact }
        while c % 10 == 0 { c /= 10; e += 1 }
        while e > maxExponent, c < pow10[maxDigits - 1] { c *= 10; e -= 1 }
        if e > maxExponent { throw .overflow }
        if e < minExponent { throw .underflow }
        return Result(value: decimal(negative: negative, c, exponent: e), rounded: rounded)
    }

    // MARK: - Sums

    static func sum(_ x: Parts, _ y: Parts, rounding: Bool) throws(Fault) -> Result {
        let inputTail: Tail = x.rounded || y.rounded ? .belowHalf : .exact
        if x.coefficient == 0 || y.coefficient == 0 {
            let z = x.coefficient == 0 ? y : x
            return try finish(negative: z.negative, Wide(hi: 0, lo: z.coefficient), exponent: z.exponent, tail: inputTail,
                              rounding: rounding)
        }
        // Digits more than 41 places below the larger operand's leading digit cannot change a
        // 38-digit result, except as "something nonzero": such an operand is cut there and a
        // 1 one place lower stands for what was cut. The aligned sum then has at most 44 digits.
        let top = max(x.exponent + digits(x.coefficient), y.exponent + digits(y.coefficient)) - 1
        let cut = top - 41
        var ops = [x, y]
        var sticky = [false, false]
        for i in 0..<2 where ops[i].exponent < cut {
            let k = cut - ops[i].exponent
            if k > maxDigits {
                ops[i].coefficient = 0
            } else {
                ops[i].coefficient /= pow10[k]
            }
            ops[i].exponent = cut
            sticky[i] = true // the coefficient had no trailing zeros, so something nonzero was cut
        }
        let base = sticky.contains(true) ? cut - 1 : min(ops[0].exponent, ops[1].exponent)
        var w = [Wide](), neg = [Bool]()
        for i in 0..<2 {
            var v = Wide(hi: 0, lo: ops[i].coefficient).shifted(by: ops[i].exponent - base)
            if sticky[i] { v = v + Wide(hi: 0, lo: 1) }
            w.append(v)
            neg.append(ops[i].negative)
        }
        if neg[0] == neg[1] {
            return try finish(negative: neg[0], w[0] + w[1], exponent: base, tail: inputTail, rounding: rounding)
        }
        if w[0] == w[1] { return Result(value: 0, rounded: inputTail != .exact) }
        let big = w[0] > w[1] ? 0 : 1
        return try finish(negative: neg[big], w[big] - w[1 - big], exponent: base, tail: inputTail, rounding: rounding)
    }
}

/// An unsigned 256-bit integer, enough for a product of two 38-digit coefficients.
struct Wide: Equatable, Comparable {
    var hi: UInt128
    var lo: UInt128

    var isZero: Bool { hi == 0 && lo == 0 }

    /// Divides in place; returns the remainder.
    mutating func divide(by d: UInt128) -> UInt128 {
        let (qh, rh) = hi.quotientAndRemainder(dividingBy: d)
        let (ql, r) = d.dividingFullWidth((rh, lo))
        hi = qh
        lo = ql
        return r
    }

    /// self × 10^k; the callers keep the result below 2²⁵⁶.
    func shifted(by k: Int) -> Wide {
        var out = self
        var left = k
        while left > 0 {
            let step = min(left, DecimalMath.maxDigits)
            let m = DecimalMath.pow10[step]
            let low = out.lo.multipliedFullWidth(by: m)
            out = Wide(hi: out.hi &* m &+ low.high, lo: low.low)
            left -= step
        }
        return out
    }

    static func + (a: Wide, b: Wide) -> Wide {
        let (lo, carry) = a.lo.addingReportingOverflow(b.lo)
        return Wide(hi: a.hi &+ b.hi &+ (carry ? 1 : 0), lo: lo)
    }

    static func - (a: Wide, b: Wide) -> Wide {
        let (lo, borrow) = a.lo.subtractingReportingOverflow(b.lo)
        return Wide(hi: a.hi &- b.hi &- (borrow ? 1 : 0), lo: lo)
    }

    static func < (a: Wide, b: Wide) -> Bool { (a.hi, a.lo) < (b.hi, b.lo) }
}
