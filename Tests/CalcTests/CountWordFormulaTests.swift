import BriefingCore
import Calc
import Foundation
import Testing

/// Count words in formulas and checks, as a new user writes them (DESIGN §3.3).
@Suite struct CountWordFormulaTests {
    func check(_ stated: String, _ computed: Quantity) throws -> CheckResult {
        try Checker.check(id: "x", kind: .binding, label: "x", stated: QuantityParser.parseWritten(stated, units: units),
                          computed: computed, location: BriefingCore.SourceLocation(file: "f", line: 1), document: "d")
    }

    @Test func perCommunityAmountTimesCommunities() throws {
        // fund.region: 10 万元 (每个社区) × communities: 40 个, declared `unit: 万元`.
        var p = try project(figures: ["fund.region": "10 万元", "communities": "40 个"],
                            indicators: ["fund.total": "fund.region * communities"], stated: ["fund.total": "400 万元"])
        p.indicators["fund.total"]!.unit = try units.lookup("万元")
        let e = Evaluator.evaluate(p)
        #expect(e.problems.isEmpty)
        let total = try #require(e.values["fund.total"])
        #expect(total.value == 400)
        #expect(total.description == "400万元")
        let (checks, problems) = Checker.checkIndicators(p, e)
        #expect(problems.isEmpty)
        #expect(checks.map(\.status) == [.pass])
    }

    @Test func perCountValueBindsToAmountInProse() throws {
        // [35万元](fig:x) where x is 35 万元/个: the text says 每个社区.
        let perCommunity = try QuantityParser.parse("35 万元/个", units: units)
        #expect(try check("35万元", perCommunity).status == .pass)
        #expect(try check("36万元", perCommunity).status == .fail)
        let e = try evaluate(["total": "1400 万元", "n": "40 个"], ["per": "total / n"])
        let per = try #require(e.values["per"])
        #expect(per.description == "35万元/个")
        #expect(try check("35万元", per).status == .pass)
        #expect(try check("35万元/个", per).status == .pass)
    }

    @Test func countWordsInChecksMustAgree() throws {
        #expect(try check("5 个", QuantityParser.parse("5 家", units: units)).status == .pass)
        #expect(try check("5", QuantityParser.parse("5 个", units: units)).status == .pass)
        #expect(try check("2 万人", QuantityParser.parse("20000 人", units: units)).status == .pass)
        do {
            _ = try check("5 人", QuantityParser.parse("5 个", units: units))
            Issue.record("5 人 against 5 个 should be an error")
        } catch let error as LocalError {
            #expect(error.message.contains("人") && error.message.contains("个"))
        }
        #expect(throws: LocalError.self) { try check("40%", QuantityParser.parse("40 个", units: units)) }
    }

    @Test func formulasWithCountWords() throws {
        let e = try evaluate(["a": "3 个", "p": "5 人", "w": "2 万人", "h": "4 户", "s": "50%"],
                             ["sum": "a + 5", "bad": "a + p", "people": "p + w", "ratio": "p / h", "six": "a * 2",
                              "minmax": "max(a, 7)", "badmax": "max(a, p)", "badshare": "share(a, p)", "half": "a * s"])
        #expect(e.values["sum"]?.description == "8个")
        #expect(e.values["people"]?.value == 20_005)
        #expect(e.values["ratio"]?.dimension.isDimensionless == true)
        #expect(e.values["ratio"]?.description == "1.25人/户")
        #expect(e.values["six"]?.description == "6个")
        #expect(e.values["minmax"]?.value == 7)
        #expect(e.values["half"]?.description == "1.5个")
        for id in ["bad", "badmax", "badshare"] {
            #expect(e.values[id] == nil)
            let m = try #require(e.problems.first { $0.message.contains("`\(id)`") }?.message)
            #expect(m.contains("个") && m.contains("人"), "\(m)")
        }
    }

    @Test func statedUnitIsAdoptedOnlyWhenItAgrees() throws {
        // A stated 5 人 must not relabel a 5 个 value (that would hide the mismatch).
        let p = try project(figures: ["a": "5 个"], indicators: ["t": "a"], stated: ["t": "5 人"])
        let e = Evaluator.evaluate(p)
        #expect(e.values["t"]?.unit.symbol == "个")
        let (checks, problems) = Checker.checkIndicators(p, e)
        #expect(checks.isEmpty)
        #expect(problems.count == 1)
    }
}
