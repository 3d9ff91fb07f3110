@testable import Analysis
import BriefingCore
import Testing

/// How values are shown: the precision a reader sees follows what the source wrote.
@Suite struct DisplayTests {
    static let report = """
    ---
    title: 显示
    date: 2022-01-01
    figures:
      nonfossil: 11.2 亿千瓦
      coal: 11.1 亿千瓦
      a: 287.3 万千瓦
      b: 126.5 万千瓦
    indicators:
      over:
        formula: nonfossil - coal
        stated: ">0亿千瓦"
      total:
        formula: a + b
        stated: 413.8万千瓦
      ratio:
        formula: a / b
    ---
    正文。
    """

    /// 11.2 − 11.1 = 0.1: a stated bound `>0` has no decimals to round to, so the value keeps its own.
    @Test func boundShowsTheComputedValueNotItsRounding() throws {
        let site = try MiniSite(report: Self.report)
        let a = try site.analyze()
        #expect(a.display(of: "over") == "0.1亿千瓦")
        #expect(a.decimals(of: "over") == nil)
        // An equality keeps the written precision: 287.3 + 126.5 = 413.8, one decimal.
        #expect(a.display(of: "total") == "413.8万千瓦")
        #expect(a.decimals(of: "total") == 1)
    }
}
