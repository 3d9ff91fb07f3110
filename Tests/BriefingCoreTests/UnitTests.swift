import BriefingCore
import Foundation
import Testing

let units = UnitRegistry()

func q(_ s: String) throws -> Quantity { try QuantityParser.parse(s, units: units) }
func dec(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite struct UnitTests {
    @Test func builtInScalesAreExact() throws {
        #expect(try units.lookup("万千瓦").scale == 10_000)
        #expect(try units.lookup("亿千瓦").scale == 100_000_000)
        #expect(try units.lookup("MW").scale == 1_000)
        #expect(try units.lookup("GW").scale == 1_000_000)
        #expect(try units.lookup("万亿千瓦时").scale == dec("1000000000000"))
        #expect(try units.lookup("%").scale == dec("0.01"))
        #expect(try units.lookup("名").dimension == units.lookup("人").dimension)
        #expect(try units.lookup("项").dimension == units.lookup("个").dimension)
    }

    @Test func conversionsAreExact() throws {
        let gw = try q("6 GW")
        #expect(try gw.converted(to: units.lookup("万千瓦")).value == 600)
        let yi = try q("1.6亿元")
        #expect(try yi.converted(to: units.lookup("万元")).value == 16_000)
        #expect(try q("0.02 万千瓦").converted(to: units.lookup("千瓦")).value == 200)
    }

    @Test func prefixesAndCompoundUnits() throws {
        #expect(try units.lookup("万头").scale == 10_000)
        let perHousehold = try units.lookup("元/户")
        let households = try q("5 户")
        let amount = Quantity(2000, perHousehold)
        let total = try households.multiplied(by: amount, units: units)
        #expect(total.dimension == (try units.lookup("元")).dimension)
        #expect(total.magnitude == 10_000)
    }

    @Test func energyDividedByPowerIsHours() throws {
        let hours = try q("26.2 亿千瓦时").divided(by: q("76 万千瓦"), units: units)
        #expect(hours.dimension == (try units.lookup("小时")).dimension)
        #expect(NumberFormat.rounded(hours.value(in: try units.lookup("小时")), 0) == 3447)
    }

    @Test func mixingDimensionsIsAnError() throws {
        #expect(throws: LocalError.self) { try q("3 万元").adding(q("2 万千瓦")) }
        do {
            _ = try QuantityParser.parse("3 万元", units: units).adding(QuantityParser.parse("2 万千瓦", units: units))
        } catch {
            #expect(error.message.contains("万元"))
            #expect(error.message.contains("万千瓦"))
        }
    }

    @Test func unknownUnitListsKnownOnes() {
        do {
            _ = try units.lookup("万千千瓦")
            Issue.record("should have thrown")
        } catch {
            #expect(error.message.contains("未知单位"))
            #expect(error.hint.contains("已知单位有"))
            #expect(error.hint.contains("万千瓦"))
        }
    }

    @Test func projectUnits() throws {
        var u = UnitRegistry()
        try u.define("床位", as: "count")
        try u.define("标准煤吨", as: "base")
        try u.define("千吨", as: "1000 吨")
        #expect(try u.lookup("床位").dimension == u.lookup("个").dimension)
        #expect(try u.lookup("千吨").scale == 1000)
        #expect(try u.lookup("万标准煤吨").scale == 10_000)
        #expect(throws: LocalError.self) { try u.define("坏", as: "3 不存在") }
    }

    @Test func addingKeepsTheFirstUnitAndIsExact() throws {
        let total = try q("287.3万千瓦").adding(q("44.5 万千瓦")).adding(q("76万千瓦")).adding(q("6 万千瓦"))
        #expect(total.value == dec("413.8"))
        #expect(total.unit.symbol == "万千瓦")
        #expect(total.description == "413.8万千瓦")
        // The classic binary floating point trap: 0.1 + 0.2.
        #expect(try q("0.1 万元").adding(q("0.2 万元")).value == dec("0.3"))
    }
}

@Suite struct QuantityParserTests {
    @Test func writtenForms() throws {
        for text in ["413.8 万千瓦", "413.8万千瓦", " 413.8万千瓦 "] {
            let w = try QuantityParser.parseWritten(text, units: units)
            #expect(w.number.value == dec("413.8"))
            #expect(w.number.decimals == 1)
            #expect(w.quantity.unit.symbol == "万千瓦")
        }
        let p = try QuantityParser.parseWritten("7.6%", units: units)
        #expect(p.quantity.magnitude == dec("0.076"))
        let people = try QuantityParser.parseWritten("1,445,835 人", units: units)
        #expect(people.number.value == 1_445_835)
    }

    @Test func comparatorsAndChineseAliases() throws {
        let cases: [(String, BriefingCore.Comparator)] = [
            ("约 3000 亿元", .approx), ("近60项", .approx), ("超过30万元", .greater), ("突破1000万千瓦", .greater),
            ("不低于2名", .greaterOrEqual), ("不足10%", .less), (">= 5 个", .greaterOrEqual), ("<3个", .less),
            ("≈ 2 亿元", .approx), ("60余项", .greaterOrEqual), ("30万元以上", .greaterOrEqual), ("2.3亿千瓦左右", .approx),
            ("413.8万千瓦", .equal), ("= 413.8万千瓦", .equal),
        ]
        for (text, c) in cases {
            #expect(try QuantityParser.parseWritten(text, units: units).comparator == c, "\(text)")
        }
    }

    @Test func fullWidthDigitsAreAccepted() throws {
        let w = try QuantityParser.parseWritten("４１３．８万千瓦", units: units)
        #expect(w.number.value == dec("413.8"))
        #expect(try QuantityParser.parseWritten("７．６％", units: units).quantity.magnitude == dec("0.076"))
    }

    @Test func halfUnitOfLastDigit() throws {
        #expect(try QuantityParser.parseWritten("413.8万千瓦", units: units).halfUnitOfLastDigit.value == dec("0.05"))
        #expect(try QuantityParser.parseWritten("33个", units: units).halfUnitOfLastDigit.value == dec("0.5"))
        #expect(try QuantityParser.parseWritten("7.6%", units: units).halfUnitOfLastDigit.value == dec("0.05"))
        #expect(try QuantityParser.parseWritten("0.02万千瓦", units: units).halfUnitOfLastDigit.value == dec("0.005"))
    }

    @Test func nonNumbersAreErrors() {
        for text in ["", "万千瓦", "abc", "四百", "1.2.3万元"] {
            #expect(throws: LocalError.self, "\(text)") { try QuantityParser.parse(text, units: units) }
        }
    }
}

@Suite struct NumberFormatTests {
    @Test func chineseStatisticalStyle() throws {
        #expect(NumberFormat.format(try q("413.8 万千瓦")) == "413.8万千瓦")
        #expect(NumberFormat.format(try q("1.6 亿元"), decimals: 1) == "1.6亿元")
        #expect(NumberFormat.format(try q("76 万千瓦"), decimals: 1) == "76.0万千瓦")
        #expect(NumberFormat.format(try q("0.076"), in: .percent, decimals: 1) == "7.6%")
        #expect(NumberFormat.fixed(dec("287.25"), decimals: 1) == "287.3")
        #expect(NumberFormat.fixed(dec("-0.04"), decimals: 1) == "0.0" || NumberFormat.fixed(dec("-0.04"), decimals: 1) == "-0.0")
        #expect(NumberFormat.plain(dec("1445835")) == "1445835")
    }
}

@Suite struct SuggestTests {
    @Test func nearestKey() {
        #expect(Suggest.nearest("titel", in: ["title", "date", "topics"]) == "title")
        #expect(Suggest.nearest("ordos.capacity.pvv", in: ["ordos.capacity.pv", "ordos.capacity.wind"]) == "ordos.capacity.pv")
        #expect(Suggest.nearest("zzzzzz", in: ["title"]) == nil)
    }
}
