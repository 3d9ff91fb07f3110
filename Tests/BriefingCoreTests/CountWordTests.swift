import BriefingCore
import Foundation
import Testing

/// Count words as annotations (DESIGN §3.3): dimensionless in × and ÷, agreeing in + and −.
@Suite struct CountWordTests {
    func u(_ s: String) throws -> BriefingCore.Unit { try units.lookup(s) }

    @Test func countWordsAreDimensionlessWithAScale() throws {
        for w in ["个", "项", "家", "人", "名", "万人", "户", "万户", "人次", "万个"] {
            #expect(try u(w).dimension.isDimensionless, "\(w)")
            #expect(try !u(w).annotation.isEmpty, "\(w)")
        }
        #expect(try u("万人").scale == 10_000)
        #expect(try u("人/户").dimension.isDimensionless)
        #expect(try u("万元/个").dimension == u("万元").dimension)
    }

    @Test func inProductsTheyCountAsOne() throws {
        let total = try q("35 万元").multiplied(by: q("40 个"), units: units)
        #expect(total.magnitude == 14_000_000)
        #expect(total.description == "1400万元")
        #expect(try total.converted(to: u("万元")).value == 1400)
        let six = try q("3个").multiplied(by: q("2"), units: units)
        #expect(six.description == "6个")
        #expect(try q("2").multiplied(by: q("3个"), units: units).description == "6个")
        #expect(try q("50%").multiplied(by: q("3个"), units: units).description == "1.5个")
        // A per-word cancels: 2 万元/户 × 5 户 is 10 万元; 2 人/户 × 5 户 is 10 人.
        #expect(try q("2 万元/户").multiplied(by: q("5 户"), units: units).description == "10万元")
        #expect(try q("2 人/户").multiplied(by: q("5 户"), units: units).description == "10人")
        #expect(try q("2 元/户").multiplied(by: q("3 万户"), units: units).description == "6万元")
    }

    @Test func inQuotientsTheyCountAsOne() throws {
        let per = try q("1400 万元").divided(by: q("40 个"), units: units)
        #expect(per.description == "35万元/个")
        #expect(per.dimension == (try u("万元")).dimension)
        let ratio = try q("10 人").divided(by: q("2 户"), units: units)
        #expect(ratio.dimension.isDimensionless)
        #expect(ratio.description == "5人/户")
        #expect(try q("6个").divided(by: q("3个"), units: units).description == "2")
        #expect(try q("1400万元").divided(by: q("35 万元/个"), units: units).description == "40个")
    }

    @Test func sumsNeedTheSameCountWord() throws {
        #expect(try q("3 个").adding(q("5")).description == "8个")
        #expect(try q("3").adding(q("5 个")).description == "8个")
        #expect(try q("3 人").adding(q("2 万人")).value == 20_003)
        #expect(try q("2 万人").adding(q("3 名")).value == dec("2.0003"))
        // The general classifiers agree with each other (医疗机构 in 个 or 家, livestock in 头 and 只).
        #expect(try q("3 个").adding(q("5 家")).value == 8)
        #expect(try q("3 万头").adding(q("5 万只")).value == 8)
        for (a, b, wa, wb) in [("3 个", "5 人", "个", "人"), ("3 人", "5 户", "人", "户"), ("3 人次", "5 名", "人次", "名"),
                               ("3 个", "50%", "个", "%"), ("2 人/户", "2 户/人", "人/户", "户/人")] {
            do {
                _ = try q(a).adding(q(b))
                Issue.record("\(a) + \(b) should be an error")
            } catch let error as LocalError {
                #expect(error.message.contains(wa) && error.message.contains(wb), "\(error.message)")
            }
        }
        #expect(throws: LocalError.self) { try q("3 个").subtracting(q("5 人")) }
        // Beside a dimension the words count as 1: 万元/个 agrees with 万元.
        #expect(try q("10 万元/个").adding(q("5 万元")).value == 15)
    }

    @Test func conversionsNeedAgreement() throws {
        #expect(try q("35 万元/个").converted(to: u("万元")).value == 35)
        #expect(throws: LocalError.self) { try q("5 个").converted(to: u("人")) }
        #expect(try q("5").converted(to: u("人")).value == 5)
    }

    @Test func projectCountWords() throws {
        var r = UnitRegistry()
        try r.define("床位", as: "count")
        try r.define("打", as: "12 个")
        try r.define("班", as: "40 人")
        let beds = try QuantityParser.parse("3 床位", units: r)
        #expect(try beds.adding(QuantityParser.parse("2 个", units: r)).value == 5)
        #expect(throws: LocalError.self) { try beds.adding(QuantityParser.parse("2 人", units: r)) }
        #expect(try QuantityParser.parse("2 打", units: r).converted(to: r.lookup("个")).value == 24)
        #expect(try QuantityParser.parse("2 班", units: r).converted(to: r.lookup("人")).value == 80)
        #expect(try r.lookup("万床位").scale == 10_000)
    }

    @Test func compoundUnitsReadLeftToRight() throws {
        // 万元/户/年 is per household per year, not 万元·年 per household.
        let perYear = try u("元/户/年")
        #expect(perYear.dimension == (try u("元/年")).dimension)
        let paid = try q("2000 元/户/年").multiplied(by: q("5 户"), units: units).multiplied(by: q("3 年"), units: units)
        #expect(paid.magnitude == 30_000)
        #expect(try q("2000 元/户/年").multiplied(by: q("5 户"), units: units).description == "10000元/年")
        #expect(try q("5 户").multiplied(by: q("2 万元/户/年"), units: units).description == "10万元/年")
        #expect(paid.dimension == (try u("元")).dimension)
    }

    @Test func nonTerminatingScalesStayExact() throws {
        // 天 = 24 小时, so 元/天 is 1/24 元 per 小时; 48 元/天 is exactly 2 元 per 小时.
        let daily = try q("48 元/天")
        #expect(daily.magnitude == 2 && daily.isExact)
        #expect(daily.value == 48)
        #expect(try daily.multiplied(by: q("10 天"), units: units).value(in: u("元")) == 480)
    }
}
