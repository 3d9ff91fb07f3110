import BriefingCore
import BriefingCore
import Testing

/// Which numbers in a sentence are candidate figures; every expectation is read off the
/// sentence by hand.
@Suite struct NumberScannerTests {
    let units = UnitRegistry()

    func found(_ s: String) -> [String] {
        NumberScanner.scan(s, units: units).map { $0.unit.isEmpty ? $0.value : "\($0.value) \($0.unit)" }
    }

    @Test func quantitiesWithUnitsAndPercentages() {
        #expect(found("全市新能源装机413.8万千瓦，占比7.6%，建成3座储能电站。") == ["413.8 万千瓦", "7.6 %", "3 座"])
        // A space between number and unit, as text copied from a PDF often has.
        #expect(found("发电装机容量达到 11.2 亿千瓦，同比提高 0.7 个百分点") == ["11.2 亿千瓦", "0.7 个百分点"])
        // The precision written stays: 2.90, not 2.9.
        #expect(found("发电量 2.90 万亿千瓦时") == ["2.90 万亿千瓦时"])
        #expect(found("叶片1200套、风机6GW、储能8.7GWh") == ["1200 套", "6 GW", "8.7 GWh"])
        #expect(found("年等效利用小时数为1500小时，人均2万元/户") == ["1500 小时", "2 万元/户"])
    }

    @Test func yearsDatesAndTimesAreNotCandidates() {
        #expect(found("截至2021年底，2022 年 6 月，2020年9月17日，5月下旬，17日，6月1号").isEmpty)
        #expect(found("2022-06-01发布；2021—2025年规划；1971-81年的比利时；8:30开会").isEmpty)
        #expect(found("2021年10月，国务院印发方案，要求下降13.5%") == ["13.5 %"])
    }

    @Test func numberingIsNotACandidate() {
        #expect(found("1. 运用集体智慧").isEmpty)
        #expect(found("1、组织联建").isEmpty)
        #expect(found("1 组织联建 绘就基层治理新蓝图").isEmpty)
        #expect(found("3.1.2 光伏").isEmpty)
        #expect(found("（1）风能装备制造方面。链主企业5家") == ["5 家"])
        #expect(found("主要做法：1.加强领导；2.完善机制").isEmpty)
        // 组 is a count word, but a short number and a space open a numbered heading.
        #expect(found("2 组织联建").isEmpty)
        #expect(found("全市 30 个旗区全部建立") == ["30 个"])
        #expect(found("30个旗区全部建立") == ["30 个"])
    }

    @Test func numbersInNamesAreNotCandidates() {
        #expect(found("鄂尔多斯市第26期中青年干部培训班，第 26 期").isEmpty)
        #expect(found("500千伏变电站，10kV线路，5G基站，PM2.5，世界500强，90后，建党100周年，1号楼").isEmpty)
        #expect(found("《2030年前碳达峰行动方案》和“1+N”政策体系").isEmpty)
        // 千伏安 is a unit (apparent power), so 500千伏安 stays.
        #expect(found("变压器500千伏安") == ["500 千伏安"])
        // A code with a leading zero, and the rest of a telephone number, are not figures either.
        #expect(found("电话0477-8581234").isEmpty)
    }

    @Test func approximateNumbersCarryARemark() throws {
        let r = NumberScanner.scan("注入资金 41 万余元，培育2000多家社会组织，约20%，装机1.8亿千瓦左右", units: units)
        #expect(r.map(\.value) == ["41", "2000", "20", "1.8"])
        #expect(r.map(\.unit) == ["万元", "家", "%", "亿千瓦"])
        #expect(r.allSatisfy { $0.remark?.contains("约数") == true })
        // The remark quotes the number with its qualifier.
        #expect(r.map { $0.remark?.split(separator: "“")[1].split(separator: "”")[0] } == ["41 万余元", "2000多家", "约20%", "1.8亿千瓦左右"])
    }

    @Test func wanWithoutAUnitIsScaledExactly() throws {
        let r = NumberScanner.scan("常住人口1.2万，GDP 0.35万亿", units: units)
        // 1.2 × 10⁴ = 12000 and 0.35 × 10¹² = 350000000000, both exact.
        #expect(r.map(\.value) == ["12000", "350000000000"])
        #expect(r.map(\.unit) == ["", ""])
        #expect(r[0].remark?.contains("补上单位") == true)
        #expect(r[0].written == "1.2万")
    }

    @Test func rangesAndListsShareTheLastUnit() {
        #expect(found("每户补贴5-10万元") == ["5 万元", "10 万元"])
        #expect(found("分别为3、5、7个") == ["3 个", "5 个", "7 个"])
        #expect(found("辐射量在 1620~1710 千瓦时/平方米之间") == ["1620 千瓦时/平方米", "1710 千瓦时/平方米"])
    }

    @Test func separatorsFullWidthDigitsAndSigns() throws {
        let r = NumberScanner.scan("人户分离人口1,445,835人，增长４１３．８％，增长率为-3.5%", units: units)
        #expect(r.map(\.value) == ["1445835", "413.8", "-3.5"])
        #expect(r.map(\.unit) == ["人", "%", "%"])
        #expect(r[0].written == "1,445,835人")
        // The Chinese comma separates items; it is never a thousands separator.
        #expect(found("新建6个，123个续建") == ["6 个", "123 个"])
    }

    @Test func unitsFromTheSite() throws {
        var site = UnitRegistry()
        try site.define("村", as: "count")
        #expect(NumberScanner.scan("全镇23村", units: site).map(\.unit) == ["村"])
        #expect(NumberScanner.scan("全镇23村", units: units).map(\.unit) == [""])
    }
}
