import BriefingCore
import Import
import Testing

/// Ids, labels and heading paths of candidates in a small body; expectations by hand.
@Suite struct CandidateFinderTests {
    let body = """
    # 一、概况

    （一）装机情况。全市装机413.8万千瓦，截至2021年底占比7.6%。

    单位：万元

    | 序号 | 项目 | 投资 |
    |------|------|------|
    | 1    | 光伏 | 12.5 |
    | 2    | 风电 | 7.5  |

    # 二、建议

    - 新建3座电站（第26期学员建议）

    <!-- 图片已略去：图1 2021年装机 -->

    ```
    代码 99 个
    ```
    """

    @Test func idsWhereAndUnits() {
        let c = CandidateFinder.find(body: body, prefix: "demo", units: UnitRegistry())
        // Blocks: heading 1, paragraph 2, 单位 line 3, table 1, heading 4, list item 5.
        #expect(c.map(\.id) == ["demo.p2.n1", "demo.p2.n2", "demo.t1.r1.c3", "demo.t1.r2.c3", "demo.p5.n1"])
        #expect(c.map(\.number.value) == ["413.8", "7.6", "12.5", "7.5", "3"])
        // The table's bare numbers take the unit from the line above it; 序号 is numbering.
        #expect(c.map(\.number.unit) == ["万千瓦", "%", "万元", "万元", "座"])
        #expect(c.map(\.where_) == ["一、概况 / （一）装机情况", "一、概况 / （一）装机情况", "一、概况 / （一）装机情况",
                                    "一、概况 / （一）装机情况", "二、建议"])
        #expect(c[2].label == "光伏 投资")
        #expect(c[0].label.contains("全市装机413.8万千瓦"))
        #expect(c.map(\.bodyLine) == [2, 2, 8, 9, 13])
        #expect(c.allSatisfy { FigureID.isValid($0.id) })
        #expect(Set(c.map(\.id)).count == c.count)
    }

    @Test func headerUnitWinsOverNothing() {
        let table = """
        | 旗区 | 装机（万千瓦） | 占比(%) |
        |---|---|---|
        | 达拉特旗 | 120.5 | 29.1 |
        """
        let c = CandidateFinder.find(body: table, prefix: "t", units: UnitRegistry())
        #expect(c.map(\.number.unit) == ["万千瓦", "%"])
        #expect(c.map(\.label) == ["达拉特旗 装机（万千瓦）", "达拉特旗 占比(%)"])
        #expect(c.map(\.id) == ["t.t1.r1.c2", "t.t1.r1.c3"])
    }

    @Test func labelIsTheClauseAroundTheNumber() {
        let long = "据统计，全市风电、光伏、水电和生物质等各类新能源发电装机规模持续扩大，达到 5446 万千瓦（其中，风电 3996 万千瓦），继续位居全区前列。"
        let c = CandidateFinder.find(body: long, prefix: "x", units: UnitRegistry())
        #expect(c.map(\.number.value) == ["5446", "3996"])
        // The sentence is long: the clause with the number, without the bracket it opens.
        #expect(c[0].label == "达到 5446 万千瓦")
        #expect(c[1].label == "风电 3996 万千瓦")
    }
}
