import BriefingCore
import Calc
import Foundation
import Testing

let units = UnitRegistry()

func dec(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

/// A project from figures (id → "value unit") and indicators (id → formula).
func project(figures: [String: String], indicators: [String: String], stated: [String: String] = [:],
             expect: Set<String> = []) throws -> Project {
    var figs: [String: Figure] = [:]
    for (i, (id, text)) in figures.sorted(by: { $0.key < $1.key }).enumerated() {
        let w = try QuantityParser.parseWritten(text, units: units, allowComparator: false)
        figs[id] = Figure(id: id, quantity: w.quantity, decimals: w.number.decimals, label: id, document: "t",
                          location: BriefingCore.SourceLocation(file: "t.md", line: i + 2))
    }
    var inds: [String: Indicator] = [:]
    for (i, (id, f)) in indicators.sorted(by: { $0.key < $1.key }).enumerated() {
        let loc = BriefingCore.SourceLocation(file: "t.md", line: 100 + i)
        inds[id] = Indicator(id: id, label: id, formula: f, formulaLocation: loc,
                             stated: try stated[id].map { Stated(written: try QuantityParser.parseWritten($0, units: units), location: loc) },
                             expectDiscrepancy: expect.contains(id), note: expect.contains(id) ? "说明" : nil,
                             document: "t", location: loc)
    }
    return Project(config: SiteConfig(title: "t"), units: units, regions: [], documents: [], figures: figs, indicators: inds)
}

func evaluate(_ figures: [String: String], _ indicators: [String: String]) throws -> Evaluation {
    Evaluator.evaluate(try project(figures: figures, indicators: indicators))
}

let ordos = [
    "ordos.capacity.pv": "287.3 万千瓦", "ordos.capacity.wind": "44.5 万千瓦",
    "ordos.capacity.hydro": "76 万千瓦", "ordos.capacity.biomass": "6 万千瓦",
    "banner.dalad.capacity.pv": "115.8 万千瓦", "banner.hanggin.capacity.pv": "108.3 万千瓦",
    "banner.hanggin.capacity.wind": "40 万千瓦", "imar.capacity.total": "5446 万千瓦",
]

@Suite struct FormulaParserTests {
    @Test func precedenceAndParentheses() throws {
        let e = try evaluate([:], ["a": "1 + 2 * 3", "b": "(1 + 2) * 3", "c": "-2 + 10 / 4", "d": "2 - 3 - 4"])
        #expect(e.values["a"]?.magnitude == 7)
        #expect(e.values["b"]?.magnitude == 9)
        #expect(e.values["c"]?.magnitude == dec("0.5"))
        #expect(e.values["d"]?.magnitude == -5)
    }

    @Test func numbersWithUnits() throws {
        let e = try evaluate(["a.b": "3 万元"], ["x": "a.b + 10 万元", "y": "a.b + 5000元", "z": "10万元/个 * 3 个"])
        #expect(e.values["x"]?.value == 13)
        #expect(e.values["y"]?.value == dec("3.5"))
        #expect(e.values["z"]?.magnitude == 300_000)
    }

    @Test func syntaxErrorsHavePositions() {
        for (text, fragment) in [("a +", "意外结束"), ("(a + b", "意外结束"), ("a b", "不应出现"), ("a + $", "无法识别"),
                                 ("foo(a)", "未知函数"), ("share(a)", "2 个参数"), ("a.*.b", "只能用在"), ("A.b", "小写")] {
            do {
                _ = try FormulaParser.parse(text, units: units)
                Issue.record("\(text) should fail")
            } catch {
                #expect(error.message.contains(fragment), "\(text): \(error.message)")
            }
        }
    }

    @Test func unknownFunctionSuggests() {
        do { _ = try FormulaParser.parse("summ(a.b)", units: units) } catch {
            #expect(error.hint.contains("sum"))
        }
    }
}

@Suite struct EvaluatorTests {
    @Test func ordosTotalIsExactly413point8() throws {
        let e = try evaluate(ordos, ["t": "ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro + ordos.capacity.biomass"])
        #expect(e.values["t"]?.value == dec("413.8"))
        #expect(e.values["t"]?.unit.symbol == "万千瓦")
        #expect(e.inputs["t"] == ["ordos.capacity.pv", "ordos.capacity.wind", "ordos.capacity.hydro", "ordos.capacity.biomass"])
    }

    @Test func wildcardsMatchOneSegment() throws {
        let e = try evaluate(ordos, ["p": "sum(banner.*.capacity.pv)", "n": "avg(banner.*.capacity.pv)",
                                     "m": "max(banner.*.capacity.pv)", "w": "min(banner.*.capacity.pv, 100 万千瓦)",
                                     "all": "sum(banner.hanggin.capacity.*)"])
        #expect(e.values["p"]?.value == dec("224.1"))
        #expect(e.values["n"]?.value == dec("112.05"))
        #expect(e.values["m"]?.value == dec("115.8"))
        #expect(e.values["w"]?.value == 100)
        #expect(e.values["all"]?.value == dec("148.3"))
        #expect(e.inputs["p"] == ["banner.dalad.capacity.pv", "banner.hanggin.capacity.pv"])
    }

    @Test func shareAndGrowth() throws {
        let e = try evaluate(ordos.merging(["old": "190.9 万千瓦"]) { a, _ in a },
                             ["t": "ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro + ordos.capacity.biomass",
                              "s": "share(t, imar.capacity.total)", "g": "growth(ordos.capacity.pv, old)"])
        let s = try #require(e.values["s"])
        #expect(NumberFormat.rounded(s.value, 4) == dec("7.5982"))
        #expect(s.unit.symbol == "%")
        #expect(NumberFormat.rounded(try #require(e.values["g"]).value, 1) == dec("50.5"))
    }

    @Test func indicatorsUseIndicatorsOnce() throws {
        let e = try evaluate(["a": "1 个"], ["b": "a + 1 个", "c": "b * 2", "d": "b + c"])
        #expect(e.values["d"]?.magnitude == 6)
        #expect(e.usedBy["b"] == ["c", "d"])
    }

    @Test func cycleIsNamed() throws {
        let e = try evaluate([:], ["x.a": "x.b + 1", "x.b": "x.c + 1", "x.c": "x.a + 1"])
        #expect(e.problems.count == 1)
        #expect(e.problems[0].message.contains("x.a → x.b → x.c → x.a"))
    }

    @Test func divisionByZeroNamesTheIndicator() throws {
        let e = try evaluate(["z": "0 个", "a": "3 个"], ["ratio": "a / z", "sh": "share(a, z)"])
        #expect(e.problems.count == 2)
        #expect(e.problems.allSatisfy { $0.message.contains("除数为零") })
        #expect(e.problems.contains { $0.message.contains("`ratio`") })
    }

    @Test func unknownIDWithSuggestion() throws {
        let e = try evaluate(ordos, ["t": "ordos.capacity.pvv + 1 万千瓦"])
        #expect(e.problems.first?.message.contains("ordos.capacity.pvv") == true)
        #expect(e.problems.first?.hint.contains("ordos.capacity.pv") == true)
    }

    @Test func wildcardMatchingNothing() throws {
        let e = try evaluate(ordos, ["t": "sum(county.*.capacity.pv)"])
        #expect(e.problems.first?.message.contains("没有匹配") == true)
    }

    @Test func mixedDimensionsInAFormula() throws {
        let e = try evaluate(["m": "3 万元", "p": "2 万千瓦"], ["bad": "m + p"])
        #expect(e.problems.first?.message.contains("不同量纲") == true)
        #expect(e.problems.first?.location.line == 100)
    }

    @Test func errorsDoNotCascade() throws {
        let e = try evaluate([:], ["a": "nothing.here", "b": "a + 1", "c": "b + 1"])
        #expect(e.problems.count == 1)
    }
}

@Suite struct CheckTests {
    func check(_ stated: String, _ computed: String, tolerance: String? = nil, expect: Bool = false) throws -> CheckResult {
        try Checker.check(id: "x", kind: .indicator, label: "x", stated: QuantityParser.parseWritten(stated, units: units),
                          computed: QuantityParser.parse(computed, units: units),
                          tolerance: try tolerance.map { try QuantityParser.parse($0, units: units) },
                          expectDiscrepancy: expect, note: expect ? "n" : nil,
                          location: BriefingCore.SourceLocation(file: "f", line: 1), document: "d")
    }

    @Test func toleranceEdges() throws {
        #expect(try check("413.8 万千瓦", "413.85 万千瓦").status == .pass)
        #expect(try check("413.8 万千瓦", "413.75 万千瓦").status == .pass)
        #expect(try check("413.8 万千瓦", "413.8501 万千瓦").status == .fail)
        #expect(try check("413.8 万千瓦", "413.7499 万千瓦").status == .fail)
        #expect(try check("33 个", "33.5 个").status == .pass)
        #expect(try check("33 个", "33.51 个").status == .fail)
        #expect(try check("7.6%", "0.07598").status == .pass)
        #expect(try check("7.6%", "0.0766").status == .fail)
        #expect(try check("287.3 万千瓦", "287.22 万千瓦").status == .fail)
    }

    @Test func statedInAnotherUnitOfTheSameDimension() throws {
        let r = try check("4.138 百万千瓦".replacingOccurrences(of: "百万千瓦", with: "GW"), "413.8 万千瓦")
        #expect(r.status == .pass)
        #expect(r.computed == dec("4.138"))
    }

    @Test func comparators() throws {
        #expect(try check("约 3000 亿元", "2900 亿元").status == .pass)
        #expect(try check("约 3000 亿元", "2800 亿元").status == .fail)
        #expect(try check("超过30万元", "35万元").status == .pass)
        #expect(try check("超过30万元", "30万元").status == .fail)
        #expect(try check("不低于2名", "2名").status == .pass)
        #expect(try check("不足10%", "0.1").status == .fail)
        #expect(try check("<= 5 个", "5 个").status == .pass)
    }

    @Test func toleranceOverride() throws {
        #expect(try check("1.2 亿千瓦", "1.15 亿千瓦", tolerance: "0.1 亿千瓦").status == .pass)
        #expect(try check("300 户", "298.48 户", tolerance: "1%").status == .pass)
        #expect(try check("300 户", "290 户", tolerance: "1%").status == .fail)
    }

    @Test func statuses() throws {
        #expect(try check("287.3 万千瓦", "287.22 万千瓦", expect: true).status == .acknowledged)
        #expect(try check("287.3 万千瓦", "287.3 万千瓦", expect: true).status == .stale)
        #expect(CheckStatus.acknowledged.failsCI == false)
        #expect(CheckStatus.stale.failsCI == true)
        #expect(CheckStatus.fail.failsCI == true)
    }

    @Test func differenceAndTexts() throws {
        let r = try check("287.3 万千瓦", "287.22 万千瓦", expect: true)
        #expect(r.difference == dec("-0.08"))
        #expect(r.tolerance == dec("0.05"))
        #expect(r.statedText == "287.3万千瓦")
        #expect(r.computedText == "287.22万千瓦")
    }

    @Test func wrongUnitCannotBeCompared() {
        #expect(throws: LocalError.self) { try check("413.8 万元", "413.8 万千瓦") }
    }
}
