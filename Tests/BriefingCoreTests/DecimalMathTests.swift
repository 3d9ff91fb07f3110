@testable import BriefingCore
import Foundation
import Testing

/// Expected values are from Python's decimal module with 38 digits and ROUND_HALF_UP
/// (Decimal's .plain rounding), or by hand.
extension UInt128 {
    var power38: UInt128 { (0..<38).reduce(1) { r, _ in r * self } }
}

@Suite struct DecimalMathTests {
    func fault(_ f: () throws -> Void) -> DecimalMath.Fault? {
        do { try f(); return nil } catch { return error as? DecimalMath.Fault }
    }

    @Test func exactResultsAreExact() throws {
        let s = try DecimalMath.add(dec("0.1"), dec("0.2"), rounding: false)
        #expect(s.value == dec("0.3") && !s.rounded)
        let d = try DecimalMath.subtract(dec("12345678901234567890123456789012345678"),
                                         dec("12345678901234567890123456789012345677"), rounding: false)
        #expect(d.value == 1 && !d.rounded)
        #expect(try DecimalMath.multiply(dec("413.8"), dec("10000")).value == 4_138_000)
        let q = try DecimalMath.divide(dec("1"), dec("4"))
        #expect(q.value == dec("0.25") && !q.rounded)
        // 38 digits still fit: 123456789012345678901234567890123456 + 0.01.
        #expect(try DecimalMath.add(dec("123456789012345678901234567890123456"), dec("0.01"), rounding: false).value
            == dec("123456789012345678901234567890123456.01"))
        // 2^100 × 5^50 = 2^50 × 10^50: 66 digits of operands, a 16-digit product.
        #expect(try DecimalMath.multiply(dec("1267650600228229401496703205376"), dec("88817841970012523233890533447265625")).value
            == dec("112589990684262400000000000000000000000000000000000000000000000000"))
    }

    @Test func sumsThatCannotBeExactAreRefusedOrRounded() throws {
        #expect(fault { _ = try DecimalMath.add(dec("12345678901234567890123456789012345678"), dec("0.01"), rounding: false) } == .inexact)
        let r = try DecimalMath.add(dec("12345678901234567890123456789012345678"), dec("0.01"), rounding: true)
        #expect(r.value == dec("12345678901234567890123456789012345678") && r.rounded)
        #expect(try DecimalMath.add(dec("99999999999999999999999999999999999999"), dec("0.5"), rounding: true).value == dec("1e38"))
        // Far apart: the small term only decides the rounding.
        #expect(try DecimalMath.subtract(dec("1e50"), dec("1e7"), rounding: true).value == dec("1e50"))
        #expect(try DecimalMath.add(dec("1e20"), dec("0.33333333333333333333333333333333333333"), rounding: true).value
            == dec("100000000000000000000.33333333333333333"))
    }

    @Test func productsAndQuotientsRoundTo38Digits() throws {
        let sq = try DecimalMath.multiply(dec("99999999999999999999999999999"), dec("99999999999999999999999999999"))
        #expect(sq.value == dec("9.9999999999999999999999999998e57") && sq.rounded)
        #expect(try DecimalMath.divide(1, 3).value == dec("0.33333333333333333333333333333333333333"))
        #expect(try DecimalMath.divide(2, 3).value == dec("0.66666666666666666666666666666666666667"))
        #expect(try DecimalMath.divide(1, 7).value == dec("0.14285714285714285714285714285714285714"))
        #expect(try DecimalMath.divide(-22, 7).value == dec("-3.1428571428571428571428571428571428571"))
        #expect(try DecimalMath.divide(dec("123456789"), dec("0.0007")).value == dec("176366841428.57142857142857142857142857"))
        #expect(try DecimalMath.divide(dec("413.8"), dec("5446")).value == dec("0.07598237238340066103562247521116415718"))
        #expect(try DecimalMath.divide(1, 3).rounded)
        #expect(fault { _ = try DecimalMath.divide(1, 3, rounding: false) } == .inexact)
    }

    @Test func limitsAreFaultsNotTrapsOrNaN() {
        // Foundation's NSDecimalMultiply traps on this one.
        #expect(fault { _ = try DecimalMath.multiply(dec("1e-100"), dec("1e-29")) } == .underflow)
        #expect(fault { _ = try DecimalMath.multiply(dec("1e100"), dec("1e66")) } == .overflow)
        #expect(fault { _ = try DecimalMath.divide(dec("1e-120"), 7) } == .underflow)
        #expect(fault { _ = try DecimalMath.divide(1, 0) } == .divisionByZero)
        #expect(fault { _ = try DecimalMath.add(.nan, 1, rounding: true) } == .overflow)
        #expect(fault { _ = try DecimalMath.multiply(1, .nan) } == .overflow)
    }

    @Test func agreesWithFoundationWhereFoundationIsExact() throws {
        // Operands of at most 15 digits within 10^±5 of each other: Foundation's own results are exact there.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let a = Decimal(sign: Bool.random(using: &g) ? .minus : .plus, exponent: Int.random(in: -5...5, using: &g),
                            significand: Decimal(UInt64.random(in: 0...999_999_999_999_999, using: &g)))
            let b = Decimal(sign: Bool.random(using: &g) ? .minus : .plus, exponent: Int.random(in: -5...5, using: &g),
                            significand: Decimal(UInt64.random(in: 1...999_999_999_999_999, using: &g)))
            #expect(try DecimalMath.add(a, b, rounding: false).value == a + b, "\(a) + \(b)")
            #expect(try DecimalMath.subtract(a, b, rounding: false).value == a - b, "\(a) - \(b)")
            #expect(try DecimalMath.multiply(a, b, rounding: false).value == a * b, "\(a) * \(b)")
            let q = try DecimalMath.divide(a, b)
            if !q.rounded { #expect(try DecimalMath.multiply(q.value, b, rounding: false).value == a, "\(a) / \(b)") }
        }
    }

    @Test func wideCoefficientsRoundTrip() throws {
        // Coefficients above 64 bits are read by splitting at 10^19: compare with their text.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let c = UInt128.random(in: 0...(UInt128(10).power38 - 1), using: &g)
            let d = try #require(Decimal(string: String(c)))
            let back = try DecimalMath.multiply(d, 1, rounding: false)
            #expect(back.value == d && !back.rounded, "\(c)")
            #expect(DecimalMath.leadingDigit(d) == (c == 0 ? nil : String(c).count - 1), "\(c)")
        }
        let max128 = try #require(Decimal(string: "340282366920938463463374607431768211455"))
        #expect(try DecimalMath.multiply(max128, 1).value == dec("340282366920938463463374607431768211460"))
    }

    @Test func roundingForDisplay() {
        #expect(DecimalMath.rounded(dec("2.5"), toExponent: 0) == 3)
        #expect(DecimalMath.rounded(dec("-2.5"), toExponent: 0) == -3)
        #expect(DecimalMath.rounded(dec("287.25"), toExponent: -1) == dec("287.3"))
        #expect(DecimalMath.rounded(dec("0.99999999999999999999999999999999999999"), toExponent: -30) == 1)
        #expect(NumberFormat.plain(DecimalMath.rounded(dec("-0.04"), toExponent: -1)) == "0")
        #expect(DecimalMath.leadingDigit(dec("0.004")) == -3)
        #expect(DecimalMath.leadingDigit(dec("413.8")) == 2)
        #expect(DecimalMath.leadingDigit(0) == nil)
    }

    @Test func approximateAmountsCarryTheirError() throws {
        let third = try Amount(1).divided(by: Amount(3))
        #expect(!third.isExact)
        let one = try third.multiplied(by: Amount(3))
        #expect(one.value == dec("0.99999999999999999999999999999999999999"))
        #expect(one.shown == 1)
        #expect(try Amount(2).divided(by: Amount(3)).shown == dec("0.666666666666666666666666666667"))
        // (1/3 + 10^20) − 10^20 keeps only the digits that survived the rounding of the sum.
        let big = Amount(dec("1e20"))
        let back = try third.adding(big).subtracting(big)
        #expect(back.value == dec("0.33333333333333333"))
        #expect(back.shown == dec("0.333333333333333"))
        #expect(try Amount(dec("0.1")).adding(Amount(dec("0.2"))).isExact)
        #expect(throws: DecimalMath.Fault.inexact) {
            try Amount(dec("12345678901234567890123456789012345678")).adding(Amount(dec("0.01")))
        }
    }
}

/// The direct reading and writing of Decimal's fields agrees with Foundation's own API.
@Suite struct DecimalLayoutTests {
    @Test func aLayoutIsFoundOnThisPlatform() {
        #expect(DecimalLayout.layout != nil)
    }

    @Test func readAndMakeAgreeWithFoundation() throws {
        let f = try #require(DecimalLayout.layout)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let digits = Int.random(in: 1...38, using: &rng)
            var text = String((1...digits).map { _ in "0123456789".randomElement(using: &rng)! })
            while text.count > 1 && text.hasPrefix("0") { text.removeFirst() }
            let exponent = Int.random(in: -90...90, using: &rng)
            let negative = Bool.random(using: &rng)
            let d = try #require(Decimal(string: (negative ? "-" : "") + text + "e\(exponent)"))
            let r = try #require(DecimalLayout.read(d, f))
            if d.isZero {
                #expect(r.coefficient == 0)
                continue
            }
            // Foundation's own view: sign, exponent, and the significand's digits.
            #expect(r.negative == (d.sign == .minus))
            #expect(Decimal(string: String(r.coefficient))! == d.significand.magnitude)
            #expect(r.exponent == d.exponent)
            let made = DecimalLayout.make(negative: r.negative, r.coefficient, exponent: r.exponent, f)
            #expect(made == d && made.description == d.description)
        }
    }
}

@Suite struct DecimalTextTests {
    /// The text is Foundation's own description, on values of every size and sign.
    @Test func sameAsFoundationsDescription() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let digits = Int.random(in: 1...38, using: &rng)
            let text = String((1...digits).map { _ in "0123456789".randomElement(using: &rng)! })
            let d = try #require(Decimal(string: (Bool.random(using: &rng) ? "-" : "") + text + "e\(Int.random(in: -60...40, using: &rng))"))
            if d.isZero { continue }
            #expect(DecimalMath.text(d) == d.description, "\(d.description)")
        }
        #expect(DecimalMath.text(Decimal(string: "0.00120")!) == "0.0012")
        #expect(DecimalMath.text(Decimal(string: "-413.80")!) == "-413.8")
        #expect(DecimalMath.text(Decimal(string: "5e3")!) == "5000")
    }
}
