import BriefingCore
@testable import Calc
import Foundation
import Testing

/// Extreme numbers found by a hostile tester: each must give a located Chinese error or an
/// exact (or honestly rounded) value, never a crash, NaN or a silent loss of precision.
@Suite struct ExtremeNumberTests {
    /// Evaluates and checks; returns the evaluation and the check results.
    func run(_ figures: [String: String], _ indicators: [String: String], stated: [String: String] = [:],
             units unitOf: [String: String] = [:]) throws -> (Evaluation, [CheckResult], [Diagnostic]) {
        var p = try project(figures: figures, indicators: indicators, stated: stated)
        for (id, u) in unitOf { p.indicators[id]!.unit = try units.lookup(u) }
        let e = Evaluator.evaluate(p)
        let (checks, problems) = Checker.checkIndicators(p, e)
        return (e, checks, e.problems + problems)
    }

    let tiny = "0.00000000000000000000000000001"

    @Test func underflowingProductIsAnErrorNotACrash() throws {
        // Foundation's * (and NSDecimalMultiply) trap on this product: 10^-145.
        let f = Array(repeating: tiny, count: 5).joined(separator: " * ")
        let (e, checks, problems) = try run([:], ["t": f], stated: ["t": "0"])
        #expect(e.values["t"] == nil)
        #expect(checks.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.location.line == 100)
        #expect(problems.first?.message.contains("过小") == true)
        #expect(problems.first?.message.contains("10^-60") == true)
    }

    @Test func overflowIsAnErrorNotNaN() throws {
        let big = "999999999999999999999999999999"
        let f = Array(repeating: big, count: 6).joined(separator: " * ")
        for statedText in ["1", "≈ 1", "< 1", "> 1"] {
            let (e, checks, problems) = try run([:], ["t": f + " 个"], stated: ["t": statedText + " 个"])
            #expect(e.values["t"] == nil)
            #expect(checks.isEmpty, "\(statedText)")
            #expect(problems.count == 1)
            #expect(problems.first?.message.contains("过大") == true)
            #expect(problems.first?.message.contains("10^60") == true)
        }
    }

    @Test func nanIsNeverAccepted() throws {
        for computed in [Quantity(magnitude: .nan, unit: .one), Quantity(magnitude: .nan, unit: try units.lookup("个"))] {
            for text in ["0", "≈ 5", "< 1", "> 1"] {
                #expect(throws: LocalError.self, "\(text)") {
                    try Checker.check(id: "x", kind: .indicator, label: "x", stated: QuantityParser.parseWritten(text, units: units),
                                      computed: computed, location: BriefingCore.SourceLocation(file: "f", line: 1), document: "d")
                }
            }
        }
    }

    @Test func sumsBeyond38DigitsAreErrors() throws {
        // (a + 0.01 元) − a was 0 for a 38-digit a: a false pass against `stated: 0 元`.
        let (e, checks, problems) = try run(["a": "999999999999999999999999999999 亿元"], ["t": "a + 0.01 元 - a"],
                                            stated: ["t": "0 元"])
        #expect(e.values["t"] == nil)
        #expect(checks.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("38 位有效数字") == true)
        #expect(problems.first?.message.contains("相加") == true)
    }

    @Test func repeatingQuotientsAreMarkedAndShownRounded() throws {
        let (e, checks, problems) = try run([:], ["t": "1/3*3", "third": "1/3", "two": "2 万元 / 3"],
                                            stated: ["t": "1"])
        #expect(problems.isEmpty)
        let t = try #require(e.values["t"])
        #expect(!t.isExact)
        #expect(t.magnitude == dec("0.99999999999999999999999999999999999999"))
        #expect(NumberFormat.plain(t.value) == "1")
        #expect(NumberFormat.format(t) == "1")
        #expect(checks.first?.status == .pass)
        #expect(checks.first?.computed == 1)
        #expect(checks.first?.difference == 0)
        #expect(NumberFormat.plain(try #require(e.values["third"]).value) == "0.333333333333333333333333333333")
        #expect(NumberFormat.plain(try #require(e.values["two"]).value) == "0.666666666666666666666666666667")
        #expect(try #require(e.values["two"]).unit.symbol == "万元")
    }

    @Test func roundingDoesNotMoveAValueOffItsBoundary() throws {
        // 4138500 千瓦 / 19 × 19 is 4138500.0000000000000000000000000000001 after rounding to
        // 38 digits (Python's decimal agrees); the true 413.85 万千瓦 is exactly on 413.8's boundary.
        let (_, checks, problems) = try run([:], ["t": "413.85 万千瓦 / 19 * 19", "u": "413.85 万千瓦 / 19 * 19"],
                                            stated: ["t": "413.8 万千瓦", "u": "<= 413.85 万千瓦"])
        #expect(problems.isEmpty)
        #expect(checks.count == 2)
        #expect(checks.allSatisfy { $0.status == .pass })
        let (_, fails, _) = try run([:], ["t": "413.86 万千瓦 / 19 * 19"], stated: ["t": "413.8 万千瓦"])
        #expect(fails.first?.status == .fail)
    }

    @Test func cancellationThatLeavesTooFewDigitsCannotBeChecked() throws {
        // (1/3 + 10^20) − 10^20 keeps 17 good digits; a 25-digit statement needs more.
        let (_, checks, problems) = try run([:], ["t": "1/3 + 100000000000000000000 - 100000000000000000000"],
                                            stated: ["t": "0.3333333333333333333333333"])
        #expect(checks.isEmpty)
        #expect(problems.first?.message.contains("舍入误差") == true)
        let (_, ok, _) = try run([:], ["t": "1/3 + 100000000000000000000 - 100000000000000000000"], stated: ["t": "0.3333"])
        #expect(ok.first?.status == .pass)
        // The same for an inequality that its error bound cannot decide; a clear one is decided.
        let f = "1/3 + 100000000000000000000 - 100000000000000000000"
        let (_, none, refused) = try run([:], ["t": f], stated: ["t": "> 0.333333333333333333"])
        #expect(none.isEmpty)
        #expect(refused.first?.message.contains("舍入误差") == true)
        let (_, clear, _) = try run([:], ["t": f], stated: ["t": "> 0.3333"])
        #expect(clear.first?.status == .pass)
    }

    @Test func exactValuesFarFromTheStatementFailWithoutError() throws {
        // The difference needs 47 digits: compared rounded, not refused as an inexact sum.
        let (_, checks, problems) = try run(["a": "999999999999999999999999999999 亿元"], ["t": "a"],
                                            stated: ["t": "0.000000001 亿元"])
        #expect(problems.isEmpty)
        #expect(checks.first?.status == .fail)
    }

    @Test func smallDerivedValuesShowSignificantDigits() throws {
        #expect(NumberFormat.format(try QuantityParser.parse("0.004 亿元", units: units)) == "0.004亿元")
        #expect(NumberFormat.format(try QuantityParser.parse("-0.004 亿元", units: units)) == "-0.004亿元")
        #expect(NumberFormat.format(try QuantityParser.parse("0.00012345 亿元", units: units)) == "0.00012亿元")
        #expect(NumberFormat.format(try QuantityParser.parse("0.013%", units: units)) == "0.013%")
        #expect(NumberFormat.format(try QuantityParser.parse("287.254 万千瓦", units: units)) == "287.25万千瓦")
        #expect(NumberFormat.format(try QuantityParser.parse("0 亿元", units: units)) == "0亿元")
        let (e, _, _) = try run(["a": "4 万元", "b": "1000 亿元"], ["s": "share(a, b)", "r": "a"], units: ["r": "亿元"])
        #expect(NumberFormat.format(try #require(e.values["s"])) == "0.00004%")
        #expect(NumberFormat.format(try #require(e.values["r"])) == "0.0004亿元")
        #expect(NumberFormat.fixed(dec("-0.04"), decimals: 1) == "0.0")
        #expect(NumberFormat.plain(dec("-0")) == "0")
    }

    @Test func exportedExactValuesKeepFullPrecision() throws {
        let (e, _, _) = try run(["a": "0.000000000000000000000000001 万元"], ["t": "a * 3"])
        let t = try #require(e.values["t"])
        #expect(t.isExact)
        #expect(NumberFormat.plain(t.value) == "0.000000000000000000000000003")
    }

    @Test func scientificNotationHasItsOwnError() throws {
        for text in ["1e400", "1E5 万元", "2.5e-3", "3e+7个"] {
            do {
                _ = try QuantityParser.parseWritten(text, units: units)
                Issue.record("\(text) should fail")
            } catch {
                #expect(error.message.contains("科学计数法"), "\(error.message)")
                #expect(error.hint.contains("请写成普通数字"))
            }
        }
        let (_, _, problems) = try run([:], ["t": "1e400 + 1"])
        #expect(problems.first?.message.contains("科学计数法") == true)
        #expect(problems.first?.hint.contains("请写成普通数字") == true)
    }

    @Test func tooManyDigitsSaysWhy() throws {
        do {
            _ = try QuantityParser.parseWritten("1234567890123456789012345678901 元", units: units)
            Issue.record("31 digits should fail")
        } catch {
            #expect(error.message.contains("31 位"))
            #expect(error.message.contains("30 位"))
            #expect(error.hint.contains("38 位有效数字"))
        }
        #expect(try QuantityParser.parse("123456789012345678901234567890 元", units: units).value
            == dec("123456789012345678901234567890"))
        let (_, _, problems) = try run([:], ["t": "0.000000000000000000000000000001 + 1"])
        #expect(problems.first?.message.contains("31 位") == true)
    }

    @Test func unitScalesStayInRange() {
        let deep = "万亿万亿千瓦时" + String(repeating: "/斤", count: 12)
        do {
            _ = try units.lookup(deep)
            Issue.record("should fail")
        } catch {
            #expect(error.message.contains("换算倍数超出范围"))
        }
        #expect(throws: LocalError.self) { try units.lookup(String(repeating: "万亿千瓦时/斤/", count: 30) + "个") }
    }

    @Test func toleranceMathsOnHugeValues() throws {
        let (_, checks, problems) = try run(["a": "999999999999999999999999999999 亿元"], ["t": "a"],
                                            stated: ["t": "约 999999999999999999999999999999 亿元"])
        #expect(problems.isEmpty)
        #expect(checks.first?.status == .pass)
        #expect(checks.first?.tolerance == dec("49999999999999999999999999999.95"))
    }
}

/// Tolerances as people read them: short ones whole, long ones to four significant digits.
@Suite struct ToleranceTextTests {
    @Test func longTolerancesAreShortened() {
        #expect(CheckResult.shortTolerance(Decimal(string: "0.05")!) == "0.05")
        #expect(CheckResult.shortTolerance(Decimal(string: "0.8335")!) == "0.8335")
        #expect(CheckResult.shortTolerance(Decimal(50) / Decimal(3) * Decimal(string: "0.05")!) == "0.8333…")
        #expect(CheckResult.shortTolerance(Decimal(string: "0.000123456789")!) == "0.0001235…")
        #expect(CheckResult.shortTolerance(Decimal(string: "12.5")!) == "12.5")
    }
}
